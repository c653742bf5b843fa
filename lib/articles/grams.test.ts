import { describe, expect, it } from 'vitest';
import { scriptGramQuery, scriptGrams } from './grams';

describe('Thai and Japanese pieces', () => {
  it('indexes overlapping two-character pieces of each run, and the last character', () => {
    expect(scriptGrams('返品について: free returns')).toBe('返品 品に につ つい いて て');
    expect(scriptGrams('English only')).toBe('');
    // Thai marks are dropped: the database's parser would read them as spaces.
    expect(scriptGrams('คืนสินค้า')).toBe('คน นส สน นค คา า');
  });

  it('queries the pieces as a phrase, runs AND-ed, one character as a prefix', () => {
    expect(scriptGramQuery('返品')).toBe("('返品')");
    expect(scriptGramQuery('ギフトカード 返品')).toBe("('ギフ' <-> 'フト' <-> 'トカ' <-> 'カー' <-> 'ード') & ('返品')");
    expect(scriptGramQuery('返')).toBe("'返':*");
    expect(scriptGramQuery('return')).toBeNull();
  });
});
