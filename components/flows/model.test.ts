import { describe, expect, it } from 'vitest';
import { validateDefinition } from '@/lib/flows/definition';
import { addStep, deleteStep, duplicateStep, moveStep, newStep, problemsByStep, renameStep, STEP_KINDS, summarize, uniqueId, type Draft } from './model';

const draft: Draft = {
  start: 'hello',
  steps: [
    { id: 'hello', type: 'ask_choice', text: 'Hi', options: [{ title: 'Hours', next: 'hours' }, { title: 'Agent', next: 'agent' }] },
    { id: 'hours', type: 'message', content: { kind: 'text', text: 'Open 10-20' }, next: 'bye' },
    { id: 'bye', type: 'end' },
    { id: 'agent', type: 'hand_off' },
  ],
};

describe('flow builder model', () => {
  it('makes unique ids', () => {
    expect(uniqueId('hello', ['hello', 'hello-2'])).toBe('hello-3');
    expect(uniqueId('new step!', [])).toBe('new-step');
  });

  it('creates every step kind with a schema-valid shape (uuid fields aside)', () => {
    for (const { type } of STEP_KINDS) {
      if (type === 'goto_flow' || type === 'condition' || type === 'send_article') continue;
      const step = newStep(type, []);
      expect(validateDefinition({ start: step.id, steps: [step] }).ok, type).toBe(true);
    }
  });

  it('adds, moves, duplicates and deletes steps', () => {
    const added = addStep({ start: '', steps: [] }, 'message');
    expect(added.draft.start).toBe(added.id);
    const moved = moveStep(draft, 0, 1);
    expect(moved.steps.map((s) => s.id)).toEqual(['hours', 'hello', 'bye', 'agent']);
    expect(moveStep(draft, 0, -1)).toBe(draft);
    const dup = duplicateStep(draft, 1);
    expect(dup.id).toBe('hours-copy');
    expect(dup.draft.steps[2]).toMatchObject({ id: 'hours-copy', type: 'message', next: 'bye' });
    const deleted = deleteStep(draft, 0);
    expect(deleted.start).toBe('hours');
    expect(deleted.steps).toHaveLength(3);
  });

  it('describes a set priority step in the list by the priority’s label', () => {
    expect(newStep('set_priority', [])).toEqual({ id: 'set-priority', type: 'set_priority', priority: 'high' });
    expect(summarize({ id: 'p', type: 'set_priority', priority: 'urgent' })).toBe('Set priority: Urgent');
    expect(summarize({ id: 'p', type: 'set_priority', priority: 'none' })).toBe('Set priority: No priority');
  });

  it('renames a step and its links', () => {
    const renamed = renameStep(draft, 1, 'opening');
    expect(renamed.steps[0]).toMatchObject({ options: [{ next: 'opening' }, { next: 'agent' }] });
    expect(renamed.steps[1]!.id).toBe('opening');
    expect(validateDefinition(renamed).ok).toBe(true);
    expect(renameStep(draft, 0, 'start').start).toBe('start');
  });

  it('puts save-time problems next to their step', () => {
    const broken: Draft = { start: 'hello', steps: [draft.steps[0]!, { id: 'hours', type: 'message', content: { kind: 'text', text: '' } }] };
    const schema = validateDefinition(broken);
    expect(schema.ok).toBe(false);
    const p1 = problemsByStep(broken, schema.ok ? [] : schema.errors);
    expect(p1.byStep.get(1)?.[0]).toMatch(/^content text: /);
    const graph: Draft = { start: 'nope', steps: [draft.steps[0]!, { id: 'hours', type: 'end' }] };
    const result = validateDefinition(graph);
    const p2 = problemsByStep(graph, result.ok ? [] : result.errors);
    expect(p2.byStep.get(0)).toEqual(['Step "hello" goes to "agent", which does not exist']);
    expect(p2.general).toEqual(['The start step "nope" does not exist']);
  });
});
