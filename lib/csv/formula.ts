// The one guard against CSV formula injection, used by every CSV Baton writes (product
// catalogue export, transcripts): a cell a spreadsheet would run as a formula gets a
// leading apostrophe, which Excel, Sheets and LibreOffice show as text. Spreadsheets skip
// leading whitespace before = + - @ (and their full-width forms), so those count too, as
// does a leading tab or carriage return. Plain numbers (-12.5) are kept as they are.

const FORMULA = /^'*(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** The cell as a spreadsheet will show it, never run it. */
export function neutralizeFormula(value: string): string {
  // Text that already starts with apostrophes before such a character gets one more, so
  // restoreFormula gives back exactly what was stored.
  return FORMULA.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** Undoes neutralizeFormula on import (one leading apostrophe before a formula start). */
export function restoreFormula(value: string): string {
  return value.startsWith("'") && FORMULA.test(value.slice(1)) && !PLAIN_NUMBER.test(value.slice(1)) ? value.slice(1) : value;
}
