import { describe, expect, it } from 'vitest';
import { validateDefinition } from './definition';

describe('validateDefinition', () => {
  it('accepts a well-formed flow and fills defaults', () => {
    const result = validateDefinition({
      start: 'ask',
      steps: [
        { id: 'ask', type: 'ask_choice', text: 'Hi!', options: [{ title: 'Yes', next: 'bye' }] },
        { id: 'bye', type: 'end', message: 'Bye' },
      ],
    });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.definition.steps[0]).toMatchObject({ style: 'quick_replies', maxAttempts: 3 });
  });

  it('refuses a missing step, a missing start and duplicate ids', () => {
    const result = validateDefinition({
      start: 'nope',
      steps: [
        { id: 'a', type: 'message', content: { kind: 'text', text: 'x' }, next: 'ghost' },
        { id: 'a', type: 'end' },
      ],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.join('\n')).toContain('start step "nope"');
      expect(result.errors.join('\n')).toContain('"ghost", which does not exist');
      expect(result.errors.join('\n')).toContain('Two steps have the id "a"');
    }
  });

  it('refuses a loop that never waits, accepts one through a question or a wait', () => {
    const loop = validateDefinition({
      start: 'a',
      steps: [
        { id: 'a', type: 'message', content: { kind: 'text', text: 'x' }, next: 'b' },
        { id: 'b', type: 'tag', action: 'add', tag: 't', next: 'a' },
      ],
    });
    expect(loop.ok).toBe(false);
    if (!loop.ok) expect(loop.errors[0]).toMatch(/"a" → "b" → "a" loop without waiting/);

    const waits = validateDefinition({
      start: 'a',
      steps: [
        { id: 'a', type: 'message', content: { kind: 'text', text: 'x' }, next: 'w' },
        { id: 'w', type: 'wait', next: 'a' },
      ],
    });
    expect(waits.ok).toBe(true);
  });

  it('refuses unknown step kinds and bad fields with a path', () => {
    const result = validateDefinition({ start: 'a', steps: [{ id: 'a', type: 'teleport' }] });
    expect(result.ok).toBe(false);
    const bad = validateDefinition({ start: 'a', steps: [{ id: 'a', type: 'ask_input', text: 'Email?', input: 'email' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toContain('steps.0.saveTo');
  });
});
