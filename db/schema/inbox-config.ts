import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { channels } from './channels';

// What admins set up for the composer and the customer panel.

/** `/name` in the composer: a canned reply with variables ({{customer.name}} …). */
export const messageShortcuts = pgTable(
  'message_shortcuts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    shortcut: text('shortcut').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('message_shortcuts_workspace_key').on(t.workspaceId, sql`lower(${t.shortcut})`)],
);

/** `#` in the composer: longer reusable answers, grouped by category. */
export const textBlocks = pgTable(
  'text_blocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    category: text('category').notNull().default('General'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('text_blocks_workspace_idx').on(t.workspaceId, t.category)],
);

/** WhatsApp message templates as approved on the platform ({{1}}, {{2}} … in the body). */
export const whatsappTemplates = pgTable(
  'whatsapp_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    language: text('language').notNull(),
    category: text('category').notNull().default('UTILITY'),
    body: text('body').notNull(),
    parameterCount: integer('parameter_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('whatsapp_templates_key').on(t.workspaceId, t.name, t.language)],
);

export const customerFieldTypes = ['text', 'number', 'date', 'list', 'checkbox', 'link'] as const;

/** The admin-defined "additional information" fields; values live in contacts.custom_data by key. */
export const customerFields = pgTable(
  'customer_fields',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    key: text('key').notNull(),
    type: text('type', { enum: customerFieldTypes }).notNull().default('text'),
    options: jsonb('options').$type<string[]>().notNull().default([]),
    required: boolean('required').notNull().default(false),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('customer_fields_workspace_key').on(t.workspaceId, t.key)],
);
