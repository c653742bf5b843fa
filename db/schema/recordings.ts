import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { channels } from './channels';
import { contacts } from './contacts';
import { files } from './files';

/**
 * A website visitor's session on the shop's pages, recorded with rrweb while the channel's
 * "Record visits" option is on. One row per (channel, visitor, session key): the loader keeps
 * the key in the shop page's sessionStorage, so the pages of one visit share a recording.
 * The events themselves are stored files (lib/files), a chunk per uploaded batch.
 */
export const sessionRecordings = pgTable(
  'session_recordings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    visitorId: text('visitor_id').notNull(),
    sessionKey: text('session_key').notNull(),
    /** The first and last recorded event's time (the page's clock). */
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, precision: 3 }).notNull(),
    durationMs: integer('duration_ms').notNull().default(0),
    /** Stored bytes over all chunks (compressed). */
    size: bigint('size', { mode: 'number' }).notNull().default(0),
    eventCount: integer('event_count').notNull().default(0),
    /** The page addresses visited and when, in time order, without repeats (at most 50). */
    pages: jsonb('pages').$type<{ url: string; at: number }[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('session_recordings_session_idx').on(t.channelId, t.visitorId, t.sessionKey),
    index('session_recordings_contact_idx').on(t.workspaceId, t.contactId, t.startedAt),
    index('session_recordings_ended_idx').on(t.endedAt),
  ],
);

/** One uploaded batch of a recording: its events as a gzipped JSON array in a stored file. */
export const sessionRecordingChunks = pgTable(
  'session_recording_chunks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recordingId: uuid('recording_id')
      .notNull()
      .references(() => sessionRecordings.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id, { onDelete: 'cascade' }),
    /** The batch's number within the session (the loader counts them): a resend is a no-op. */
    seq: integer('seq').notNull(),
    firstAt: timestamp('first_at', { withTimezone: true, precision: 3 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('session_recording_chunks_seq_idx').on(t.recordingId, t.seq)],
);

export type SessionRecordingRow = typeof sessionRecordings.$inferSelect;
