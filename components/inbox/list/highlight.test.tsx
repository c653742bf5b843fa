import { describe, expect, it } from 'vitest';
import { highlightRanges } from './highlight';

describe('highlightRanges', () => {
  it('finds every case-insensitive occurrence, treating the term literally', () => {
    expect(highlightRanges('Anna Annabel', 'ann')).toEqual([
      [0, 3],
      [5, 8],
    ]);
    expect(highlightRanges('50% off (a.b)', '(a.b)')).toEqual([[8, 13]]);
    expect(highlightRanges('50% off', '.*')).toEqual([]);
    expect(highlightRanges('anything', '  ')).toEqual([]);
  });

  it('matches a phone number by its digits across separators', () => {
    expect(highlightRanges('+66 81 234 5678', '812345', 'phone')).toEqual([[4, 12]]);
    expect(highlightRanges('+66 81 234 5678', '81 234', 'phone')).toEqual([[4, 10]]);
    expect(highlightRanges('+66 81 234 5678', '812345', 'text')).toEqual([]);
  });
});
