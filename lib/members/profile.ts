import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { clearAttempts, takeAttempt } from '@/lib/auth/rate-limit';
import { revokeUserSessions } from '@/lib/auth/sessions';
import { terminateUserConnections } from '@/lib/realtime/publisher';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { fileUrl, saveFile } from '@/lib/files/storage';
import { realtimeChannels } from '@/lib/realtime/channels';
import { publish } from '@/lib/realtime/publisher';
import { isTimeZone } from '@/lib/time/format';
import { newPasswordFields, passwordsMatch } from './passwords';
import { fileExtension } from '@/channels/shared/file-extension';

// Each member's own profile: display name, picture, time zone and password. Always the actor's own
// user row: nothing here takes another user's id.

export const PICTURE_MAX_BYTES = 4 * 1024 * 1024;

export async function getProfile(db: DbOrTx, ctx: ActorContext) {
  const [row] = await db
    .select({ name: users.name, email: users.email, avatarUrl: users.avatarUrl, timeZone: users.timeZone })
    .from(users)
    .where(eq(users.id, ctx.actor.id))
    .limit(1);
  if (!row) throw new UserError('not_found', 'Your account no longer exists.');
  return row;
}

export const profileInput = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(80, 'Keep your name under 80 characters'),
});

function profileChanged(ctx: ActorContext, data: Record<string, unknown>) {
  return { channel: realtimeChannels.workspace(ctx.workspaceId), name: 'member.updated', data: { userId: ctx.actor.id, ...data } };
}

/** The display name agents and customers' histories show. */
export async function updateProfile(db: Db, ctx: ActorContext, input: z.infer<typeof profileInput>) {
  const updated = await db.transaction(async (tx) => {
    const [before] = await tx.select({ name: users.name }).from(users).where(eq(users.id, ctx.actor.id)).for('update');
    const [row] = await tx.update(users).set({ name: input.name }).where(eq(users.id, ctx.actor.id)).returning({ name: users.name });
    await writeAudit(tx, ctx, 'profile.updated', { type: 'user', id: ctx.actor.id }, { before: { name: before?.name }, after: { name: row.name } });
    return row;
  });
  await publish([profileChanged(ctx, { name: updated.name })]);
  return updated;
}

export const timeZoneInput = z.object({
  // Empty: follow the browser's zone wherever the person signs in.
  timeZone: z
    .string()
    .trim()
    .max(64)
    .transform((v) => v || null)
    .refine((v) => v === null || isTimeZone(v), 'Choose a time zone from the list'),
});

/** The zone every time is shown in for this person, or null for their browser's zone. */
export async function updateTimeZone(db: Db, ctx: ActorContext, input: z.infer<typeof timeZoneInput>) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, ctx.actor.id)).for('update');
    const [row] = await tx.update(users).set({ timeZone: input.timeZone }).where(eq(users.id, ctx.actor.id)).returning({ timeZone: users.timeZone });
    await writeAudit(tx, ctx, 'profile.time_zone_changed', { type: 'user', id: ctx.actor.id }, { before: before?.timeZone ?? null, after: row.timeZone });
    return row;
  });
}

export const changePasswordInput = z
  .object({ currentPassword: z.string().min(1, 'Enter your current password').max(200), ...newPasswordFields })
  .refine(passwordsMatch.check, passwordsMatch.params)
  .refine((v) => v.password !== v.currentPassword, { message: 'Choose a password different from the current one', path: ['password'] });

/**
 * Changes the actor's password; the current one is required, and guesses at it are limited
 * per user. Every other session of the user ends (a stolen cookie stops working); the one
 * that made the change, `keepSessionId`, stays signed in.
 */
export async function changePassword(
  db: Db,
  ctx: ActorContext,
  input: z.infer<typeof changePasswordInput>,
  options: { keepSessionId?: string | null } = {},
) {
  await takeAttempt(db, [['passwordChange', ctx.actor.id]]);
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, ctx.actor.id)).limit(1);
  if (!user) throw new UserError('not_found', 'Your account no longer exists.');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new UserError('invalid', 'Your current password is not right.', { currentPassword: ['Your current password is not right.'] });
  }
  const passwordHash = await hashPassword(input.password);
  const ended = await db.transaction(async (tx) => {
    // Conditional on the hash that was checked: a concurrent change makes this one fail.
    const [row] = await tx
      .update(users)
      .set({ passwordHash, passwordSetAt: new Date() })
      .where(and(eq(users.id, ctx.actor.id), eq(users.passwordHash, user.passwordHash)))
      .returning({ id: users.id });
    if (!row) throw new UserError('conflict', 'Your password was just changed elsewhere. Sign in again.');
    const count = await revokeUserSessions(tx, ctx.actor.id, { except: options.keepSessionId });
    await writeAudit(tx, ctx, 'profile.password_changed', { type: 'user', id: ctx.actor.id }, { sessionsEnded: count });
    return count;
  });
  await clearAttempts(db, 'passwordChange', ctx.actor.id);
  // Ended sessions must stop listening too; this browser reconnects and is authorized again.
  if (ended > 0) await terminateUserConnections(ctx.actor.id);
  return { changed: true, sessionsEnded: ended };
}

/** "Sign out everywhere": every session of the actor ends, this browser's too. */
export async function signOutEverywhere(db: Db, ctx: ActorContext) {
  const result = await db.transaction(async (tx) => {
    const count = await revokeUserSessions(tx, ctx.actor.id);
    await writeAudit(tx, ctx, 'profile.signed_out_everywhere', { type: 'user', id: ctx.actor.id }, { sessionsEnded: count });
    return { sessionsEnded: count };
  });
  // Their open tabs stop receiving at once: reconnecting, they are refused without a session.
  await terminateUserConnections(ctx.actor.id);
  return result;
}

/** PNG, JPEG, GIF and WebP, recognised by their first bytes (the browser's claim is not trusted). */
export function sniffPicture(data: Buffer): string | null {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 6 && /^GIF8[79]a$/.test(data.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (data.length >= 12 && data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

/**
 * A new profile picture (at most 4 MB, an image by its bytes), stored in the file store of
 * the workspace it was uploaded from and served by /api/files to its members.
 */
export async function setProfilePicture(db: Db, ctx: ActorContext, input: { data: Buffer }) {
  if (input.data.length === 0) throw new UserError('invalid', 'Choose a picture.', { picture: ['Choose a picture.'] });
  if (input.data.length > PICTURE_MAX_BYTES) {
    throw new UserError('invalid', 'Pictures can be at most 4 MB.', { picture: ['Pictures can be at most 4 MB.'] });
  }
  const mimeType = sniffPicture(input.data);
  if (!mimeType) {
    throw new UserError('invalid', 'Use a PNG, JPEG, GIF or WebP image.', { picture: ['Use a PNG, JPEG, GIF or WebP image.'] });
  }
  const stored = await saveFile(db, ctx.workspaceId, { data: input.data, name: `profile.${fileExtension(mimeType)}`, mimeType });
  const avatarUrl = fileUrl(stored.id);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ avatarUrl }).where(eq(users.id, ctx.actor.id));
    await writeAudit(tx, ctx, 'profile.picture_changed', { type: 'user', id: ctx.actor.id }, { fileId: stored.id, size: stored.size });
  });
  await publish([profileChanged(ctx, { avatarUrl })]);
  return { avatarUrl };
}

export async function removeProfilePicture(db: Db, ctx: ActorContext) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ avatarUrl: null }).where(eq(users.id, ctx.actor.id));
    await writeAudit(tx, ctx, 'profile.picture_removed', { type: 'user', id: ctx.actor.id });
  });
  await publish([profileChanged(ctx, { avatarUrl: null })]);
  return { avatarUrl: null };
}
