import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { memberships, userInvites, users, workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { hashPassword } from '@/lib/auth/password';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { newPasswordFields, passwordsMatch } from './passwords';

// One-time links for new agents to set their password. The token is shown to the admin
// once and only its SHA-256 hash is stored, so a database leak reveals no usable link.

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
export async function issueInvite(tx: Tx, ctx: ActorContext, userId: string, now = new Date()): Promise<IssuedInvite> {
  await tx
    .delete(userInvites)
    .where(and(eq(userInvites.workspaceId, ctx.workspaceId), eq(userInvites.userId, userId), isNull(userInvites.usedAt)));
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  await tx.insert(userInvites).values({
    workspaceId: ctx.workspaceId,
    userId,
    tokenHash: hashInviteToken(token),
    createdById: ctx.actor.id,
    expiresAt,
  });
  return { token, path: invitePath(token), expiresAt };
}

/**
 * Whether the user still has to set a password: their account was made by an invite and no
 * invite of theirs was ever used. Accounts made any other way have a password already.
 */
export async function awaitsPassword(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({
      invited: sql<boolean>`count(*) > 0`,
      used: sql<boolean>`count(${userInvites.usedAt}) > 0`,
    })
    .from(userInvites)
    .where(eq(userInvites.userId, userId));
  return Boolean(row?.invited) && !row?.used;
}

export const regenerateInviteInput = z.object({ userId: z.uuid() });

/** Admin: a fresh link for an agent who has not set their password yet (the old one stops working). */
export async function regenerateInvite(db: Db, ctx: ActorContext, input: z.infer<typeof regenerateInviteInput>): Promise<IssuedInvite> {
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ name: users.name, active: memberships.active })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, input.userId)))
      .for('update', { of: memberships })
      .limit(1);
    if (!member) throw new UserError('not_found', 'This agent is not a member of this workspace.');
    if (!member.active) throw new UserError('conflict', `${member.name} is deactivated. Reactivate them first.`);
    if (!(await awaitsPassword(tx, input.userId))) {
      throw new UserError('conflict', `${member.name} already has a password. They sign in with it.`);
    }
    const invite = await issueInvite(tx, ctx, input.userId);
    await writeAudit(tx, ctx, 'member.invite_created', { type: 'user', id: input.userId }, { expiresAt: invite.expiresAt.toISOString() });
    return invite;
  });
}

export type InviteLookup =
  | { status: 'valid'; email: string; name: string; workspaceName: string; expiresAt: Date }
  | { status: 'unknown' | 'used' | 'expired' };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** For the invite page: whether the link can still set a password, and for whom. */
export async function findInvite(db: DbOrTx, token: string, now = new Date()): Promise<InviteLookup> {
  if (!TOKEN_SHAPE.test(token)) return { status: 'unknown' };
  const [row] = await db
    .select({
      usedAt: userInvites.usedAt,
      expiresAt: userInvites.expiresAt,
      email: users.email,
      name: users.name,
      workspaceName: workspaces.name,
      active: memberships.active,
    })
    .from(userInvites)
    .innerJoin(users, eq(users.id, userInvites.userId))
    .innerJoin(workspaces, eq(workspaces.id, userInvites.workspaceId))
    .leftJoin(memberships, and(eq(memberships.workspaceId, userInvites.workspaceId), eq(memberships.userId, userInvites.userId)))
    .where(eq(userInvites.tokenHash, hashInviteToken(token)))
    .limit(1);
  if (!row || !row.active) return { status: 'unknown' };
  if (row.usedAt) return { status: 'used' };
  if (row.expiresAt.getTime() <= now.getTime()) return { status: 'expired' };
  return { status: 'valid', email: row.email, name: row.name, workspaceName: row.workspaceName, expiresAt: row.expiresAt };
}

export const acceptInviteInput = z
  .object({ token: z.string().min(1).max(200), ...newPasswordFields })
  .refine(passwordsMatch.check, passwordsMatch.params);

const refusals = {
  unknown: 'This link is not valid. Ask your admin for a new one.',
  used: 'This link was already used. Sign in with your password.',
  expired: 'This link has expired. Ask your admin for a new one.',
} as const;

/**
 * Sets the invited user's password and uses up the link, atomically: of two submissions of
 * the same link only one succeeds. Returns the email to sign in with.
 */
export async function acceptInvite(db: Db, input: unknown, now = new Date()): Promise<{ email: string; name: string }> {
  const parsed = acceptInviteInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    throw new UserError('invalid', parsed.error.issues[0]?.message ?? 'Check the form', fieldErrors);
  }
  const { token, password } = parsed.data;
  if (!TOKEN_SHAPE.test(token)) throw new UserError('not_found', refusals.unknown);
  const passwordHash = await hashPassword(password); // slow on purpose: outside the transaction

  return db.transaction(async (tx) => {
    const tokenHash = hashInviteToken(token);
    const [invite] = await tx
      .update(userInvites)
      .set({ usedAt: now })
      .where(and(eq(userInvites.tokenHash, tokenHash), isNull(userInvites.usedAt), sql`${userInvites.expiresAt} > ${now.toISOString()}::timestamptz`))
      .returning();
    if (!invite) {
      const state = await findInvite(tx, token, now);
      throw new UserError(state.status === 'unknown' ? 'not_found' : 'conflict', refusals[state.status === 'valid' ? 'used' : state.status]);
    }
    const [member] = await tx
      .select({ role: memberships.role, email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, invite.workspaceId), eq(memberships.userId, invite.userId), eq(memberships.active, true)))
      .limit(1);
    if (!member) throw new UserError('not_found', refusals.unknown); // rolls back: the link stays unused

    await tx.update(users).set({ passwordHash }).where(eq(users.id, invite.userId));
    // Their other open links (another workspace, an older one) have nothing left to do.
    await tx.delete(userInvites).where(and(eq(userInvites.userId, invite.userId), isNull(userInvites.usedAt)));
    const ctx: ActorContext = {
      workspaceId: invite.workspaceId,
      actor: { id: invite.userId, name: member.name, email: member.email, role: member.role },
    };
    await writeAudit(tx, ctx, 'member.invite_accepted', { type: 'user', id: invite.userId });
    return { email: member.email, name: member.name };
  });
}
