import { describe, expect, it } from 'vitest';
import { neutralizeFormula, parseCsv, restoreFormula, writeCsv } from './csv';

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, commas, line breaks, CRLF and a BOM', () => {
    const result = parseCsv('\ufeffa,b,c\r\n"x, y","say ""hi""","line\nbreak"\n\nlast,,\n');
    expect(result).toEqual({ ok: true, rows: [['a', 'b', 'c'], ['x, y', 'say "hi"', 'line\nbreak'], ['last', '', '']], lines: [1, 2, 5] });
  });
  it('reads a last row without a line end, and empty quoted fields', () => {
    expect(parseCsv('a,""\n"b",c')).toEqual({ ok: true, rows: [['a', ''], ['b', 'c']], lines: [1, 2] });
  });
  it('refuses an unclosed quote and text after a closing quote', () => {
    expect(parseCsv('a\n"open,b\nc')).toMatchObject({ ok: false, line: 2 });
    expect(parseCsv('"a"b,c')).toMatchObject({ ok: false, line: 1 });
    expect(parseCsv('ab"c"')).toMatchObject({ ok: false });
  });
});

describe('writeCsv', () => {
  it('quotes what needs quoting and round-trips through parseCsv', () => {
    const rows = [['sku', 'name'], ['A', 'Tee, "classic"\nไทย'], ['B', ' padded ']];
    const text = writeCsv(rows, { bom: true });
    expect(text).toBe('\ufeffsku,name\r\nA,"Tee, ""classic""\nไทย"\r\nB," padded "\r\n');
    expect(parseCsv(text)).toMatchObject({ ok: true, rows });
  });
  it('neutralizes formulas (= + - @ tab CR) but keeps plain numbers', () => {
    expect(neutralizeFormula('=1+1')).toBe("'=1+1");
    expect(neutralizeFormula('+cmd')).toBe("'+cmd");
    expect(neutralizeFormula('-2+3')).toBe("'-2+3");
    expect(neutralizeFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralizeFormula('\t=x')).toBe("'\t=x");
    expect(neutralizeFormula('-12.5')).toBe('-12.5');
    expect(neutralizeFormula('#tag')).toBe('#tag');
    expect(restoreFormula("'=1+1")).toBe('=1+1');
    expect(restoreFormula("'plain")).toBe("'plain");
    for (const text of ["'=typed apostrophe", "''@x", '=x', "'plain", '-3']) expect(restoreFormula(neutralizeFormula(text))).toBe(text);
    expect(writeCsv([['=HYPERLINK("x")']])).toBe(`"'=HYPERLINK(""x"")"\r\n`);
  });
});
