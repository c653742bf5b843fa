import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { memberships, userInvites, users, workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { memberName } from '@/lib/auth/membership';
import { hashPassword } from '@/lib/auth/password';
import { takeAttempt } from '@/lib/auth/rate-limit';
import type { SessionUser } from '@/lib/auth/session';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { newPasswordFields, passwordsMatch } from './passwords';

// One-time links that invite someone into a workspace. The token is shown to the admin once
// and only its SHA-256 hash is stored, so a database leak reveals no usable link.
//
// Two kinds, and the difference is the security boundary between workspaces:
// - the workspace that created an account issues links that choose its FIRST password
//   (`setsPassword`, and only while the account has never had one);
// - any other link is accepted by signing in as the account: joining another workspace never
//   touches the account's credentials, so adding someone's email gives that workspace nothing
//   until the person agrees. Until a link is accepted, the membership is pending (no access).

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function invitePath(token: string): string {
  return `/invite/${token}`;
}

export type IssuedInvite = { token: string; path: string; expiresAt: Date };

/**
 * A new link for this user in this workspace; earlier unused links of theirs here stop
 * working. Call inside the transaction that creates or checks the membership.
 */
export async function issueInvite(
  tx: Tx,
  ctx: ActorContext,
  userId: string,
  options: { setsPassword: boolean },
  now = new Date(),
): Promise<IssuedInvite> {
  await tx
    .delete(userInvites)
    .where(and(eq(userInvites.workspaceId, ctx.workspaceId), eq(userInvites.userId, userId), isNull(userInvites.usedAt)));
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  await tx.insert(userInvites).values({
    workspaceId: ctx.workspaceId,
    userId,
    tokenHash: hashInviteToken(token),
    setsPassword: options.setsPassword,
    createdById: ctx.actor.id,
    expiresAt,
  });
  return { token, path: invitePath(token), expiresAt };
}

export const regenerateInviteInput = z.object({ userId: z.uuid() });

/** Admin: a fresh link for a member who has not accepted yet (the old one stops working). */
export async function regenerateInvite(db: Db, ctx: ActorContext, input: z.infer<typeof regenerateInviteInput>): Promise<IssuedInvite> {
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ name: memberName(), active: memberships.active, joinedAt: memberships.joinedAt, passwordSetAt: users.passwordSetAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, input.userId)))
      .for('update', { of: memberships })
      .limit(1);
    if (!member) throw new UserError('not_found', 'This agent is not a member of this workspace.');
    if (!member.active) throw new UserError('conflict', `${member.name} is deactivated. Reactivate them first.`);
    if (member.joinedAt) throw new UserError('conflict', `${member.name} already has a password. They sign in with it.`);
    // The kind stays what this workspace was given when it added them.
    const [previous] = await tx
      .select({ setsPassword: userInvites.setsPassword })
      .from(userInvites)
      .where(and(eq(userInvites.workspaceId, ctx.workspaceId), eq(userInvites.userId, input.userId)))
      .orderBy(desc(userInvites.createdAt))
      .limit(1);
    const setsPassword = Boolean(previous?.setsPassword) && member.passwordSetAt === null;
    const invite = await issueInvite(tx, ctx, input.userId, { setsPassword });
    await writeAudit(tx, ctx, 'member.invite_created', { type: 'user', id: input.userId }, { expiresAt: invite.expiresAt.toISOString() });
    return invite;
  });
}

export type InviteLookup =
  | {
      status: 'valid';
      /** `set_password`: the link chooses the account's first password; `join`: accepted by signing in as it. */
      kind: 'set_password' | 'join';
      userId: string;
      email: string;
      name: string;
      workspaceName: string;
      workspaceSlug: string;
      expiresAt: Date;
    }
  | { status: 'unknown' | 'used' | 'expired' };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** For the invite page: whether the link can still be used, how, and by whom. */
export async function findInvite(db: DbOrTx, token: string, now = new Date()): Promise<InviteLookup> {
  if (!TOKEN_SHAPE.test(token)) return { status: 'unknown' };
  const [row] = await db
    .select({
      usedAt: userInvites.usedAt,
      expiresAt: userInvites.expiresAt,
      setsPassword: userInvites.setsPassword,
      userId: users.id,
      email: users.email,
      name: memberName(),
      passwordSetAt: users.passwordSetAt,
      workspaceName: workspaces.name,
      workspaceSlug: workspaces.slug,
      active: memberships.active,
      joinedAt: memberships.joinedAt,
    })
    .from(userInvites)
    .innerJoin(users, eq(users.id, userInvites.userId))
    .innerJoin(workspaces, eq(workspaces.id, userInvites.workspaceId))
    .leftJoin(memberships, and(eq(memberships.workspaceId, userInvites.workspaceId), eq(memberships.userId, userInvites.userId)))
    .where(eq(userInvites.tokenHash, hashInviteToken(token)))
    .limit(1);
  if (!row || !row.active) return { status: 'unknown' };
  if (row.usedAt || row.joinedAt) return { status: 'used' };
  if (row.expiresAt.getTime() <= now.getTime()) return { status: 'expired' };
  const kind = row.setsPassword && row.passwordSetAt === null ? 'set_password' : 'join';
  const { userId, email, name, workspaceName, workspaceSlug, expiresAt } = row;
  return { status: 'valid', kind, userId, email, name, workspaceName, workspaceSlug, expiresAt };
}

export const acceptInviteInput = z
  .object({ token: z.string().min(1).max(200), ...newPasswordFields })
  .refine(passwordsMatch.check, passwordsMatch.params);

export const joinInviteInput = z.object({ token: z.string().min(1).max(200) });

const refusals = {
  unknown: 'This link is not valid. Ask your admin for a new one.',
  used: 'This link was already used. Sign in with your password.',
  expired: 'This link has expired. Ask your admin for a new one.',
} as const;

function invalid(error: z.ZodError): UserError {
  const fieldErrors = z.flattenError(error).fieldErrors as Record<string, string[]>;
  return new UserError('invalid', error.issues[0]?.message ?? 'Check the form', fieldErrors);
}

/** Uses up the link (atomically: of two submissions only one wins) or says why it cannot be used. */
async function useInvite(tx: Tx, token: string, now: Date, extra: SQL) {
  const [invite] = await tx
    .update(userInvites)
    .set({ usedAt: now })
    .where(
      and(
        eq(userInvites.tokenHash, hashInviteToken(token)),
        isNull(userInvites.usedAt),
        sql`${userInvites.expiresAt} > ${now.toISOString()}::timestamptz`,
        extra,
      ),
    )
    .returning();
  if (invite) return invite;
  throw refusalFor(await findInvite(tx, token, now));
}

function refusalFor(state: InviteLookup): UserError {
  if (state.status === 'valid') return new UserError('conflict', `This invitation is accepted by signing in as ${state.email}.`);
  return new UserError(state.status === 'unknown' ? 'not_found' : 'conflict', refusals[state.status]);
}

/** Marks the pending membership accepted; refuses (rolling back) when it is gone or deactivated. */
async function joinMembership(tx: Tx, workspaceId: string, userId: string, now: Date) {
  const [member] = await tx
    .update(memberships)
    .set({ joinedAt: now })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId), eq(memberships.active, true), isNull(memberships.joinedAt)))
    .returning({ role: memberships.role });
  if (!member) throw new UserError('not_found', refusals.unknown);
  return member;
}

/**
 * The first password of an account, through the link of the workspace that created it: sets
 * the password and uses up the link, atomically. Refused for an account that has ever had a
 * password and for any other workspace's link. Other workspaces' links are left alone.
 * Attempts are limited per client address. Returns the email to sign in with.
 */
export async function acceptInvite(
  db: Db,
  input: unknown,
  options: { ip?: string | null; now?: Date } = {},
): Promise<{ email: string; name: string }> {
  const parsed = acceptInviteInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { token, password } = parsed.data;
  if (!TOKEN_SHAPE.test(token)) throw new UserError('not_found', refusals.unknown);
  if (options.ip) await takeAttempt(db, [['inviteIp', options.ip]]);
  const now = options.now ?? new Date();
  // A link that cannot set a password is refused before the slow hash; the transaction
  // below checks again, atomically.
  const state = await findInvite(db, token, now);
  if (state.status !== 'valid' || state.kind !== 'set_password') throw refusalFor(state);
  const passwordHash = await hashPassword(password); // slow on purpose: outside the transaction

  return db.transaction(async (tx) => {
    const invite = await useInvite(tx, token, now, eq(userInvites.setsPassword, true));
    const member = await joinMembership(tx, invite.workspaceId, invite.userId, now);
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordSetAt: now })
      .where(and(eq(users.id, invite.userId), isNull(users.passwordSetAt)))
      .returning({ email: users.email, name: users.name });
    if (!user) throw new UserError('conflict', 'This account already has a password. Sign in with it to accept.');
    const ctx: ActorContext = {
      workspaceId: invite.workspaceId,
      actor: { id: invite.userId, name: user.name, email: user.email, role: member.role },
    };
    await writeAudit(tx, ctx, 'member.invite_accepted', { type: 'user', id: invite.userId });
    return { email: user.email, name: user.name };
  });
}

/**
 * Joining a workspace with an existing account: the signed-in user accepts a link issued to
 * them. Nothing about the account changes; the membership stops being pending. Returns the
 * workspace to open.
 */
export async function acceptJoinInvite(
  db: Db,
  user: SessionUser,
  input: unknown,
  options: { ip?: string | null; now?: Date } = {},
): Promise<{ workspaceSlug: string }> {
  const parsed = joinInviteInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { token } = parsed.data;
  if (!TOKEN_SHAPE.test(token)) throw new UserError('not_found', refusals.unknown);
  if (options.ip) await takeAttempt(db, [['inviteIp', options.ip]]);
  const now = options.now ?? new Date();

  return db.transaction(async (tx) => {
    const state = await findInvite(tx, token, now);
    if (state.status === 'valid' && state.userId !== user.id) {
      throw new UserError('forbidden', `This invitation is for ${state.email}. Sign out, then sign in as ${state.email} to accept it.`);
    }
    const invite = await useInvite(tx, token, now, eq(userInvites.userId, user.id));
    const member = await joinMembership(tx, invite.workspaceId, user.id, now);
    const ctx: ActorContext = { workspaceId: invite.workspaceId, actor: { id: user.id, name: user.name, email: user.email, role: member.role } };
    await writeAudit(tx, ctx, 'member.invite_accepted', { type: 'user', id: user.id });
    const [workspace] = await tx.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, invite.workspaceId));
    return { workspaceSlug: workspace.slug };
  });
}
