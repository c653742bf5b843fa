import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { conversations, slaTargetKinds, type ConversationPriority } from './conversations';
import { tickets, type TicketPriority, type TicketType } from './tickets';
import type { ChannelKind } from './channels';

/** What a rule gives targets to: conversations (the default, and every rule made before tickets had SLAs) or tickets. */
export const slaRuleSubjects = ['conversation', 'ticket'] as const;
export type SlaRuleSubject = (typeof slaRuleSubjects)[number];

/** What a rule matches; an absent or empty condition matches anything. */
export type SlaConditions = {
  channelKinds?: ChannelKind[];
  teamIds?: string[];
  /** The customer has any of these tags. */
  tags?: string[];
  /** The customer's field (custom data key) has this value, compared without case. */
  customField?: { key: string; value: string } | null;
  priorities?: ConversationPriority[];
  /** Ticket rules: the ticket's priority (tickets have their own scale) and type. */
  ticketPriorities?: TicketPriority[];
  ticketTypes?: TicketType[];
};

/**
 * An SLA rule: ordered by `position`, the first enabled rule whose conditions match a
 * conversation gives its targets (minutes; null = no such target), counted in business
 * hours or on the clock.
 */
export const slaRules = pgTable(
  'sla_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    appliesTo: text('applies_to', { enum: slaRuleSubjects }).notNull().default('conversation'),
    position: integer('position').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    conditions: jsonb('conditions').$type<SlaConditions>().notNull().default({}),
    firstResponseMinutes: integer('first_response_minutes'),
    nextResponseMinutes: integer('next_response_minutes'),
    resolutionMinutes: integer('resolution_minutes'),
    businessHours: boolean('business_hours').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('sla_rules_workspace_idx').on(t.workspaceId, t.position)],
);

/**
 * One target a conversation owes: started when it became due to run (the conversation
 * reached the team, the customer wrote again), met by a reply or the resolve, cancelled
 * when it stopped applying (the bot took the conversation back, another rule applies).
 * `breached_at` is set once, to the due time, whether or not it is met later.
 */
export const slaTargets = pgTable(
  'sla_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id').references(() => slaRules.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: slaTargetKinds }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    metAt: timestamp('met_at', { withTimezone: true, precision: 3 }),
    breachedAt: timestamp('breached_at', { withTimezone: true, precision: 3 }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('sla_targets_pending_idx')
      .on(t.conversationId)
      .where(sql`${t.metAt} is null and ${t.cancelledAt} is null`),
    // The breach sweep: pending targets not yet breached, by due time.
    index('sla_targets_due_idx')
      .on(t.dueAt)
      .where(sql`${t.metAt} is null and ${t.cancelledAt} is null and ${t.breachedAt} is null`),
    index('sla_targets_reports_idx').on(t.workspaceId, t.startedAt),
    // Reports' per-conversation SLA outcome (the Conversations CSV).
    index('sla_targets_conversation_idx').on(t.conversationId),
  ],
);

/**
 * One target a ticket owes (first response, resolution), like `sla_targets` for
 * conversations, with a clock that stops while the ticket waits on the customer (pending,
 * on hold): `paused_at` is when it stopped, `paused_ms` the time (of the target's own
 * measure, business or clock) it has stood still so far. While it runs, `due_at` is
 * `started_at` + `target_ms` + `paused_ms` of that measure; the sweep skips paused targets.
 */
export const ticketSlaTargets = pgTable(
  'ticket_sla_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id').references(() => slaRules.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: slaTargetKinds }).notNull(),
    /** Counted in the shop's business hours (else on the clock), kept so a paused target resumes without its rule. */
    businessHours: boolean('business_hours').notNull(),
    targetMs: bigint('target_ms', { mode: 'number' }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    pausedAt: timestamp('paused_at', { withTimezone: true, precision: 3 }),
    pausedMs: bigint('paused_ms', { mode: 'number' }).notNull().default(0),
    metAt: timestamp('met_at', { withTimezone: true, precision: 3 }),
    breachedAt: timestamp('breached_at', { withTimezone: true, precision: 3 }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('ticket_sla_targets_pending_idx')
      .on(t.ticketId)
      .where(sql`${t.metAt} is null and ${t.cancelledAt} is null`),
    // The breach sweep: running targets not yet breached, by due time.
    index('ticket_sla_targets_due_idx')
      .on(t.dueAt)
      .where(sql`${t.metAt} is null and ${t.cancelledAt} is null and ${t.breachedAt} is null and ${t.pausedAt} is null`),
  ],
);
