// Money is stored in minor units (cents, satang, fils) with its ISO currency. How many minor
// units make a major one depends on the currency (JPY none, USD 100, BHD 1000): always ask
// Intl, never divide by 100 by hand.

/** The currency's formatter, or null for a code Intl does not accept. */
// Building an Intl.NumberFormat costs far more than using one, and exports format the same
// few currencies thousands of times. Codes are three letters, so the cache stays small.
const formats = new Map<string, Intl.NumberFormat | null>();

function currencyFormat(currency: string): Intl.NumberFormat | null {
  let format = formats.get(currency);
  if (format !== undefined) return format;
  try {
    format = new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
  } catch {
    format = null;
  }
  if (currency.length <= 8 && formats.size < 1_000) formats.set(currency, format);
  return format;
}

/** How many decimals the currency has (2 for USD, 0 for JPY, 3 for BHD; 2 for an unknown code). */
function decimalsOf(format: Intl.NumberFormat | null): number {
  return format?.resolvedOptions().maximumFractionDigits ?? 2;
}

/** Minor units (cents, satang) → "฿1,290.00" / "$12.50" / "¥1,290" / "BHD 1.250", in the currency's own decimals. */
export function formatMoney(minor: number, currency: string): string {
  const format = currencyFormat(currency);
  const major = minor / 10 ** decimalsOf(format);
  return format ? plainSpaces(format.format(major)) : `${major.toFixed(decimalsOf(format))} ${currency}`;
}

/**
 * A major-unit amount as it comes in a message payload (12.5 USD, 1290 JPY) → "$12.50",
 * or null when the payload's currency is not an ISO code (payloads are untrusted JSON).
 */
export function formatMajorAmount(major: number, currency: unknown): string | null {
  const format = typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currencyFormat(currency) : null;
  return format ? plainSpaces(format.format(major)) : null;
}

/** How many minor units one major unit holds for a currency (100 for USD, 1 for JPY). */
export function minorPerMajor(currency: string): number {
  return 10 ** decimalsOf(currencyFormat(currency));
}

// Intl puts a no-break space between a code and the amount ("BHD 1.250"); plain text reads
// the same and matches what people type when searching.
const plainSpaces = (text: string) => text.replace(/\u00a0/g, ' ');
