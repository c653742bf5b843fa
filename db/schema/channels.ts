import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

export const channelKinds = ['facebook', 'instagram', 'whatsapp', 'line', 'x', 'apple', 'web'] as const;
export type ChannelKind = (typeof channelKinds)[number];

/**
 * A connected messaging channel. `settings` holds what may be shown to admins
 * (page id, phone number id, widget colour); `secretsEncrypted` holds app secrets and
 * access tokens, AES-GCM encrypted with the workspace-independent key from config.
 */
export const channels = pgTable(
  'channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: channelKinds }).notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    // The id the platform uses for this account (page id, phone_number_id, LINE bot
    // user id, widget token); webhooks are routed by it.
    externalId: text('external_id').notNull(),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    secretsEncrypted: text('secrets_encrypted'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('channels_workspace_idx').on(t.workspaceId),
    uniqueIndex('channels_kind_external_key').on(t.kind, t.externalId),
  ],
);
