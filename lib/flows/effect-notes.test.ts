import { describe, expect, it } from 'vitest';
import { effectNote } from './effect-notes';

describe('effectNote', () => {
  it('says what a real run would change', () => {
    expect(effectNote({ kind: 'set_priority', priority: 'urgent' })).toBe('Priority set to Urgent');
    expect(effectNote({ kind: 'set_priority', priority: 'none' })).toBe('Priority removed');
    expect(effectNote({ kind: 'add_tag', tag: 'lead' })).toBe('Tag added: lead');
    expect(effectNote({ kind: 'remove_tag', tag: 'lead' })).toBe('Tag removed: lead');
    expect(effectNote({ kind: 'set_custom_data', key: 'size', value: 'M' })).toBe('Custom data: size = M');
  });
});
