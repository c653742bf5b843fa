import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';
import { workspaces } from './workspaces';

export const smtpSecurityModes = ['tls', 'starttls', 'none'] as const;
export type SmtpSecurity = (typeof smtpSecurityModes)[number];

/**
 * The shop's own SMTP server, through which Baton sends email in the shop's name (a website
 * chat's transcript). One per workspace. The password is sealed with lib/crypto/secrets.ts
 * and never leaves the server: the settings page only learns whether one is set.
 */
export const mailSettings = pgTable('mail_settings', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  security: text('security', { enum: smtpSecurityModes }).notNull(),
  username: text('username').notNull().default(''),
  passwordEncrypted: text('password_encrypted'),
  fromAddress: text('from_address').notNull(),
  updatedById: uuid('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export type MailSettingsRow = typeof mailSettings.$inferSelect;
