import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx, Db } from '@/db/client';
import { mailSettings, workspaces, type SmtpSecurity } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { getConfig } from '@/lib/config';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import { formBoolean } from '@/lib/forms/fields';
import { checkOutsideHostName, OutsideUrlRefused } from '@/lib/http/outside-fetch';
import { looksLikeHost, SMTP_SECURITY_MODES, type MailSettingsView } from './settings-shape';

// The shop's SMTP server: read for the settings page (no password), saved by an admin (the
// password sealed), and loaded with the password for sending (server-only).

export * from './settings-shape';

const mailSettingsShape = z.object({
  host: z
    .string('Enter the SMTP server’s host name')
    .trim()
    .toLowerCase()
    .min(1, 'Enter the SMTP server’s host name')
    .max(253, 'Keep the host name under 253 characters')
    .refine(looksLikeHost, 'Enter a host name like smtp.example.com, without https:// or a port'),
  port: z.coerce
    .number('Enter the port, like 587')
    .int('The port is a whole number, like 587')
    .min(1, 'Choose a port from 1 to 65535')
    .max(65535, 'Choose a port from 1 to 65535'),
  security: z.enum(SMTP_SECURITY_MODES, 'Choose TLS, STARTTLS or none'),
  username: z.string().trim().max(200, 'Keep the user name under 200 characters').optional().transform((v) => v ?? ''),
  /** Empty keeps the stored password; text replaces it. */
  password: z.string().max(500, 'Keep the password under 500 characters').optional().transform((v) => v ?? ''),
  /** Ticked: the stored password is removed. */
  clearPassword: formBoolean,
  fromAddress: z
    .string('Enter the sender’s address, like help@yourshop.com')
    .trim()
    .toLowerCase()
    .pipe(z.email('Enter the sender’s address, like help@yourshop.com').max(254, 'Keep the address under 254 characters')),
});

/** The form's input, with the host held to the same rule as outside URLs (no private addresses). */
export const mailSettingsInput = mailSettingsShape.superRefine((input, ctx) => {
  try {
    checkOutsideHostName(input.host, input.port);
  } catch (error) {
    if (!(error instanceof OutsideUrlRefused)) throw error;
    ctx.addIssue({ code: 'custom', path: ['host'], message: `Baton does not connect to private or local addresses (${error.message}). Use your mail provider's public host name.` });
  }
});

export type MailSettingsInput = z.infer<typeof mailSettingsInput>;

/** What Baton needs to send: the server, the login (password opened) and who the mail is from. */
export type SmtpSettings = {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  password: string | null;
  fromAddress: string;
  /** The shop's name, the sender's display name. */
  fromName: string;
};

function toView(row: typeof mailSettings.$inferSelect): MailSettingsView {
  return { host: row.host, port: row.port, security: row.security, username: row.username, passwordSet: Boolean(row.passwordEncrypted), fromAddress: row.fromAddress };
}

/** The workspace's SMTP settings for the settings page, or null before any are saved. */
export async function getMailSettings(db: DbOrTx, ctx: ActorContext): Promise<MailSettingsView | null> {
  const [row] = await db.select().from(mailSettings).where(eq(mailSettings.workspaceId, ctx.workspaceId)).limit(1);
  return row ? toView(row) : null;
}

/** Admins save the SMTP server. An empty password keeps the stored one; "clear" removes it. */
export async function saveMailSettings(db: Db, ctx: ActorContext, input: MailSettingsInput): Promise<MailSettingsView> {
  const key = getConfig().BATON_ENCRYPTION_KEY;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(mailSettings).where(eq(mailSettings.workspaceId, ctx.workspaceId)).for('update');
    const passwordEncrypted = input.password ? encryptSecret(input.password, key) : input.clearPassword ? null : (before?.passwordEncrypted ?? null);
    const values = {
      host: input.host,
      port: input.port,
      security: input.security,
      username: input.username,
      passwordEncrypted,
      fromAddress: input.fromAddress,
      updatedById: ctx.actor.id,
      updatedAt: new Date(),
    };
    const [row] = await tx
      .insert(mailSettings)
      .values({ workspaceId: ctx.workspaceId, ...values })
      .onConflictDoUpdate({ target: mailSettings.workspaceId, set: values })
      .returning();
    // The audit row says whether the password changed, never what it is.
    const password = input.password ? 'replaced' : input.clearPassword && before?.passwordEncrypted ? 'cleared' : 'kept';
    const { passwordSet: _before, ...beforeView } = before ? toView(before) : { passwordSet: false };
    const { passwordSet: _after, ...afterView } = toView(row!);
    await writeAudit(tx, ctx, 'workspace.mail_settings_updated', { type: 'workspace', id: ctx.workspaceId }, { before: before ? beforeView : null, after: afterView, password });
    return toView(row!);
  });
}

/** The SMTP settings with the password opened, for sending (never for a page); null when none are saved. */
export async function loadSmtpSettings(db: DbOrTx, workspaceId: string): Promise<SmtpSettings | null> {
  const [row] = await db
    .select({ settings: mailSettings, shopName: workspaces.name })
    .from(mailSettings)
    .innerJoin(workspaces, eq(workspaces.id, mailSettings.workspaceId))
    .where(eq(mailSettings.workspaceId, workspaceId))
    .limit(1);
  if (!row) return null;
  const s = row.settings;
  const password = s.passwordEncrypted ? decryptSecret(s.passwordEncrypted, getConfig().BATON_ENCRYPTION_KEY) : null;
  return { host: s.host, port: s.port, security: s.security, username: s.username, password, fromAddress: s.fromAddress, fromName: row.shopName };
}

/** Whether the workspace can send email (the widget shows "Email me the transcript" only then). */
export async function mailConfigured(db: DbOrTx, workspaceId: string): Promise<boolean> {
  const [row] = await db.select({ id: mailSettings.workspaceId }).from(mailSettings).where(eq(mailSettings.workspaceId, workspaceId)).limit(1);
  return Boolean(row);
}
