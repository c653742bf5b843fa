import { describe, expect, it } from 'vitest';
import { applySuggestion, findTrigger } from './trigger';

const at = (text: string) => findTrigger(text, text.length);

describe('findTrigger', () => {
  it('opens shortcuts on / and text blocks on # at the start or after whitespace', () => {
    expect(at('/')).toEqual({ kind: 'shortcut', query: '', start: 0, end: 1 });
    expect(at('/than')).toEqual({ kind: 'shortcut', query: 'than', start: 0, end: 5 });
    expect(at('Hello #ret')).toEqual({ kind: 'text_block', query: 'ret', start: 6, end: 10 });
    expect(at('Line one\n/hi')).toMatchObject({ kind: 'shortcut', query: 'hi', start: 9 });
  });

  it('does not open inside words, URLs or after a space in the query', () => {
    expect(at('https://example.com/pa')).toBeNull();
    expect(at('1/2')).toBeNull();
    expect(at('order#1042')).toBeNull();
    expect(at('/thanks ')).toBeNull();
    expect(at('plain text')).toBeNull();
  });

  it('uses the caret, not the end of the text', () => {
    const text = '/ship and more';
    expect(findTrigger(text, 5)).toEqual({ kind: 'shortcut', query: 'ship', start: 0, end: 5 });
    expect(findTrigger(text, 9)).toBeNull();
  });
});

describe('applySuggestion', () => {
  it('replaces the trigger and query with the insertion and puts the caret after it', () => {
    const text = 'Hi /tha, see you';
    const trigger = findTrigger(text, 7)!;
    expect(applySuggestion(text, trigger, 'Thanks Kerry!')).toEqual({ text: 'Hi Thanks Kerry!, see you', caret: 16 });
  });
});
