import { PRIORITY_LABELS } from '@/lib/conversations/priority-labels';
import type { FlowDefinitionInput, StepType } from '@/lib/flows/definition';

// The visual builder's pure model: the flow definition as the builder edits it (the zod
// schema's input shape, so defaults may be left out), and the edits the step list makes.

export type Draft = FlowDefinitionInput;
export type StepDraft = Draft['steps'][number];
export type StepOf<T extends StepType> = Extract<StepDraft, { type: T }>;

export const STEP_KINDS: { type: StepType; label: string; hint: string }[] = [
  { type: 'message', label: 'Send a message', hint: 'Text, an image or a file' },
  { type: 'ask_choice', label: 'Ask with choices', hint: 'Quick replies or buttons, each going to a step' },
  { type: 'ask_input', label: 'Ask for an answer', hint: 'Text, email, phone or a number, saved to the customer' },
  { type: 'condition', label: 'Condition', hint: 'Branch on tags, custom data, channel or business hours' },
  { type: 'tag', label: 'Add or remove a tag', hint: 'Tag the customer' },
  { type: 'set_data', label: 'Set custom data', hint: 'Save a value on the customer' },
  { type: 'set_priority', label: 'Set priority', hint: 'The conversation’s priority, for the list and SLA rules' },
  { type: 'show_products', label: 'Show products', hint: 'Products or a collection' },
  { type: 'send_article', label: 'Send an article', hint: 'A published help-centre article as a card' },
  { type: 'checkout', label: 'Checkout', hint: 'Variant, quantity, delivery and an order' },
  { type: 'hand_off', label: 'Hand off to a human', hint: 'To Requests or a team' },
  { type: 'goto_flow', label: 'Go to another flow', hint: 'Continue in another flow' },
  { type: 'wait', label: 'Wait for the customer', hint: 'Until their next message' },
  { type: 'show_form', label: 'Show a form', hint: 'Website chat: fields the customer fills in, saved to the customer' },
  { type: 'end', label: 'End', hint: 'Optionally with a last message' },
];

export const stepLabel = (type: StepType) => STEP_KINDS.find((k) => k.type === type)?.label ?? type;

/** A step id not used yet: "message", "message-2", … */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const ids = new Set(taken);
  const clean = base.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56) || 'step';
  if (!ids.has(clean)) return clean;
  for (let n = 2; ; n++) if (!ids.has(`${clean}-${n}`)) return `${clean}-${n}`;
}

/** A new step of a kind with sensible contents (valid except for the ids/uuids it needs). */
export function newStep(type: StepType, taken: Iterable<string>): StepDraft {
  const id = uniqueId(type.replace('_', '-'), taken);
  switch (type) {
    case 'message':
      return { id, type, content: { kind: 'text', text: 'Hello!' } };
    case 'ask_choice':
      return { id, type, text: 'What would you like to do?', style: 'quick_replies', options: [{ title: 'Yes' }, { title: 'No' }], maxAttempts: 3 };
    case 'ask_input':
      return { id, type, text: 'What is your email?', input: 'email', saveTo: { kind: 'custom_data', key: 'email' }, maxAttempts: 3 };
    case 'condition':
      return { id, type, rules: [{ all: [{ kind: 'business_hours' }], next: '' }] };
    case 'tag':
      return { id, type, action: 'add', tag: 'lead' };
    case 'set_data':
      return { id, type, key: 'source', value: 'bot' };
    case 'set_priority':
      return { id, type, priority: 'high' };
    case 'show_products':
      return { id, type, text: 'Here are our favourites:' };
    case 'send_article':
      return { id, type, articleId: '', text: 'This article should help:' };
    case 'checkout':
      return { id, type, delivery: ['delivery', 'collection_point'], maxQuantity: 10 };
    case 'hand_off':
      return { id, type, message: 'Connecting you with our team.' };
    case 'goto_flow':
      return { id, type, flowId: '' };
    case 'wait':
      return { id, type };
    case 'show_form':
      return { id, type, text: 'A few details, please:', form: { name: 'required', email: 'required', phone: 'off', customFields: [], consent: { enabled: false, text: '' } } };
    case 'end':
      return { id, type };
  }
}

/** Adds a step at the end (the first step becomes the start). */
export function addStep(draft: Draft, type: StepType): { draft: Draft; id: string } {
  const step = newStep(type, draft.steps.map((s) => s.id));
  return { draft: { start: draft.steps.length === 0 ? step.id : draft.start, steps: [...draft.steps, step] }, id: step.id };
}

export function moveStep(draft: Draft, index: number, delta: -1 | 1): Draft {
  const to = index + delta;
  if (index < 0 || index >= draft.steps.length || to < 0 || to >= draft.steps.length) return draft;
  const steps = [...draft.steps];
  [steps[index], steps[to]] = [steps[to]!, steps[index]!];
  return { ...draft, steps };
}

/** Removes a step; the start moves to the first remaining step. Links to it stay (and are reported). */
export function deleteStep(draft: Draft, index: number): Draft {
  const removed = draft.steps[index];
  if (!removed) return draft;
  const steps = draft.steps.filter((_, i) => i !== index);
  const start = draft.start === removed.id && !steps.some((s) => s.id === removed.id) ? (steps[0]?.id ?? '') : draft.start;
  return { start, steps };
}

/** A copy right after the original, with a new id. */
export function duplicateStep(draft: Draft, index: number): { draft: Draft; id: string } {
  const original = draft.steps[index];
  if (!original) return { draft, id: '' };
  const copy = { ...structuredClone(original), id: uniqueId(`${original.id}-copy`, draft.steps.map((s) => s.id)) } as StepDraft;
  const steps = [...draft.steps.slice(0, index + 1), copy, ...draft.steps.slice(index + 1)];
  return { draft: { ...draft, steps }, id: copy.id };
}

const renameIn = (value: string | undefined, from: string, to: string) => (value === from ? to : value);

/** Changes a step's id and every link to it (start, next, branches). */
export function renameStep(draft: Draft, index: number, to: string): Draft {
  const from = draft.steps[index]?.id;
  if (from === undefined || from === to) return draft;
  const relink = (step: StepDraft): StepDraft => {
    const s = { ...step } as Record<string, unknown>;
    for (const key of ['next', 'onInvalid', 'else', 'onCancel', 'onOutOfStock']) {
      if (typeof s[key] === 'string') s[key] = renameIn(s[key] as string, from, to);
    }
    if (step.type === 'ask_choice') s.options = step.options.map((o) => ({ ...o, next: renameIn(o.next, from, to) }));
    if (step.type === 'condition') s.rules = step.rules.map((r) => ({ ...r, next: renameIn(r.next, from, to) ?? '' }));
    return s as StepDraft;
  };
  const steps = draft.steps.map((step, i) => (i === index ? { ...relink(step), id: to } : relink(step)));
  // Another step keeping the old id keeps the links too only if ids were duplicated; fine.
  return { start: draft.start === from ? to : draft.start, steps };
}

export type ProblemMap = { general: string[]; byStep: Map<number, string[]> };

/** Sorts validateDefinition's messages by the step they concern (by index), the rest general. */
export function problemsByStep(draft: Draft, errors: string[]): ProblemMap {
  const byStep = new Map<number, string[]>();
  const general: string[] = [];
  const put = (index: number, message: string) => byStep.set(index, [...(byStep.get(index) ?? []), message]);
  const indexesOf = (id: string) => draft.steps.flatMap((s, i) => (s.id === id ? [i] : []));
  for (const error of errors) {
    const schema = /^steps\.(\d+)(?:\.([^:]*))?: (.*)$/.exec(error);
    if (schema) {
      const field = schema[2] ? `${humanPath(schema[2])}: ` : '';
      put(Number(schema[1]), `${field}${schema[3]}`);
      continue;
    }
    const named = /^(?:Step|Two steps have the id|Steps) "([^"]+)"/.exec(error);
    const targets = named ? indexesOf(named[1]!) : [];
    if (targets.length) targets.forEach((i) => put(i, error));
    else general.push(error);
  }
  return { general, byStep };
}

function humanPath(path: string): string {
  return path
    .split('.')
    .map((p) => (/^\d+$/.test(p) ? `#${Number(p) + 1}` : p))
    .join(' ');
}

/** One line describing a step in the list. */
export function summarize(step: StepDraft): string {
  switch (step.type) {
    case 'message':
      return step.content.kind === 'text' ? step.content.text : `${step.content.kind}: ${step.content.url}`;
    case 'ask_choice':
      return `${step.text} [${step.options.map((o) => o.title).join(' / ')}]`;
    case 'ask_input':
      return `${step.text} (${step.input})`;
    case 'condition':
      return `${step.rules.length} rule${step.rules.length === 1 ? '' : 's'}`;
    case 'tag':
      return `${step.action === 'add' ? 'Add' : 'Remove'} tag ${step.tag}`;
    case 'set_data':
      return `${step.key} = ${step.value}`;
    case 'set_priority':
      return `Set priority: ${PRIORITY_LABELS[step.priority]}`;
    case 'show_products':
      return step.text ?? 'Products';
    case 'send_article':
      return step.text ? `${step.text} (article)` : 'An article';
    case 'checkout':
      return 'Checkout';
    case 'hand_off':
      return step.message ?? 'To Requests';
    case 'goto_flow':
      return 'Another flow';
    case 'wait':
      return 'Wait for the customer';
    case 'show_form':
      return `${step.text} (form)`;
    case 'end':
      return step.message ?? 'End of the flow';
  }
}
