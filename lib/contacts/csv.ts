// CSV for spreadsheets (RFC 4180), safe against formula injection: a cell that a
// spreadsheet would run as a formula (starting with = + - @, also after spaces, or a tab
// or carriage return) is prefixed with a single quote so it is shown as text.

const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: CsvValue[]): string {
  return values.map(csvCell).join(',');
}

/** A whole file: UTF-8 byte order mark (so Excel reads Thai, emoji…), CRLF line ends. */
export function toCsv(rows: CsvValue[][]): string {
  return `\uFEFF${rows.map(csvRow).join('\r\n')}\r\n`;
}
