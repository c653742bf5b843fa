import { describe, expect, it } from 'vitest';
import { csvCell } from '@/lib/contacts/csv';
import { neutralizeFormula as productCsvNeutralizer, writeCsv } from '@/lib/commerce/csv';
import { neutralizeFormula, restoreFormula } from './formula';

describe('neutralizeFormula', () => {
  it('neutralises formulas after leading spaces or a tab, and full-width forms', () => {
    for (const cell of ['  =1+1', ' +cmd', '   -2+3', '  @SUM(A1)', '\t=cmd', '\r=x', '\u3000=1', '＝1+1', ' \t=HYPERLINK("http://x")']) {
      expect(neutralizeFormula(cell), JSON.stringify(cell)).toBe(`'${cell}`);
    }
  });

  it('keeps plain numbers and ordinary text', () => {
    for (const cell of ['-12.5', '+66', '42', '#tag', 'hello = world', '']) expect(neutralizeFormula(cell)).toBe(cell);
  });

  it('round-trips through restoreFormula, apostrophes included', () => {
    for (const cell of ['  =1+1', '\t=cmd', "'=already", '=x', 'plain', '-12.5']) expect(restoreFormula(neutralizeFormula(cell))).toBe(cell);
  });

  it('is the one neutraliser of the product CSV and the transcript/contacts CSV', () => {
    expect(productCsvNeutralizer).toBe(neutralizeFormula);
    expect(writeCsv([['  =1+1', '\t=cmd']])).toBe(`'  =1+1,'\t=cmd\r\n`);
    expect(csvCell('  =1+1')).toBe("'  =1+1");
    expect(csvCell('\t=cmd')).toBe("'\t=cmd");
  });
});
