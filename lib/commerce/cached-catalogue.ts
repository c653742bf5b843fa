import type { DbOrTx } from '@/db/client';
import { CACHE_CHANNELS, notifiedCache } from '@/lib/cache/notified-cache';
import { loadCatalogue } from './catalogue';
import type { Catalogue } from '@/lib/flows/engine';

// The part of the catalogue a flow shows (the Welcome flow's collection, its products and
// variants, the collection points) is read for every conversation a flow opens: kept in
// memory while the process hears catalogue changes (a trigger on each catalogue table
// notifies the workspace id, stock changes included), read afresh elsewhere. What a card
// shows is for display: placing an order checks stock again under its own lock.

const catalogues = notifiedCache(CACHE_CHANNELS.catalogue, 'flows');

/** loadCatalogue, kept per workspace and per set of wanted products and collections. */
export async function flowCatalogue(db: DbOrTx, workspaceId: string, wanted: { productIds: Iterable<string>; collectionIds: Iterable<string> }): Promise<Catalogue> {
  const productIds = [...new Set(wanted.productIds)].sort();
  const collectionIds = [...new Set(wanted.collectionIds)].sort();
  const kept = await catalogues.get(workspaceId, async () => new Map<string, Catalogue>());
  const key = `${productIds.join(',')}|${collectionIds.join(',')}`;
  let catalogue = kept.get(key);
  if (!catalogue) {
    catalogue = await loadCatalogue(db, workspaceId, { productIds, collectionIds });
    kept.set(key, catalogue);
  }
  // Each run gets its own copy: nothing a run does can change what the next one reads.
  return structuredClone(catalogue);
}
