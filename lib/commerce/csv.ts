import { neutralizeFormula } from '@/lib/csv/formula';

export { neutralizeFormula, restoreFormula } from '@/lib/csv/formula';

// A small RFC 4180 reader and writer (no dependency needed for this much): quoted fields
// with commas, doubled quotes and line breaks, CRLF or LF rows, and a leading UTF-8 BOM.

/** `lines`: the line each row starts on (1-based), for error messages. */
export type CsvParseResult = { ok: true; rows: string[][]; lines: number[] } | { ok: false; error: string; line: number };

/** Parses CSV text into rows of fields. Empty lines are dropped. */
export function parseCsv(input: string): CsvParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  const lines: number[] = [];
  let rowLine = 1;
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let quoteLine = 1;
  const endRow = () => {
    row.push(field);
    if (!(row.length === 1 && row[0] === '' && !fieldStarted)) {
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          const next = text[i + 1];
          if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
            return { ok: false, error: 'A quoted field must end at a comma or the end of the line.', line };
          }
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field !== '') return { ok: false, error: 'A quote may only start a field (double it inside a quoted field).', line };
      quoted = true;
      fieldStarted = true;
      quoteLine = line;
    } else if (c === ',') {
      row.push(field);
      field = '';
      fieldStarted = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      field += c;
    }
  }
  if (quoted) return { ok: false, error: 'A quoted field is never closed.', line: quoteLine };
  if (field !== '' || row.length > 0 || fieldStarted) endRow();
  return { ok: true, rows, lines };
}

function quoteField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows → CSV text with CRLF line ends; every cell neutralized against formulas. */
export function writeCsv(rows: string[][], options: { bom?: boolean } = {}): string {
  const body = rows.map((r) => r.map((v) => quoteField(neutralizeFormula(v))).join(',')).join('\r\n') + '\r\n';
  return (options.bom ? '\ufeff' : '') + body;
}
