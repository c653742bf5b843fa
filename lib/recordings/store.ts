import { gzipSync } from 'node:zlib';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sessionRecordingChunks, sessionRecordings } from '@/db/schema';
import { removeStoredBytes, saveFile } from '@/lib/files/storage';
import type { Visitor, WidgetChannel } from '@/lib/widget/context';
import { WidgetError } from '@/lib/widget/errors';
import { readWidgetSettings } from '@/lib/widget/settings-shape';
import { mergePages, RECORDING_MAX_STORED_BYTES, summariseEvents, type RecordedEvent } from './decode';

export type StoredBatch = { recordingId: string; stored: boolean };

/** Whether a web channel records visits now (its settings' opt-in). */
export function recordsVisits(channel: WidgetChannel): boolean {
  return readWidgetSettings(channel.channel.settings).recordings;
}

/**
 * Stores one batch of a visitor's recording: the session's row (made on its first batch,
 * widened with every later one: times, size, pages) and the events as a gzipped file.
 * Refused while the channel does not record visits. A batch number already stored (the
 * browser sent it again) is a no-op, so the loader may retry freely.
 */
// Long: one transaction (lock the session's row, skip a repeat, store, widen) read top to bottom.
export async function storeRecordingBatch(
  db: Db,
  channel: WidgetChannel,
  visitor: Visitor,
  input: { sessionKey: string; seq: number; events: RecordedEvent[] },
): Promise<StoredBatch> {
  if (!recordsVisits(channel)) throw new WidgetError(403, 'recordings_off', 'This chat does not record visits.');
  const { firstAt, lastAt, pages } = summariseEvents(input.events);
  const workspaceId = channel.channel.workspaceId;
  const data = gzipSync(JSON.stringify(input.events));
  const orphaned: string[] = [];

  const result = await db.transaction(async (tx) => {
    // Made on the first batch, then locked: batches of one session arriving together add up.
    await tx
      .insert(sessionRecordings)
      .values({
        workspaceId,
        channelId: channel.channel.id,
        contactId: visitor.contactId,
        visitorId: visitor.visitorId,
        sessionKey: input.sessionKey,
        startedAt: new Date(firstAt),
        endedAt: new Date(lastAt),
      })
      .onConflictDoNothing();
    const [recording] = await tx
      .select()
      .from(sessionRecordings)
      .where(
        and(
          eq(sessionRecordings.channelId, channel.channel.id),
          eq(sessionRecordings.visitorId, visitor.visitorId),
          eq(sessionRecordings.sessionKey, input.sessionKey),
          eq(sessionRecordings.workspaceId, workspaceId),
        ),
      )
      .for('update');
    const [repeat] = await tx
      .select({ id: sessionRecordingChunks.id })
      .from(sessionRecordingChunks)
      .where(and(eq(sessionRecordingChunks.recordingId, recording.id), eq(sessionRecordingChunks.seq, input.seq)));
    if (repeat) return { recordingId: recording.id, stored: false };
    if (recording.size + data.length > RECORDING_MAX_STORED_BYTES) {
      throw new WidgetError(413, 'recording_full', 'This visit’s recording has reached its size limit.');
    }

    const file = await saveFile(tx, workspaceId, { data, name: `recording-${recording.id}-${input.seq}.json.gz`, mimeType: 'application/gzip' });
    orphaned.push(file.storageKey);
    await tx.insert(sessionRecordingChunks).values({ recordingId: recording.id, workspaceId, fileId: file.id, seq: input.seq, firstAt: new Date(firstAt) });
    const startedAt = Math.min(recording.startedAt.getTime(), firstAt);
    const endedAt = Math.max(recording.endedAt.getTime(), lastAt);
    await tx
      .update(sessionRecordings)
      .set({
        startedAt: new Date(startedAt),
        endedAt: new Date(endedAt),
        durationMs: Math.min(endedAt - startedAt, 2_147_483_647),
        size: sql`${sessionRecordings.size} + ${data.length}`,
        eventCount: sql`${sessionRecordings.eventCount} + ${input.events.length}`,
        pages: mergePages(recording.pages, pages),
      })
      .where(eq(sessionRecordings.id, recording.id));
    orphaned.length = 0;
    return { recordingId: recording.id, stored: true };
  }).catch(async (error: unknown) => {
    // The bytes were written before the transaction gave up: nothing points at them.
    await removeStoredBytes(orphaned).catch(() => undefined);
    throw error;
  });
  return result;
}
