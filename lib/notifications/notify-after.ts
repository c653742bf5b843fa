import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { contacts, conversations, memberships, teamMembers } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import type { AgentEvent } from '@/lib/conversations/state-machine';
import { runSoon } from '@/lib/jobs/run-soon';
import type { RealtimeEvent } from '@/lib/realtime/publisher';
import { createNotifications, createNotificationsMany, notify, type NewNotification } from './create';
import { activeMembership } from '@/lib/auth/membership';

type ConversationRow = typeof conversations.$inferSelect;

/** Something that happened and was committed, that agents may need to hear about. */
export type NotifyTrigger =
  /** An agent operation (lib/inbox/ops/apply.ts): assigned, re-assigned, to a team, unassigned. */
  | { type: 'operation'; ctx: ActorContext; event: AgentEvent; previousAssigneeId: string | null; conversation: ConversationRow }
  /** The bot handed the customer over to Requests (for the flow engine to call). */
  | { type: 'needs_help'; workspaceId: string; conversationId: string }
  /** Automatic routing assigned requests (for lib/routing to call after its commit). */
  | { type: 'auto_assigned'; workspaceId: string; assignments: { conversationId: string; agentId: string }[] };

/**
 * Notifies after the caller's commit, without ever failing or slowing the caller: the work
 * runs after the response (or detached outside a request) and its errors are only logged.
 */
export function notifyAfter(db: Db, trigger: NotifyTrigger): void {
  try {
    runSoon('notifications', () => notifyNow(db, trigger));
  } catch (error) {
    console.error('[notifications]', error instanceof Error ? error.message : error);
  }
}

async function conversationWithContact(db: DbOrTx, conversationId: string) {
  return (await conversationsWithContacts(db, [conversationId])).get(conversationId) ?? null;
}

type ConversationWithContact = { conversation: typeof conversations.$inferSelect; contactName: string };

/** Conversations with their customer's name as notifications call them, by id. */
export async function conversationsWithContacts(db: DbOrTx, conversationIds: string[]): Promise<Map<string, ConversationWithContact>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .select({ conversation: conversations, contactName: contacts.name })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(inArray(conversations.id, conversationIds));
  return new Map(rows.map((row) => [row.conversation.id, { ...row, contactName: row.contactName?.trim() || 'A customer' }]));
}

/**
 * "New message from …" for the assignee a customer's message was stored for, if they still
 * have the conversation; null otherwise.
 */
export function assigneeNotice(found: ConversationWithContact, assigneeWhenStored: string | null): NewNotification | null {
  const { conversation: c, contactName } = found;
  if (c.status !== 'open' || c.handler !== 'agent' || !c.assigneeId || c.assigneeId !== assigneeWhenStored) return null;
  return { workspaceId: c.workspaceId, conversationId: c.id, body: c.lastMessagePreview, kind: 'new_message', userIds: [c.assigneeId], title: `New message from ${contactName}` };
}

/** Members who are online (availability) in the workspace, or in the team when there is one. */
export async function onlineAgents(db: DbOrTx, workspaceId: string, teamId: string | null): Promise<string[]> {
  const online = and(eq(memberships.workspaceId, workspaceId), activeMembership(), eq(memberships.availability, 'online'));
  const rows = teamId
    ? await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .innerJoin(teamMembers, and(eq(teamMembers.userId, memberships.userId), eq(teamMembers.teamId, teamId), eq(teamMembers.workspaceId, workspaceId)))
        .where(online)
    : await db.select({ userId: memberships.userId }).from(memberships).where(online);
  return rows.map((r) => r.userId);
}

async function teamMemberIds(db: Db, workspaceId: string, teamId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.workspaceId, workspaceId), eq(teamMembers.teamId, teamId)));
  return rows.map((r) => r.userId);
}

async function needsHelp(db: Db, conversationId: string, workspaceId: string) {
  const found = await conversationWithContact(db, conversationId);
  if (!found || found.conversation.workspaceId !== workspaceId) return 0;
  const { conversation: c, contactName } = found;
  if (c.status !== 'open' || c.handler !== 'queue') return 0;
  return notify(db, {
    workspaceId,
    kind: 'customer_needs_help',
    userIds: await onlineAgents(db, workspaceId, c.teamId),
    conversationId: c.id,
    title: `${contactName} needs help`,
    body: c.lastMessagePreview,
  });
}

async function afterOperation(db: Db, trigger: Extract<NotifyTrigger, { type: 'operation' }>) {
  const { ctx, event, previousAssigneeId: previous, conversation } = trigger;
  const found = await conversationWithContact(db, conversation.id);
  const name = found?.contactName ?? 'A customer';
  const base = { workspaceId: ctx.workspaceId, conversationId: conversation.id, body: conversation.lastMessagePreview };
  const lostIt = async (to: string) => {
    // The agent who had it hears about it, unless they did it themselves.
    if (!previous || previous === ctx.actor.id || previous === conversation.assigneeId) return 0;
    return notify(db, { ...base, kind: 'unassigned', userIds: [previous], title: `${name}: ${to}` });
  };

  let sent = 0;
  switch (event.type) {
    case 'assign_agent':
      if (event.agentId !== ctx.actor.id) {
        const reassigned = previous !== null && previous !== event.agentId;
        sent += await notify(db, {
          ...base,
          kind: reassigned ? 'reassigned_to_me' : 'assigned_to_me',
          userIds: [event.agentId],
          title: reassigned ? `${ctx.actor.name} re-assigned ${name} to you` : `${ctx.actor.name} assigned ${name} to you`,
        });
      }
      sent += await lostIt(`re-assigned to ${event.agentName} by ${ctx.actor.name}`);
      break;
    case 'assign_team': {
      const members = (await teamMemberIds(db, ctx.workspaceId, event.teamId)).filter((id) => id !== ctx.actor.id);
      sent += await notify(db, { ...base, kind: 'assigned_to_my_team', userIds: members, title: `${ctx.actor.name} assigned ${name} to ${event.teamName}` });
      sent += await lostIt(`assigned to ${event.teamName} by ${ctx.actor.name}`);
      break;
    }
    case 'unassign':
      sent += await lostIt(`moved back to Requests by ${ctx.actor.name}`);
      break;
    case 'take_over':
      sent += await lostIt(`taken over by ${ctx.actor.name}`);
      break;
    default:
      break;
  }
  return sent;
}

async function afterAutoAssign(db: Db, trigger: Extract<NotifyTrigger, { type: 'auto_assigned' }>) {
  let sent = 0;
  for (const { conversationId, agentId } of trigger.assignments) {
    const found = await conversationWithContact(db, conversationId);
    if (!found || found.conversation.workspaceId !== trigger.workspaceId) continue;
    sent += await notify(db, {
      workspaceId: trigger.workspaceId,
      kind: 'assigned_to_me',
      userIds: [agentId],
      conversationId,
      title: `${found.contactName} was assigned to you`,
      body: found.conversation.lastMessagePreview,
    });
  }
  return sent;
}

/** The work notifyAfter schedules; awaitable (tests, jobs). Returns how many events went out. */
export async function notifyNow(db: Db, trigger: NotifyTrigger): Promise<number> {
  switch (trigger.type) {
    case 'operation':
      return afterOperation(db, trigger);
    case 'needs_help':
      return needsHelp(db, trigger.conversationId, trigger.workspaceId);
    case 'auto_assigned':
      return afterAutoAssign(db, trigger);
  }
}


/** What the ingest's follow-up of a customer's message knows when it notifies. */
export type CustomerMessageFollowUp = {
  conversationId: string;
  /** The message made the conversation a new request (opened as one, or the bot handed off). */
  newRequest: boolean;
  /** The assignee the message was stored for (an agent's conversation), if any. */
  assigneeWhenStored: string | null;
  /** What routing assigned in the same transaction. */
  assigned: readonly { conversationId: string; agentId: string }[];
};

/**
 * A customer's message's notifications, written in the caller's transaction (the ingest's
 * follow-up, which clears the message's marker in it, so they are written exactly once).
 * The same choices as after a commit: a request routing assigned tells its agent; a
 * message to an agent's conversation tells the assignee it was stored for, if they still
 * have it; a new request still waiting tells the agents online (of its team). Returns the
 * events to publish after commit.
 */
export async function customerMessageNotifications(tx: Tx, input: CustomerMessageFollowUp): Promise<RealtimeEvent[]> {
  const found = await conversationWithContact(tx, input.conversationId);
  if (!found || found.conversation.status !== 'open') return [];
  const { conversation: c, contactName } = found;
  const base = { workspaceId: c.workspaceId, conversationId: c.id, body: c.lastMessagePreview };
  const assigned = input.assigned.filter((a) => a.conversationId === c.id);
  if (assigned.length > 0) {
    return createNotificationsMany(
      tx,
      assigned.map((a) => ({ ...base, kind: 'assigned_to_me' as const, userIds: [a.agentId], title: `${contactName} was assigned to you` })),
    );
  }
  const toAssignee = assigneeNotice(found, input.assigneeWhenStored);
  if (toAssignee) return createNotifications(tx, toAssignee);
  if (input.newRequest && c.handler === 'queue') {
    return createNotifications(tx, { ...base, kind: 'customer_needs_help', userIds: await onlineAgents(tx, c.workspaceId, c.teamId), title: `${contactName} needs help` });
  }
  return [];
}
