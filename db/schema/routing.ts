import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { teams } from './teams';
import { users } from './users';
import type { SlaConditions } from './sla';
import { conversationPriorities } from './conversations';

/**
 * What a routing rule matches: the SLA rules' conditions, plus whether the shop is open
 * (per its business hours) and the customer's language. An absent or empty condition
 * matches anything.
 */
export type RoutingConditions = SlaConditions & {
  /** 'open': only during business hours; 'closed': only outside them. */
  businessHours?: 'open' | 'closed';
  /** The customer's language (primary subtag, e.g. "th", "en"), when the channel told us. */
  languages?: string[];
};

export const routingActionKinds = ['team', 'agent'] as const;
export type RoutingActionKind = (typeof routingActionKinds)[number];

/**
 * A routing rule: ordered by `position`, the first enabled rule whose conditions match a
 * new request sends it to a team (`team_id`) or an agent (`agent_id`; `team_id` is then the
 * team it waits for when the agent cannot take it). A rule whose team or agent was deleted
 * is skipped until an admin chooses another.
 */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    conditions: jsonb('conditions').$type<RoutingConditions>().notNull().default({}),
    actionKind: text('action_kind', { enum: routingActionKinds }).notNull(),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
    /** Also sets the request's priority (which SLA rules may match on); null leaves it. */
    setPriority: text('set_priority', { enum: conversationPriorities }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('routing_rules_workspace_idx').on(t.workspaceId, t.position)],
);
