import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { channels } from './channels';
import { contacts } from './contacts';
import { conversations } from './conversations';
import { flows } from './flows';

/** One answered form in the website chat (the pre-chat form, or a flow's "Show form" step): what the visitor typed, as sent. */
export const formSubmissions = pgTable(
  'form_submissions',
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
    // The visitor answers before writing, so there may be no conversation yet.
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    /** 'pre_chat', or 'flow' (a flow's "Show form" step: `flowId`, `flowStepId`). */
    formKind: text('form_kind').notNull().default('pre_chat'),
    flowId: uuid('flow_id').references(() => flows.id, { onDelete: 'set null' }),
    flowStepId: text('flow_step_id'),
    /** Label and value of each answered field, in the form's order (labels as shown then). */
    answers: jsonb('answers').$type<{ key: string; label: string; value: string }[]>().notNull().default([]),
    /** The consent text the visitor agreed to, word for word, and when; null when the form asked none. */
    consentText: text('consent_text'),
    consentedAt: timestamp('consented_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('form_submissions_contact_idx').on(t.contactId, t.createdAt),
    index('form_submissions_channel_idx').on(t.workspaceId, t.channelId, t.createdAt),
  ],
);

/** A visitor's rating of a resolved conversation: once per conversation. */
export const csatResponses = pgTable(
  'csat_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    rating: smallint('rating').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('csat_responses_conversation_key').on(t.conversationId),
    index('csat_responses_workspace_idx').on(t.workspaceId, t.createdAt),
    check('csat_responses_rating_range', sql`${t.rating} between 1 and 5`),
  ],
);
