// Thai and Japanese are written without spaces between words, so PostgreSQL's parsers see a
// whole sentence as one "word" and full text search cannot find a word inside it. Such text
// is also indexed as overlapping two-character pieces (the bigrams of CJK search engines):
// "返品について" → "返品 品に につ つい いて て". A query becomes those pieces, each
// following the last (the phrase operator <->), which the GIN index answers.

/** Thai, kana and CJK ideographs (the katakana middle dot, U+30FB, is punctuation). */
export const SUBSTRING_SCRIPT = /[\u0E00-\u0E7F\u3040-\u30FA\u30FC-\u30FF\u3400-\u9FFF\uF900-\uFAFF\uFF66-\uFF9F]/;
const RUNS = /[\u0E00-\u0E7F\u3040-\u30FA\u30FC-\u30FF\u3400-\u9FFF\uF900-\uFAFF\uFF66-\uFF9F]+/g;
// Thai vowel and tone marks: PostgreSQL's parser treats them as spaces, which would split a
// piece in two; both the text and the query drop them.
const THAI_MARKS = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g;

function runsOf(text: string): string[] {
  return (text.replace(THAI_MARKS, '').match(RUNS) ?? []).map((r) => r).filter(Boolean);
}

function pieces(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
  // The last character alone too, so a one-character query finds it at the end of a run.
  out.push(chars[chars.length - 1]);
  return out;
}

/** What to index for a text: its Thai/Japanese runs as pieces ('' when it has none). */
export function scriptGrams(text: string): string {
  return runsOf(text)
    .map((run) => pieces(run).join(' '))
    .join(' ');
}

/**
 * The tsquery text ('simple' configuration) for the Thai/Japanese parts of a query: each
 * run's pieces as a phrase, runs AND-ed; one character matches as a prefix. Null when the
 * query has no such characters.
 */
export function scriptGramQuery(q: string): string | null {
  const runs = runsOf(q);
  if (runs.length === 0) return null;
  return runs
    .map((run) => {
      const chars = [...run];
      if (chars.length === 1) return `'${chars[0]}':*`;
      const pairs: string[] = [];
      for (let i = 0; i < chars.length - 1; i++) pairs.push(`'${chars[i]}${chars[i + 1]}'`);
      return `(${pairs.join(' <-> ')})`;
    })
    .join(' & ');
}
