import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { conversations, memberships, roles, users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { activeMembership, memberName } from '@/lib/auth/membership';
import { hashPassword } from '@/lib/auth/password';
import { writeAudit } from '@/lib/audit';
import { recordTransition } from '@/lib/conversations/record';
import { assigneeDeactivated } from '@/lib/conversations/state-machine';
import { UserError } from '@/lib/errors';
import { realtimeChannels } from '@/lib/realtime/channels';
import { publish, terminateUserConnections, type RealtimeEvent } from '@/lib/realtime/publisher';
import { lockRouting, routeWaitingRequests, type RoutingOptions } from '@/lib/routing/route';
import { issueInvite, type IssuedInvite } from './invites';
import { closePresenceSession } from './presence-sessions';

// Admins manage the workspace's members: add (with a one-time invite link for new accounts),
// change role and capacity, deactivate and reactivate. Every change takes the workspace's
// routing lock first, so it never interleaves with an automatic-routing pass (no request is
// routed to an agent being deactivated) and member changes are serialised with each other
// (two admins cannot demote or deactivate each other into a workspace without admins).

export const MAX_CAPACITY = 100;

const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.email('Enter a valid email address').max(254, 'Keep the email under 254 characters'),
);
const capacity = z.coerce
  .number({ error: 'Enter a number' })
  .int('Enter a whole number')
  .min(0, 'Capacity cannot be negative')
  .max(MAX_CAPACITY, `At most ${MAX_CAPACITY} conversations`);

export const addMemberInput = z.object({
  email,
  name: z.string().trim().min(1, 'Enter the agent’s name').max(80, 'Keep the name under 80 characters'),
  role: z.enum(roles, { error: 'Choose a role' }),
  capacity,
});

export const updateMemberInput = z.object({
  userId: z.uuid(),
  role: z.enum(roles, { error: 'Choose a role' }),
  capacity,
});

export const setMemberActiveInput = z.object({
  userId: z.uuid(),
  active: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean()),
});

/**
 * What the admin gets back. It is the same whether or not the email already had an account
 * (made by another workspace): the name is the one they typed, and there is always a link.
 */
export type AddedMember = {
  userId: string;
  name: string;
  email: string;
  /** The one-time link (7 days). Never stored in clear. */
  invite: IssuedInvite;
};

function memberUpdated(workspaceId: string, data: Record<string, unknown>): RealtimeEvent {
  return { channel: realtimeChannels.workspace(workspaceId), name: 'member.updated', data };
}

/** Routing after a change that may have made someone available; never fails the change. */
async function routeQuietly(db: Db, workspaceId: string, routing: RoutingOptions) {
  await routeWaitingRequests(db, workspaceId, routing).catch((error: unknown) => {
    console.error('[routing] after a member change:', error instanceof Error ? error.message : error);
  });
}

/**
 * Invites someone into the workspace: a pending membership (no access yet) and a one-time
 * link (7 days). A new email gets an account with an unusable password, and the link chooses
 * its first password; an existing account (whatever workspace made it) is never changed: the
 * person accepts by signing in. The answer looks the same in both cases.
 */
export async function addMember(db: Db, ctx: ActorContext, input: z.infer<typeof addMemberInput>): Promise<AddedMember> {
  // Nobody knows this secret, so a new account cannot be signed in to until its link is used.
  // Made for every add, so the answer takes as long whether or not the email had an account.
  const unusableHash = await hashPassword(randomBytes(32).toString('base64url'));

  const added = await db.transaction(async (tx) => {
    await lockRouting(tx, ctx.workspaceId);
    let created = false;
    let [user] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email}`).limit(1);
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash: unusableHash, passwordSetAt: null })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!user) throw new UserError('conflict', 'Someone added this email at the same moment. Reload and try again.');
      created = true;
    }

    const [membership] = await tx
      .insert(memberships)
      .values({
        workspaceId: ctx.workspaceId,
        userId: user.id,
        role: input.role,
        capacity: input.capacity,
        availability: 'away',
        joinedAt: null,
        invitedName: input.name,
      })
      .onConflictDoNothing()
      .returning();
    if (!membership) {
      const [existing] = await tx
        .select({ active: memberships.active, joinedAt: memberships.joinedAt })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, user.id)));
      const message = !existing?.active
        ? `${input.email} was deactivated. Reactivate them in the list instead.`
        : existing.joinedAt
          ? `${input.email} is already a member of this workspace.`
          : `${input.email} is already invited. Make a new link in the list if they lost it.`;
      throw new UserError('conflict', message, { email: [message] });
    }

    const invite = await issueInvite(tx, ctx, user.id, { setsPassword: created });
    await writeAudit(tx, ctx, 'member.added', { type: 'user', id: user.id }, {
      email: input.email,
      role: input.role,
      capacity: input.capacity,
      invite: { expiresAt: invite.expiresAt.toISOString() },
    });
    return { userId: user.id, name: input.name, email: input.email, invite };
  });
  await publish([memberUpdated(ctx.workspaceId, { userId: added.userId, added: true })]);
  return added;
}

/** The active admins' rows, locked: "is there another admin?" stays true until commit. */
async function lockActiveAdmins(tx: Tx, workspaceId: string) {
  return tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'admin'), activeMembership()))
    .orderBy(asc(memberships.userId))
    .for('update');
}

async function lockMember(tx: Tx, workspaceId: string, userId: string) {
  const [member] = await tx
    .select({
      userId: memberships.userId,
      role: memberships.role,
      capacity: memberships.capacity,
      active: memberships.active,
      name: memberName(),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .for('update', { of: memberships })
    .limit(1);
  if (!member) throw new UserError('not_found', 'This agent is not a member of this workspace.');
  return member;
}

/** Role and capacity. Nobody changes their own role, and the last active admin stays an admin. */
export async function updateMember(
  db: Db,
  ctx: ActorContext,
  input: z.infer<typeof updateMemberInput>,
  routing: RoutingOptions = {},
) {
  const result = await db.transaction(async (tx) => {
    await lockRouting(tx, ctx.workspaceId);
    const admins = await lockActiveAdmins(tx, ctx.workspaceId);
    const member = await lockMember(tx, ctx.workspaceId, input.userId);
    if (input.role !== member.role) {
      if (input.userId === ctx.actor.id) {
        throw new UserError('conflict', 'You cannot change your own role. Ask another admin.', { role: ['You cannot change your own role.'] });
      }
      if (member.role === 'admin' && member.active && !admins.some((a) => a.userId !== member.userId)) {
        throw new UserError('conflict', `${member.name} is the last admin of this workspace. Make someone else an admin first.`);
      }
    }
    await tx
      .update(memberships)
      .set({ role: input.role, capacity: input.capacity })
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, input.userId)));
    await writeAudit(tx, ctx, 'member.updated', { type: 'user', id: input.userId }, {
      before: { role: member.role, capacity: member.capacity },
      after: { role: input.role, capacity: input.capacity },
    });
    return { userId: input.userId, role: input.role, capacity: input.capacity, before: member };
  });
  await publish([memberUpdated(ctx.workspaceId, { userId: result.userId, role: result.role, capacity: result.capacity })]);
  if (result.capacity > result.before.capacity) await routeQuietly(db, ctx.workspaceId, routing);
  return { userId: result.userId, role: result.role, capacity: result.capacity };
}

/**
 * Deactivate: the member keeps their history but loses access at once, stops getting
 * requests, and their open conversations go back to Requests with a status line.
 * Refused for yourself and for the last active admin. Reactivate restores access.
 */
export async function setMemberActive(
  db: Db,
  ctx: ActorContext,
  input: z.infer<typeof setMemberActiveInput>,
  routing: RoutingOptions = {},
) {
  const result = await db.transaction(async (tx) => {
    await lockRouting(tx, ctx.workspaceId);
    const admins = await lockActiveAdmins(tx, ctx.workspaceId);
    const member = await lockMember(tx, ctx.workspaceId, input.userId);
    const events: RealtimeEvent[] = [];
    if (member.active === input.active) return { events, returned: [] as string[], changed: false };

    if (!input.active) {
      if (input.userId === ctx.actor.id) throw new UserError('conflict', 'You cannot deactivate yourself.');
      if (member.role === 'admin' && !admins.some((a) => a.userId !== member.userId)) {
        throw new UserError('conflict', `${member.name} is the last admin of this workspace. Make someone else an admin first.`);
      }
    }
    await tx
      .update(memberships)
      .set(input.active ? { active: true } : { active: false, availability: 'away' })
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, input.userId)));

    const returned: string[] = [];
    if (!input.active) await closePresenceSession(tx, ctx.workspaceId, input.userId);
    if (!input.active) {
      const assigned = await tx
        .select()
        .from(conversations)
        .where(
          and(
            eq(conversations.workspaceId, ctx.workspaceId),
            eq(conversations.status, 'open'),
            eq(conversations.handler, 'agent'),
            eq(conversations.assigneeId, input.userId),
          ),
        )
        .for('update');
      for (const c of assigned) {
        const recorded = await recordTransition(tx, {
          conversation: c,
          transition: assigneeDeactivated(c, member.name, ctx.actor.name),
          event: 'member_deactivated',
          actorUserId: ctx.actor.id,
          payload: { userId: input.userId },
        });
        if (!recorded) continue;
        events.push(...recorded.events);
        returned.push(c.id);
      }
    }
    await writeAudit(tx, ctx, input.active ? 'member.reactivated' : 'member.deactivated', { type: 'user', id: input.userId }, {
      conversationsReturned: returned,
    });
    events.push(memberUpdated(ctx.workspaceId, { userId: input.userId, active: input.active }));
    return { events, returned, changed: true };
  });
  // Their open sockets were authorized while they were active: end them before anything
  // else is published. The browser reconnects, and this workspace's channels are refused.
  if (result.changed && !input.active) await terminateUserConnections(input.userId);
  await publish(result.events);
  if (result.changed) await routeQuietly(db, ctx.workspaceId, routing);
  return { userId: input.userId, active: input.active, conversationsReturned: result.returned.length };
}
