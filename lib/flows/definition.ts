import { z } from 'zod';
import type { ConversationPriority } from '@/db/schema/conversations';
import { PRIORITY_LABELS } from '@/lib/conversations/priority-labels';
import { formFieldsSchema } from '@/lib/widget/forms/definition';

// A flow definition: steps with ids, validated with zod and then as a graph (every step a
// `next` names exists; no cycle that never stops to wait for the customer). Stored as JSON
// in flow_versions.definition.

const stepId = z.string().trim().min(1, 'A step needs an id').max(64).regex(/^[A-Za-z0-9_.-]+$/, 'Step ids use letters, digits, _ . -');
const next = stepId.optional();

export const channelKindSchema = z.enum(['facebook', 'instagram', 'whatsapp', 'line', 'x', 'apple', 'web']);

/** Where a validated answer goes: the contact's custom data, a tag, or a flow variable. */
export const saveTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('custom_data'), key: z.string().trim().min(1).max(60) }),
  /** Tags the contact with the answer itself (or with `tag` when given, e.g. "newsletter"). */
  z.object({ kind: z.literal('tag'), tag: z.string().trim().min(1).max(40).optional() }),
  z.object({ kind: z.literal('variable'), name: z.string().trim().min(1).max(60) }),
]);
export type SaveTarget = z.infer<typeof saveTarget>;

export const conditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('has_tag'), tag: z.string().min(1), negate: z.boolean().optional() }),
  z.object({
    kind: z.literal('custom_data'),
    key: z.string().min(1),
    op: z.enum(['exists', 'equals', 'contains']),
    value: z.string().optional(),
    negate: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('variable'),
    name: z.string().min(1),
    op: z.enum(['exists', 'equals', 'contains']),
    value: z.string().optional(),
    negate: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('channel'), channels: z.array(channelKindSchema).min(1), negate: z.boolean().optional() }),
  z.object({ kind: z.literal('business_hours'), negate: z.boolean().optional() }),
]);
export type Condition = z.infer<typeof conditionSchema>;

const messageContent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().min(1).max(2000) }),
  z.object({ kind: z.literal('image'), url: z.url(), caption: z.string().max(1000).optional() }),
  z.object({ kind: z.literal('file'), url: z.url(), name: z.string().max(200).optional() }),
]);

const choice = z.object({
  title: z.string().trim().min(1).max(40),
  /** Defaults to the title. */
  payload: z.string().max(200).optional(),
  next,
});

const base = { id: stepId };

// From the client-safe labels (the builder validates in the browser, without the schema's
// module), which name every priority of the schema.
const priorities = Object.keys(PRIORITY_LABELS) as [ConversationPriority, ...ConversationPriority[]];

export const stepSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('message'), content: messageContent, next }),
  z.object({
    ...base,
    type: z.literal('ask_choice'),
    text: z.string().min(1).max(2000),
    style: z.enum(['quick_replies', 'buttons']).default('quick_replies'),
    options: z.array(choice).min(1).max(13),
    saveTo: saveTarget.optional(),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    invalidText: z.string().max(500).optional(),
    /** After maxAttempts invalid answers; default: hand off to a human. */
    onInvalid: next,
  }),
  z.object({
    ...base,
    type: z.literal('ask_input'),
    text: z.string().min(1).max(2000),
    input: z.enum(['text', 'email', 'phone', 'number']),
    saveTo: saveTarget,
    min: z.number().optional(),
    max: z.number().optional(),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    invalidText: z.string().max(500).optional(),
    onInvalid: next,
    next,
  }),
  z.object({
    ...base,
    type: z.literal('condition'),
    rules: z.array(z.object({ all: z.array(conditionSchema).min(1), next: stepId })).min(1),
    else: next,
  }),
  z.object({ ...base, type: z.literal('tag'), action: z.enum(['add', 'remove']), tag: z.string().trim().min(1).max(40), next }),
  /** Sets the conversation's priority (none removes it); an SLA rule may match on it. */
  z.object({ ...base, type: z.literal('set_priority'), priority: z.enum(priorities, 'Choose a priority'), next }),
  z.object({ ...base, type: z.literal('set_data'), key: z.string().trim().min(1).max(60), value: z.string().max(500), next }),
  z.object({
    ...base,
    type: z.literal('show_products'),
    text: z.string().max(2000).optional(),
    productIds: z.array(z.uuid()).max(10).optional(),
    collectionId: z.uuid().optional(),
    next,
  }),
  /** A published help-centre article as a card; the text (optional) goes first. */
  z.object({ ...base, type: z.literal('send_article'), articleId: z.uuid('Choose an article'), text: z.string().max(2000).optional(), next }),
  z.object({
    ...base,
    type: z.literal('checkout'),
    /** One product; or a collection to pick from; neither: the `productId` / `payloadArg` variable. */
    productId: z.uuid().optional(),
    collectionId: z.uuid().optional(),
    delivery: z.array(z.enum(['delivery', 'collection_point'])).min(1).default(['delivery', 'collection_point']),
    maxQuantity: z.number().int().min(1).max(99).default(10),
    next,
    onCancel: next,
    onOutOfStock: next,
  }),
  z.object({
    ...base,
    type: z.literal('hand_off'),
    message: z.string().max(2000).optional(),
    teamId: z.uuid().optional(),
  }),
  z.object({ ...base, type: z.literal('goto_flow'), flowId: z.uuid() }),
  /** Stops until the customer's next message (which it consumes), then goes on. */
  z.object({ ...base, type: z.literal('wait'), next }),
  /**
   * The website chat shows `form` under `text` and waits for the answers (stored as a form
   * submission, mapped onto the customer); other channels skip the step.
   */
  z.object({ ...base, type: z.literal('show_form'), text: z.string().trim().min(1, 'Enter the message above the form').max(2000), form: formFieldsSchema, next }),
  z.object({ ...base, type: z.literal('end'), message: z.string().max(2000).optional() }),
]);
export type Step = z.infer<typeof stepSchema>;
export type StepType = Step['type'];

export const flowDefinitionSchema = z.object({
  start: stepId,
  steps: z.array(stepSchema).min(1).max(200),
});
export type FlowDefinition = z.infer<typeof flowDefinitionSchema>;
export type FlowDefinitionInput = z.input<typeof flowDefinitionSchema>;

/** Steps that stop and wait for the customer: a cycle must go through one of them. */
const WAITING: ReadonlySet<StepType> = new Set(['ask_choice', 'ask_input', 'wait', 'checkout']);

/** Every step id a step can go to next. */
export function successors(step: Step): string[] {
  const out: (string | undefined)[] = [];
  switch (step.type) {
    case 'ask_choice':
      out.push(...step.options.map((o) => o.next), step.onInvalid);
      break;
    case 'ask_input':
      out.push(step.next, step.onInvalid);
      break;
    case 'condition':
      out.push(...step.rules.map((r) => r.next), step.else);
      break;
    case 'checkout':
      out.push(step.next, step.onCancel, step.onOutOfStock);
      break;
    case 'hand_off':
    case 'goto_flow':
    case 'end':
      break;
    default:
      out.push(step.next);
  }
  return out.filter((s): s is string => Boolean(s));
}

export type ValidationResult = { ok: true; definition: FlowDefinition } | { ok: false; errors: string[] };

/** Schema, then graph: unique ids, known targets, no loop that never waits. */
export function validateDefinition(input: unknown): ValidationResult {
  const parsed = flowDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'definition'}: ${i.message}`) };
  }
  const definition = parsed.data;
  const errors: string[] = [];
  const byId = new Map<string, Step>();
  for (const step of definition.steps) {
    if (byId.has(step.id)) errors.push(`Two steps have the id "${step.id}"`);
    byId.set(step.id, step);
  }
  if (!byId.has(definition.start)) errors.push(`The start step "${definition.start}" does not exist`);
  for (const step of definition.steps) {
    for (const target of successors(step)) {
      if (!byId.has(target)) errors.push(`Step "${step.id}" goes to "${target}", which does not exist`);
    }
  }
  if (errors.length === 0) {
    // A cycle made only of non-waiting steps would run forever: DFS over those steps.
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (id: string, path: string[]): string[] | null => {
      const step = byId.get(id)!;
      if (WAITING.has(step.type)) return null;
      if (state.get(id) === 'done') return null;
      if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
      state.set(id, 'visiting');
      for (const target of successors(step)) {
        const loop = visit(target, [...path, id]);
        if (loop) return loop;
      }
      state.set(id, 'done');
      return null;
    };
    for (const step of definition.steps) {
      const loop = visit(step.id, []);
      if (loop) {
        errors.push(`Steps ${loop.map((s) => `"${s}"`).join(' → ')} loop without waiting for the customer (add a question or a wait)`);
        break;
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, definition };
}
