import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { collections, flows, products } from '@/db/schema';
import type { BotState } from '@/db/schema/conversations';
import type { FlowKind } from '@/db/schema/flows';
import { UserError } from '@/lib/errors';
import { initialState } from './engine';
import { loadVersion } from './store';

export type StartableFlow = { state: BotState; name: string; kind: FlowKind };

/** An enabled flow of the workspace, as a fresh state on its current version (hand back: start a custom flow). */
export async function startableFlow(db: DbOrTx, workspaceId: string, flowId: string, variables: Record<string, unknown> = {}): Promise<StartableFlow> {
  const [flow] = await db
    .select()
    .from(flows)
    .where(and(eq(flows.id, flowId), eq(flows.workspaceId, workspaceId)))
    .limit(1);
  if (!flow) throw new UserError('not_found', 'This flow does not exist.');
  if (!flow.enabled) throw new UserError('conflict', `The flow ${flow.name} is disabled. Enable it in Settings → Flows first.`);
  const definition = await loadVersion(db, workspaceId, flow.id, flow.currentVersion);
  if (!definition) throw new UserError('conflict', `The flow ${flow.name} cannot run: its definition is invalid.`);
  return { state: initialState(flow.id, flow.currentVersion, definition, variables), name: flow.name, kind: flow.kind };
}

/**
 * Hand back: start a product or collection flow. Prefers an enabled flow whose checkout is
 * for exactly that product / collection; else the workspace's generic product (collection)
 * flow, a checkout without a fixed target, given the product (collection) as a variable.
 */
export async function startableCatalogueFlow(
  db: DbOrTx,
  workspaceId: string,
  target: { productId: string } | { collectionId: string },
): Promise<StartableFlow> {
  const isProduct = 'productId' in target;
  const id = isProduct ? target.productId : target.collectionId;
  const [item] = isProduct
    ? await db.select({ name: products.name }).from(products).where(and(eq(products.id, id), eq(products.workspaceId, workspaceId))).limit(1)
    : await db.select({ name: collections.name }).from(collections).where(and(eq(collections.id, id), eq(collections.workspaceId, workspaceId))).limit(1);
  if (!item) throw new UserError('not_found', isProduct ? 'This product does not exist.' : 'This collection does not exist.');

  const kind: FlowKind = isProduct ? 'product' : 'collection';
  const candidates = await db
    .select()
    .from(flows)
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.enabled, true), eq(flows.kind, kind)));
  let generic: (typeof candidates)[number] | null = null;
  for (const flow of candidates) {
    const definition = await loadVersion(db, workspaceId, flow.id, flow.currentVersion);
    const checkout = definition?.steps.find((s) => s.type === 'checkout');
    if (!definition || !checkout || checkout.type !== 'checkout') continue;
    const fixed = isProduct ? checkout.productId : checkout.collectionId;
    if (fixed === id) return { state: initialState(flow.id, flow.currentVersion, definition), name: flow.name, kind };
    if (!checkout.productId && !checkout.collectionId) generic ??= flow;
  }
  if (!generic) throw new UserError('conflict', `There is no enabled ${kind} flow to start. Create one in Settings → Flows.`);
  const started = await startableFlow(db, workspaceId, generic.id, isProduct ? { productId: id } : { collectionId: id });
  return { ...started, name: item.name };
}
