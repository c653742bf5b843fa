import { z } from 'zod';
import type { OutboundMessage } from '@/channels/types';
import type { Db } from '@/db/client';
import { flowKinds } from '@/db/schema/flows';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { loadCatalogue } from '@/lib/commerce/catalogue';
import { publishedArticleCards } from '@/lib/articles/card';
import { configuredOrigin } from '@/lib/articles/links';
import { UserError } from '@/lib/errors';
import { validateDefinition } from './definition';
import { effectNote } from './effect-notes';
import { advance, FlowRuntimeError, initialState, type Outcome } from './engine';
import { createFlow, deleteFlow, duplicateFlow, setFlowEnabled, updateFlow } from './store';

// Settings → Flows services: what the server actions call (admins only, checked there).

const list = (s: string) =>
  s
    .split(/[,\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

export const saveFlowInput = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, 'Name the flow').max(80),
  kind: z.enum(flowKinds),
  enabled: z.boolean(),
  welcomeChannels: z.array(z.enum(['facebook', 'instagram', 'whatsapp', 'line', 'x', 'apple', 'web'])).default([]),
  keywords: z.string().max(2000).default(''),
  payloads: z.string().max(4000).default(''),
  patterns: z.string().max(4000).default(''),
  definition: z.string().min(2, 'Paste the flow definition').max(200_000),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError('invalid', 'The definition is not valid JSON.', { definition: [error instanceof Error ? error.message : 'Invalid JSON'] });
  }
}

export async function saveFlow(db: Db, ctx: ActorContext, input: z.infer<typeof saveFlowInput>) {
  const definition = parseJson(input.definition);
  const triggers = {
    ...(input.welcomeChannels.length ? { welcomeChannels: input.welcomeChannels } : {}),
    ...(list(input.keywords).length ? { keywords: list(input.keywords) } : {}),
    ...(list(input.payloads).length ? { payloads: list(input.payloads) } : {}),
    ...(input.patterns.trim() ? { patterns: input.patterns.split('\n').map((p) => p.trim()).filter(Boolean) } : {}),
  };
  const fields = { name: input.name, kind: input.kind, enabled: input.enabled, triggers, definition };
  return db.transaction(async (tx) => {
    const flow = input.id ? await updateFlow(tx, ctx.workspaceId, input.id, fields, ctx.actor.id) : await createFlow(tx, ctx.workspaceId, fields, ctx.actor.id);
    await writeAudit(tx, ctx, input.id ? 'flow.updated' : 'flow.created', { type: 'flow', id: flow.id }, { name: flow.name, version: flow.currentVersion });
    return { id: flow.id, version: flow.currentVersion };
  });
}

export const flowIdInput = z.object({ id: z.uuid() });
export const setEnabledInput = z.object({ id: z.uuid(), enabled: z.boolean() });

export async function toggleFlow(db: Db, ctx: ActorContext, input: z.infer<typeof setEnabledInput>) {
  const flow = await setFlowEnabled(db, ctx.workspaceId, input.id, input.enabled);
  return { id: flow.id, enabled: flow.enabled };
}

export async function removeFlow(db: Db, ctx: ActorContext, input: z.infer<typeof flowIdInput>) {
  await deleteFlow(db, ctx.workspaceId, input.id);
  return { id: input.id };
}

export async function copyFlow(db: Db, ctx: ActorContext, input: z.infer<typeof flowIdInput>) {
  const flow = await duplicateFlow(db, ctx.workspaceId, input.id, ctx.actor.id);
  return { id: flow.id, name: flow.name };
}

// ---------- try the flow (preview chat, nothing stored, nothing sent) ----------

export const previewInput = z.object({
  definition: z.string().max(200_000),
  /** The preview's state so far (opaque to the browser), null to start. */
  state: z.unknown().nullable(),
  text: z.string().max(1000).default(''),
  payload: z.string().max(200).optional(),
});

/** `notes`: what a real run would have changed (tags, custom data, priority), nothing stored. */
export type PreviewResult = { outputs: OutboundMessage[]; notes: string[]; state: unknown; outcome: Outcome | { kind: 'error'; message: string } };

export async function previewFlow(db: Db, ctx: ActorContext, input: z.infer<typeof previewInput>): Promise<PreviewResult> {
  const checked = validateDefinition(parseJson(input.definition));
  if (!checked.ok) throw new UserError('invalid', `This flow cannot run: ${checked.errors.join('; ')}`);
  const definition = checked.definition;
  const state = (input.state as ReturnType<typeof initialState> | null) ?? initialState('preview', 0, definition);
  const productIds: string[] = [];
  const collectionIds: string[] = [];
  const articleIds: string[] = [];
  JSON.stringify({ d: definition, v: state.variables }, (key, value) => {
    if (typeof value === 'string' && key === 'articleId') articleIds.push(value);
    if (typeof value === 'string' && (key === 'productId' || key === 'payloadArg')) productIds.push(value);
    if (typeof value === 'string' && key === 'collectionId') collectionIds.push(value);
    if (Array.isArray(value) && key === 'productIds') productIds.push(...value);
    return value;
  });
  const catalogue = await loadCatalogue(db, ctx.workspaceId, { productIds, collectionIds });
  const articles = await publishedArticleCards(db, ctx.workspaceId, articleIds, configuredOrigin());
  const engineCtx = { channel: 'web' as const, now: new Date(), businessHoursOpen: true, contact: { name: 'Preview customer', tags: [], customData: {} }, catalogue, articles };
  try {
    let result = advance(definition, state, input.state ? { kind: 'message', text: input.text, ...(input.payload ? { payload: input.payload } : {}) } : { kind: 'start' }, engineCtx);
    if (result.outcome.kind === 'create_order') {
      // The preview never places orders: it pretends it worked.
      const o = result.outcome.order;
      const { outputs, effects } = result;
      result = advance(definition, result.state!, { kind: 'order_result', ok: true, orderNumber: 0, totalMinor: o.unitPriceMinor * o.quantity, currency: o.currency }, engineCtx);
      result = { ...result, outputs: [...outputs, ...result.outputs], effects: [...effects, ...result.effects] };
    }
    return { outputs: result.outputs, notes: result.effects.map(effectNote), state: result.state, outcome: result.outcome };
  } catch (error) {
    if (error instanceof FlowRuntimeError) return { outputs: [], notes: [], state: null, outcome: { kind: 'error', message: error.message } };
    throw error;
  }
}
