import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { conversations } from './conversations';
import { users } from './users';
import { workspaces } from './workspaces';

export const callKinds = ['video', 'voice'] as const;
export type CallKind = (typeof callKinds)[number];
export const callStatuses = ['ringing', 'active', 'ended'] as const;
export type CallStatus = (typeof callStatuses)[number];
/** How a call ended: hung up (by either side, or the page closed), declined, or unanswered. */
export const callEndReasons = ['hangup', 'declined', 'missed'] as const;
export type CallEndReason = (typeof callEndReasons)[number];

/**
 * A video or voice call between an agent and a website visitor, in a conversation. The
 * media flows browser to browser (WebRTC); the server keeps when it rang, was answered and
 * ended, so the conversation's status lines carry the duration. At most one call per
 * conversation is ringing or active at a time (the partial unique index).
 */
export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: callKinds }).notNull(),
    status: text('status', { enum: callStatuses }).notNull().default('ringing'),
    startedById: uuid('started_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true, precision: 3 }),
    endedAt: timestamp('ended_at', { withTimezone: true, precision: 3 }),
    endReason: text('end_reason', { enum: callEndReasons }),
    endedBy: text('ended_by', { enum: ['agent', 'visitor', 'system'] }),
  },
  (t) => [
    uniqueIndex('calls_one_live_per_conversation_idx').on(t.conversationId).where(sql`${t.status} <> 'ended'`),
    index('calls_workspace_idx').on(t.workspaceId, t.createdAt),
  ],
);

export type CallRow = typeof calls.$inferSelect;

/**
 * The workspace's STUN/TURN servers for calls. None are needed on one machine or one LAN;
 * across the internet STUN finds the public address and TURN relays through strict NATs.
 * The TURN password is sealed (lib/crypto/secrets.ts) and opened only for the two people
 * of a call when it starts.
 */
export const callSettings = pgTable('call_settings', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  stunUrls: jsonb('stun_urls').$type<string[]>().notNull().default([]),
  turnUrls: jsonb('turn_urls').$type<string[]>().notNull().default([]),
  turnUsername: text('turn_username').notNull().default(''),
  /**
   * How the TURN server checks users: `password`, one user name and password for everyone;
   * `shared_secret`, the server's shared secret (coturn's use-auth-secret), from which each
   * side of a call gets a user name and password of its own that expire.
   */
  turnAuth: text('turn_auth', { enum: ['password', 'shared_secret'] }).notNull().default('password'),
  turnCredentialEncrypted: text('turn_credential_encrypted'),
  updatedById: uuid('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
