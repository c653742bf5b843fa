import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { channels, files, sessionRecordingChunks, sessionRecordings } from '@/db/schema';
import { removeStoredBytes } from '@/lib/files/storage';
import { WIDGET_DEFAULTS, WIDGET_LIMITS } from '@/lib/widget/settings-shape';

/**
 * Deletes recordings of a workspace and their stored files' rows; returns the files' storage
 * keys, for the caller to remove after its transaction commits (removeStoredBytes).
 */
export async function deleteRecordingRows(db: DbOrTx, workspaceId: string, recordingIds: string[]): Promise<string[]> {
  if (recordingIds.length === 0) return [];
  const chunkFiles = await db
    .select({ fileId: sessionRecordingChunks.fileId })
    .from(sessionRecordingChunks)
    .where(and(eq(sessionRecordingChunks.workspaceId, workspaceId), inArray(sessionRecordingChunks.recordingId, recordingIds)));
  const removed =
    chunkFiles.length > 0
      ? await db
          .delete(files)
          .where(and(eq(files.workspaceId, workspaceId), inArray(files.id, chunkFiles.map((c) => c.fileId))))
          .returning({ storageKey: files.storageKey })
      : [];
  await db.delete(sessionRecordings).where(and(eq(sessionRecordings.workspaceId, workspaceId), inArray(sessionRecordings.id, recordingIds)));
  return removed.map((f) => f.storageKey);
}

/** A customer's recordings (with the customer's erase, in its transaction). */
export async function deleteContactRecordings(db: DbOrTx, workspaceId: string, contactId: string) {
  const rows = await db
    .select({ id: sessionRecordings.id })
    .from(sessionRecordings)
    .where(and(eq(sessionRecordings.workspaceId, workspaceId), eq(sessionRecordings.contactId, contactId)));
  const storageKeys = await deleteRecordingRows(db, workspaceId, rows.map((r) => r.id));
  return { count: rows.length, storageKeys };
}

const BATCH = 200;

/**
 * The retention job: deletes every recording that ended longer ago than its channel keeps
 * them (the channel's `recordingRetentionDays`, 30 by default; a value out of range counts
 * as the default, as the settings reader does). Batches of 200, each its own transaction.
 */
export async function deleteExpiredRecordings(db: Db, now = new Date()): Promise<number> {
  const days = sql`case when (${channels.settings}->>'recordingRetentionDays') ~ '^[0-9]{1,3}$'
      and (${channels.settings}->>'recordingRetentionDays')::int between ${WIDGET_LIMITS.retentionDaysMin} and ${WIDGET_LIMITS.retentionDaysMax}
    then (${channels.settings}->>'recordingRetentionDays')::int else ${WIDGET_DEFAULTS.recordingRetentionDays} end`;
  let deleted = 0;
  for (;;) {
    const due = await db
      .select({ id: sessionRecordings.id, workspaceId: sessionRecordings.workspaceId })
      .from(sessionRecordings)
      .innerJoin(channels, eq(channels.id, sessionRecordings.channelId))
      .where(lt(sessionRecordings.endedAt, sql`${now.toISOString()}::timestamptz - make_interval(days => ${days})`))
      .limit(BATCH);
    if (due.length === 0) return deleted;
    const byWorkspace = new Map<string, string[]>();
    for (const row of due) byWorkspace.set(row.workspaceId, [...(byWorkspace.get(row.workspaceId) ?? []), row.id]);
    const keys = await db.transaction(async (tx) => {
      const out: string[] = [];
      for (const [workspaceId, ids] of byWorkspace) out.push(...(await deleteRecordingRows(tx, workspaceId, ids)));
      return out;
    });
    await removeStoredBytes(keys).catch((error) => console.error('[recordings] removing stored files failed:', error));
    deleted += due.length;
    if (due.length < BATCH) return deleted;
  }
}
