import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { callSettings } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { getConfig } from '@/lib/config';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import { formBoolean } from '@/lib/forms/fields';
import type { IceServerView } from './rules';
import { EMPTY_CALL_SETTINGS, type CallSettingsView } from './settings-shape';
import { turnCredentials } from './turn-credentials';

// The STUN/TURN servers calls use: read for the settings page (no password), saved by an
// admin (the password or shared secret sealed), opened only for the two sides of a call as
// it starts: the password itself, or (shared secret) a pair of their own that expires.

export * from './settings-shape';

const serverList = (scheme: RegExp, example: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value, ctx) => {
      const entries = (Array.isArray(value) ? value : (value ?? '').split(/[\s,]+/)).map((v) => v.trim()).filter(Boolean);
      for (const entry of entries) {
        if (!scheme.test(entry) || entry.length > 300) {
          ctx.addIssue({ code: 'custom', message: `"${entry.slice(0, 80)}" is not a server address like ${example}` });
          return z.NEVER;
        }
      }
      if (entries.length > 5) {
        ctx.addIssue({ code: 'custom', message: 'List at most 5 servers' });
        return z.NEVER;
      }
      return [...new Set(entries)];
    });

export const callSettingsInput = z.object({
  stunUrls: serverList(/^stuns?:[^\s/?#]+$/i, 'stun:stun.example.com:3478'),
  turnUrls: serverList(/^turns?:[^\s/#]+$/i, 'turn:turn.example.com:3478?transport=udp'),
  turnAuth: z.enum(['password', 'shared_secret']).optional().default('password'),
  turnUsername: z.string().trim().max(200, 'Keep the user name under 200 characters').optional().transform((v) => v ?? ''),
  /** Empty keeps the stored password (or shared secret); text replaces it. */
  turnCredential: z.string().max(500, 'Keep the password under 500 characters').optional().transform((v) => v ?? ''),
  clearTurnCredential: formBoolean,
});

export type CallSettingsInput = z.infer<typeof callSettingsInput>;

function toView(row: typeof callSettings.$inferSelect): CallSettingsView {
  return { stunUrls: row.stunUrls, turnUrls: row.turnUrls, turnAuth: row.turnAuth, turnUsername: row.turnUsername, turnCredentialSet: Boolean(row.turnCredentialEncrypted) };
}

export async function getCallSettings(db: DbOrTx, ctx: Pick<ActorContext, 'workspaceId'>): Promise<CallSettingsView> {
  const [row] = await db.select().from(callSettings).where(eq(callSettings.workspaceId, ctx.workspaceId)).limit(1);
  return row ? toView(row) : EMPTY_CALL_SETTINGS;
}

/** Admins save the call servers. An empty password keeps the stored one; "clear" removes it. */
export async function saveCallSettings(db: Db, ctx: ActorContext, input: CallSettingsInput): Promise<CallSettingsView> {
  const key = getConfig().BATON_ENCRYPTION_KEY;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(callSettings).where(eq(callSettings.workspaceId, ctx.workspaceId)).for('update');
    // A stored shared secret must never become a password handed to browsers (nor the other
    // way round): another way of checking callers drops what was stored unless a new one comes.
    const modeChanged = (before?.turnAuth ?? 'password') !== input.turnAuth;
    const turnCredentialEncrypted = input.turnCredential
      ? encryptSecret(input.turnCredential, key)
      : input.clearTurnCredential || modeChanged
        ? null
        : (before?.turnCredentialEncrypted ?? null);
    // With a shared secret each side gets a user name of its own: none is stored.
    const turnUsername = input.turnAuth === 'shared_secret' ? '' : input.turnUsername;
    const values = { stunUrls: input.stunUrls, turnUrls: input.turnUrls, turnAuth: input.turnAuth, turnUsername, turnCredentialEncrypted, updatedById: ctx.actor.id, updatedAt: new Date() };
    const [row] = await tx
      .insert(callSettings)
      .values({ workspaceId: ctx.workspaceId, ...values })
      .onConflictDoUpdate({ target: callSettings.workspaceId, set: values })
      .returning();
    // The audit row says whether the password changed, never what it is.
    const credential = input.turnCredential ? 'replaced' : (input.clearTurnCredential || modeChanged) && before?.turnCredentialEncrypted ? 'cleared' : 'kept';
    const { turnCredentialSet: _a, ...after } = toView(row!);
    await writeAudit(tx, ctx, 'workspace.call_settings_updated', { type: 'workspace', id: ctx.workspaceId }, { after, credential });
    return toView(row!);
  });
}

/**
 * The servers for RTCPeerConnection, for one side of a call as it starts or answers (never
 * part of a page): the TURN password opened, or with a shared secret a user name and
 * password for `subject` (the call and the side) that expire. None saved: none at all,
 * which is what one machine or one network needs.
 */
export async function iceServersFor(db: DbOrTx, workspaceId: string, subject: string): Promise<IceServerView[]> {
  const [row] = await db.select().from(callSettings).where(eq(callSettings.workspaceId, workspaceId)).limit(1);
  if (!row) return [];
  const servers: IceServerView[] = [];
  if (row.stunUrls.length) servers.push({ urls: row.stunUrls });
  if (row.turnUrls.length) {
    const secret = row.turnCredentialEncrypted ? decryptSecret(row.turnCredentialEncrypted, getConfig().BATON_ENCRYPTION_KEY) : undefined;
    if (row.turnAuth === 'shared_secret') {
      // Without its secret a server that checks one would refuse every pair: left out.
      if (secret) servers.push({ urls: row.turnUrls, ...turnCredentials(secret, subject) });
    } else servers.push({ urls: row.turnUrls, ...(row.turnUsername ? { username: row.turnUsername } : {}), ...(secret ? { credential: secret } : {}) });
  }
  return servers;
}
