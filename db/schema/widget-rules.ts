import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { channels } from './channels';

/**
 * What must hold on the shop's page for a website chat action rule to run; an absent
 * condition matches anything. Evaluated in the visitor's browser (public/widget-rules.js)
 * and by lib/widget/action-rules/evaluate.ts, with the same semantics.
 */
export type WidgetRuleConditions = {
  url?: { op: 'contains' | 'equals' | 'regex'; value: string };
  /** Seconds on this page (this URL) at least. */
  minSeconds?: number;
  /** Scrolled this far down the page, in percent, at least. */
  minScroll?: number;
  /** true: seen before on this browser; false: the first visit. */
  returning?: boolean;
  /** true: the shop called Baton('identify'); false: it did not. */
  identified?: boolean;
  /** The cart value the shop passed with Baton('set', { cartValue }). */
  cartMin?: number;
  cartMax?: number;
  /** true: only while the shop is open (its business hours); false: only while closed. */
  open?: boolean;
};

export const widgetRuleActionKinds = ['show', 'hide', 'open', 'message', 'flow'] as const;
export type WidgetRuleActionKind = (typeof widgetRuleActionKinds)[number];

export type WidgetRuleAction =
  | { kind: 'show' }
  | { kind: 'hide' }
  /** Opens the chat; the message, when given, is shown in it as the shop's. */
  | { kind: 'open'; message?: string }
  /** A proactive message: in the chat and, while it is closed, as a bubble by the launcher. */
  | { kind: 'message'; message: string }
  /** The visitor's conversation starts with this flow (and the message, when given, is shown first). */
  | { kind: 'flow'; flowId: string; message?: string };

export const widgetRuleCaps = ['always', 'visit', 'day', 'ever'] as const;
export type WidgetRuleCap = (typeof widgetRuleCaps)[number];

/**
 * A website chat action rule of one web channel, ordered by `position`: every enabled rule
 * whose conditions hold runs its action, in order, as often as its cap allows.
 */
export const widgetActionRules = pgTable(
  'widget_action_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    conditions: jsonb('conditions').$type<WidgetRuleConditions>().notNull().default({}),
    action: jsonb('action').$type<WidgetRuleAction>().notNull(),
    cap: text('cap', { enum: widgetRuleCaps }).notNull().default('visit'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('widget_action_rules_channel_idx').on(t.channelId, t.position), index('widget_action_rules_workspace_idx').on(t.workspaceId)],
);
