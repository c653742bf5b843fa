import { gunzipSync } from 'node:zlib';
import { and, asc, between, desc, eq, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { channels, conversations, files, messages, sessionRecordingChunks, sessionRecordings } from '@/db/schema';
import { readFile } from '@/lib/files/storage';
import type { RecordedEvent, RecordingMark, RecordingReplay, RecordingSummary } from './types';

export type { RecordingMark, RecordingReplay, RecordingSummary } from './types';

/** A customer's recorded visits, newest first, in the viewer's workspace. */
export async function listContactRecordings(db: DbOrTx, workspaceId: string, contactId: string, limit = 20): Promise<RecordingSummary[]> {
  const rows = await db
    .select({
      id: sessionRecordings.id,
      channelName: channels.name,
      startedAt: sessionRecordings.startedAt,
      endedAt: sessionRecordings.endedAt,
      durationMs: sessionRecordings.durationMs,
      pages: sessionRecordings.pages,
      eventCount: sessionRecordings.eventCount,
    })
    .from(sessionRecordings)
    .innerJoin(channels, eq(channels.id, sessionRecordings.channelId))
    .where(and(eq(sessionRecordings.workspaceId, workspaceId), eq(sessionRecordings.contactId, contactId)))
    .orderBy(desc(sessionRecordings.startedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, pages: r.pages.map((p) => p.url), startedAt: r.startedAt.toISOString(), endedAt: r.endedAt.toISOString() }));
}

/**
 * One recording to replay, only from the viewer's workspace (null otherwise): its events in
 * order and the chat's messages of that visit (the customer's conversations on the
 * recording's channel, from its start to its end) as marks.
 */
export async function loadRecordingReplay(db: DbOrTx, workspaceId: string, recordingId: string): Promise<RecordingReplay | null> {
  const [row] = await db
    .select({ recording: sessionRecordings, channelName: channels.name })
    .from(sessionRecordings)
    .innerJoin(channels, eq(channels.id, sessionRecordings.channelId))
    .where(and(eq(sessionRecordings.id, recordingId), eq(sessionRecordings.workspaceId, workspaceId)))
    .limit(1);
  if (!row) return null;
  const r = row.recording;
  const chunks = await db
    .select({ fileId: sessionRecordingChunks.fileId })
    .from(sessionRecordingChunks)
    .innerJoin(files, eq(files.id, sessionRecordingChunks.fileId))
    .where(and(eq(sessionRecordingChunks.recordingId, r.id), eq(sessionRecordingChunks.workspaceId, workspaceId)))
    .orderBy(asc(sessionRecordingChunks.seq));
  const events: RecordedEvent[] = [];
  for (const chunk of chunks) {
    const stored = await readFile(db, workspaceId, chunk.fileId).catch((error: unknown) => {
      // A chunk whose bytes are gone (a disk restored without them) leaves a gap, not an error.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    });
    if (stored) events.push(...(JSON.parse(gunzipSync(stored.data).toString('utf8')) as RecordedEvent[]));
  }
  // Batches of several pages of the visit can arrive out of order: the player needs time order.
  events.sort((a, b) => a.timestamp - b.timestamp);

  const convs = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.contactId, r.contactId), eq(conversations.channelId, r.channelId)));
  const rows =
    convs.length === 0
      ? []
      : await db
          .select({ at: messages.createdAt, direction: messages.direction, senderKind: messages.senderKind, body: messages.body, kind: messages.kind })
          .from(messages)
          .where(
            and(
              eq(messages.workspaceId, workspaceId),
              inArray(messages.conversationId, convs.map((c) => c.id)),
              between(messages.createdAt, r.startedAt, r.endedAt),
              ne(messages.kind, 'status'),
              ne(messages.kind, 'note'),
              ne(messages.direction, 'internal'),
            ),
          )
          .orderBy(asc(messages.createdAt))
          .limit(500);
  const marks: RecordingMark[] = rows.map((m) => ({
    at: m.at.getTime(),
    from: m.direction === 'inbound' ? 'visitor' : m.senderKind === 'bot' ? 'bot' : 'agent',
    text: (m.body ?? `(${m.kind})`).slice(0, 140),
  }));
  return {
    recording: {
      id: r.id,
      channelName: row.channelName,
      startedAt: r.startedAt.toISOString(),
      endedAt: r.endedAt.toISOString(),
      durationMs: r.durationMs,
      pages: r.pages.map((p) => p.url),
      eventCount: r.eventCount,
    },
    events,
    marks,
  };
}
