import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contacts, conversations, memberships, teamMembers, tickets } from '@/db/schema';
import type { SlaTargetKind } from '@/db/schema/conversations';
import { activeMembership } from '@/lib/auth/membership';
import { publish } from '@/lib/realtime/publisher';
import { ticketRealtime } from '@/lib/tickets/store';
import { isDone } from '@/lib/tickets/labels';
import { notify } from './create';
import { onlineAgents } from './notify-after';

/** How long before a conversation's reply-time target (`sla_due_at`) agents are warned. */
export const SLA_WARNING_MS = 5 * 60_000;

export type SlaWarningJob = { conversationId: string; slaDueAt: string };

/**
 * Open conversations whose reply is due within the warning window. The every-minute check
 * queues one job per (conversation, due time), so each target is warned about once.
 */
export async function conversationsNearingSla(db: Db, now = new Date(), limit = 200): Promise<SlaWarningJob[]> {
  const rows = await db
    .select({ id: conversations.id, slaDueAt: conversations.slaDueAt })
    .from(conversations)
    .where(and(eq(conversations.status, 'open'), gt(conversations.slaDueAt, now), lte(conversations.slaDueAt, new Date(now.getTime() + SLA_WARNING_MS))))
    .orderBy(asc(conversations.slaDueAt))
    .limit(limit);
  return rows.map((r) => ({ conversationId: r.id, slaDueAt: r.slaDueAt!.toISOString() }));
}

/** A stable job id per (conversation, due time): sending it twice queues it once. */
export function slaWarningJobId(job: SlaWarningJob): string {
  const h = createHash('sha1').update(`sla-warning:${job.conversationId}:${job.slaDueAt}`).digest('hex');
  // Shaped as a UUID (version 5, RFC 4122 variant), which pg-boss requires for ids.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Warns who can answer: the assignee, or the online agents (of the team) for a request.
 * Nothing when the target moved meanwhile (the agent replied) or the conversation closed.
 */
export async function sendSlaWarning(db: Db, job: SlaWarningJob, now = new Date()): Promise<number> {
  const [row] = await db
    .select({ c: conversations, contactName: contacts.name })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(eq(conversations.id, job.conversationId))
    .limit(1);
  if (!row || row.c.status !== 'open' || row.c.slaDueAt?.toISOString() !== job.slaDueAt) return 0;
  const c = row.c;
  const userIds = c.handler === 'agent' && c.assigneeId ? [c.assigneeId] : c.handler === 'queue' ? await onlineAgents(db, c.workspaceId, c.teamId) : [];
  const minutes = Math.max(1, Math.round((c.slaDueAt!.getTime() - now.getTime()) / 60_000));
  return notify(db, {
    workspaceId: c.workspaceId,
    kind: 'sla_breach_soon',
    userIds,
    conversationId: c.id,
    title:
      c.slaDueKind === 'resolution'
        ? `Resolve the conversation with ${row.contactName?.trim() || 'the customer'} within ${minutes} min`
        : `Reply to ${row.contactName?.trim() || 'the customer'} within ${minutes} min`,
    body: c.lastMessagePreview,
  });
}

/**
 * A target was missed: whoever can answer hears it once (the breach check records each
 * breach once). Nothing for a conversation that closed meanwhile.
 */
export async function notifySlaBreaches(db: Db, breaches: { conversationId: string; kind: 'first_response' | 'next_response' | 'resolution' }[]): Promise<number> {
  let sent = 0;
  for (const breach of breaches) {
    const [row] = await db
      .select({ c: conversations, contactName: contacts.name })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .where(eq(conversations.id, breach.conversationId))
      .limit(1);
    if (!row || row.c.status !== 'open') continue;
    const c = row.c;
    const userIds = c.handler === 'agent' && c.assigneeId ? [c.assigneeId] : c.handler === 'queue' ? await onlineAgents(db, c.workspaceId, c.teamId) : [];
    const who = row.contactName?.trim() || 'the customer';
    sent += await notify(db, {
      workspaceId: c.workspaceId,
      kind: 'sla_breached',
      userIds,
      conversationId: c.id,
      title: breach.kind === 'resolution' ? `Resolution target missed with ${who}` : `Reply target missed: ${who} is waiting`,
      body: c.lastMessagePreview,
    });
  }
  return sent;
}

/**
 * Who hears that a ticket missed a target: its assignee; unassigned, the active members of
 * its team; with no team either, the workspace's admins.
 */
async function ticketRecipients(db: Db, t: typeof tickets.$inferSelect): Promise<string[]> {
  if (t.assigneeId) return [t.assigneeId];
  const active = and(eq(memberships.workspaceId, t.workspaceId), activeMembership());
  const rows = t.teamId
    ? await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .innerJoin(teamMembers, and(eq(teamMembers.userId, memberships.userId), eq(teamMembers.teamId, t.teamId), eq(teamMembers.workspaceId, t.workspaceId)))
        .where(active)
    : await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(active, eq(memberships.role, 'admin')));
  return rows.map((r) => r.userId);
}

/**
 * A ticket's target was missed (recordTicketSlaBreaches, once per target): the people above
 * hear it through the same notification kind as conversations, and every agent's Tickets
 * screens refresh (the history has a new line) through the ticket's own event.
 */
export async function notifyTicketSlaBreaches(db: Db, breaches: { ticketId: string; kind: SlaTargetKind }[]): Promise<number> {
  if (breaches.length === 0) return 0;
  const rows = await db.select().from(tickets).where(inArray(tickets.id, [...new Set(breaches.map((b) => b.ticketId))]));
  const byId = new Map(rows.map((t) => [t.id, t]));
  let sent = 0;
  for (const breach of breaches) {
    const t = byId.get(breach.ticketId);
    if (!t || isDone(t.status)) continue;
    sent += await notify(db, {
      workspaceId: t.workspaceId,
      kind: 'sla_breached',
      userIds: await ticketRecipients(db, t),
      ticket: { id: t.id, number: t.number },
      title: `Ticket #${t.number} missed its ${breach.kind === 'first_response' ? 'first response' : 'resolution'} target`,
      body: t.subject,
    });
  }
  await publish(rows.flatMap((t) => ticketRealtime('ticket.updated', t).slice(0, 1)));
  return sent;
}
