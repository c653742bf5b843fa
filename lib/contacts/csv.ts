import { neutralizeFormula } from '@/lib/csv/formula';

// CSV for spreadsheets (RFC 4180), safe against formula injection through the shared
// neutralizeFormula (lib/csv/formula.ts).

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  const s = neutralizeFormula(value === null || value === undefined ? '' : String(value));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: CsvValue[]): string {
  return values.map(csvCell).join(',');
}

/** A whole file: UTF-8 byte order mark (so Excel reads Thai, emoji…), CRLF line ends. */
export function toCsv(rows: CsvValue[][]): string {
  return `\uFEFF${rows.map(csvRow).join('\r\n')}\r\n`;
}
