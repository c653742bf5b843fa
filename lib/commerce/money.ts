/** Minor units (cents, satang) → "฿1,290.00" / "$12.50", in the currency's own decimals. */
export function formatMoney(minor: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits).replace(/\u00a0/g, ' ');
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

/** How many minor units one major unit holds for a currency (100 for USD, 1 for JPY). */
export function minorPerMajor(currency: string): number {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return 10 ** digits;
  } catch {
    return 100;
  }
}
