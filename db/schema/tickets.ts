import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { users } from './users';
import { teams } from './teams';
import { contacts } from './contacts';
import { conversations, slaTargetKinds } from './conversations';

export const ticketStatuses = ['open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

export const ticketTypes = ['question', 'problem', 'incident', 'task'] as const;
export type TicketType = (typeof ticketTypes)[number];

/**
 * A customer inquiry tracked apart from the conversations it came from: resolving one does
 * not resolve the other. `version` grows with every change, for conditional updates (two
 * agents editing at once: the first wins) and so clients drop stale realtime payloads.
 */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Shown as "#12"; a sequence per workspace (ticket_sequences). */
    number: integer('number').notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: ticketStatuses }).notNull().default('open'),
    priority: text('priority', { enum: ticketPriorities }).notNull().default('normal'),
    type: text('type', { enum: ticketTypes }).notNull().default('question'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    createdById: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    solvedAt: timestamp('solved_at', { withTimezone: true, precision: 3 }),
    // SLA (lib/sla/ticket-track.ts): the ticket rule that applies, the nearest running
    // target (what is due when, counted from when) for the list's badge, filter and sort,
    // and since when its clock is stopped while it waits on the customer.
    slaRuleId: uuid('sla_rule_id'),
    slaDueAt: timestamp('sla_due_at', { withTimezone: true, precision: 3 }),
    slaDueKind: text('sla_due_kind', { enum: slaTargetKinds }),
    slaDueStartedAt: timestamp('sla_due_started_at', { withTimezone: true, precision: 3 }),
    slaPausedAt: timestamp('sla_paused_at', { withTimezone: true, precision: 3 }),
    version: bigint('version', { mode: 'number' }).notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tickets_workspace_number_key').on(t.workspaceId, t.number),
    index('tickets_workspace_updated_idx').on(t.workspaceId, t.updatedAt.desc()),
    index('tickets_workspace_status_idx').on(t.workspaceId, t.status),
    index('tickets_contact_idx').on(t.contactId),
    index('tickets_tags_idx').using('gin', t.tags),
    index('tickets_sla_idx')
      .on(t.workspaceId, t.slaDueAt)
      .where(sql`${t.slaDueAt} is not null`),
  ],
);

/** The last ticket number handed out per workspace; bumped with an upsert, so numbers never repeat. */
export const ticketSequences = pgTable('ticket_sequences', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  lastNumber: integer('last_number').notNull().default(0),
});

/** A conversation the ticket came from (or was linked to), with the messages chosen from it. */
export const ticketConversations = pgTable(
  'ticket_conversations',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    messageIds: uuid('message_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.conversationId] }), index('ticket_conversations_conversation_idx').on(t.conversationId)],
);

export const ticketEventKinds = ['created', 'changed', 'comment', 'linked', 'notification', 'sla_breached'] as const;
export type TicketEventKind = (typeof ticketEventKinds)[number];

/**
 * The ticket's history: who changed which field from what to what, internal comments, and
 * what the customer was (or was not) told when it was solved.
 */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Null for the system (the solved notification). */
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: ticketEventKinds }).notNull(),
    /** For `changed`: the field's name. */
    field: text('field'),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    /** A comment's text, or the notification's outcome. */
    body: text('body'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    editedAt: timestamp('edited_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.createdAt)],
);
