import type { DbOrTx } from '@/db/client';
import { CACHE_CHANNELS, notifiedCache } from '@/lib/cache/notified-cache';
import type { FlowDefinition } from './definition';
import { loadVersion, triggerCandidates } from './store';

// What the bot reads for nearly every message it answers, kept in memory while the process
// hears the workspace's flow changes (a trigger on flows and flow_versions notifies the
// workspace id; lib/cache/notified-cache.ts). Where nothing listens (the web process), every
// call reads the database as before.

const enabledFlows = notifiedCache(CACHE_CHANNELS.flows, 'enabled');
const versions = notifiedCache(CACHE_CHANNELS.flows, 'versions');

export type EnabledFlow = Awaited<ReturnType<typeof triggerCandidates>>[number];

/** The workspace's enabled flows and their triggers, oldest first (the first match wins). */
export function enabledFlowsOf(db: DbOrTx, workspaceId: string): Promise<EnabledFlow[]> {
  return enabledFlows.get(workspaceId, () => triggerCandidates(db, workspaceId));
}

/** One stored version's definition (a version never changes once published; a deleted flow drops the entry). */
export async function flowVersionOf(db: DbOrTx, workspaceId: string, flowId: string, version: number): Promise<FlowDefinition | null> {
  const known = await versions.get(workspaceId, async () => new Map<string, FlowDefinition | null>());
  const key = `${flowId}:${version}`;
  if (known.has(key)) return known.get(key)!;
  const definition = await loadVersion(db, workspaceId, flowId, version);
  known.set(key, definition);
  return definition;
}
