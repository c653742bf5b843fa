import { createHash } from 'node:crypto';
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contacts, conversations } from '@/db/schema';
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
