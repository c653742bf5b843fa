import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { channels, cobrowseSessions, contactIdentities, conversations } from '@/db/schema';
import { recordNote } from '@/lib/conversations/note';
import { realtimeChannels } from '@/lib/realtime/channels';
import type { RealtimeEvent } from '@/lib/realtime/publisher';
import { readWidgetSettings } from '@/lib/widget/settings-shape';
import { cobrowseEvents, type CobrowseSessionView } from './protocol';

// A co-browsing session's life, shared by the agent's verbs (request.ts) and the visitor's
// (visitor.ts): the rows, the status lines through the one writer, and the realtime news.

export type CobrowseRow = typeof cobrowseSessions.$inferSelect;

/** A session quiet this long (no page of the shop came back) no longer resumes. */
export const COBROWSE_RESUME_MS = 30 * 60_000;

export const liveStatuses = ['requested', 'active'] as const;

export function cobrowseEnabled(settings: Record<string, unknown> | null | undefined): boolean {
  return readWidgetSettings(settings).cobrowse;
}

export function sessionView(row: CobrowseRow, requestedBy: string | null = null): CobrowseSessionView {
  return { id: row.id, conversationId: row.conversationId, status: row.status, endedBy: row.endedBy ?? null, requestedBy, snapshotVersion: row.snapshotVersion };
}

/** The conversation's requested or active session, locked for the change. */
export async function liveSession(tx: DbOrTx, workspaceId: string, conversationId: string, lock = false): Promise<CobrowseRow | null> {
  const query = tx
    .select()
    .from(cobrowseSessions)
    .where(and(eq(cobrowseSessions.workspaceId, workspaceId), eq(cobrowseSessions.conversationId, conversationId), inArray(cobrowseSessions.status, [...liveStatuses])))
    .orderBy(desc(cobrowseSessions.createdAt))
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** The web conversation of a workspace with its channel and the visitor's identity (for their channel). */
export async function webConversation(db: DbOrTx, workspaceId: string, conversationId: string) {
  const [row] = await db
    .select({ conversation: conversations, channel: channels, identityId: contactIdentities.id })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(contactIdentities, and(eq(contactIdentities.contactId, conversations.contactId), eq(contactIdentities.channelId, conversations.channelId)))
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

/** `cobrowse.changed` for the agents (assist channel) and the visitor (their own channel). */
export function changedEvents(row: CobrowseRow, identityId: string | null): RealtimeEvent[] {
  const data = sessionView(row);
  return [
    { channel: realtimeChannels.assist(row.conversationId), name: cobrowseEvents.changed, data },
    ...(identityId ? [{ channel: realtimeChannels.visitor(identityId), name: cobrowseEvents.changed, data }] : []),
  ];
}

const lines = {
  requested: (agent: string) => `${agent} asked to see the customer’s page (co-browsing)`,
  active: () => 'The customer accepted co-browsing: their page is shared',
  declined: () => 'The customer declined co-browsing',
  endedByCustomer: () => 'Co-browsing ended by the customer',
  endedByAgent: (agent: string) => `${agent} ended co-browsing`,
};

/** Moves a session to its next status with its status line; returns what to publish after commit. */
export async function changeSession(
  tx: Tx,
  row: CobrowseRow,
  next: { status: 'active' | 'declined' | 'ended'; by: 'agent' | 'customer'; actor: { id: string; name: string } | null },
  identityId: string | null,
): Promise<{ row: CobrowseRow; events: RealtimeEvent[] }> {
  const now = new Date();
  const [updated] = await tx
    .update(cobrowseSessions)
    .set({
      status: next.status,
      ...(next.status === 'active' ? { acceptedAt: now, lastSeenAt: now } : {}),
      ...(next.status !== 'active' ? { endedAt: now, endedBy: next.by, snapshot: null } : {}),
    })
    .where(eq(cobrowseSessions.id, row.id))
    .returning();
  const text =
    next.status === 'active'
      ? lines.active()
      : next.status === 'declined'
        ? lines.declined()
        : next.by === 'customer'
          ? lines.endedByCustomer()
          : lines.endedByAgent(next.actor?.name ?? 'An agent');
  const recorded = await recordNote(tx, {
    workspaceId: row.workspaceId,
    conversationId: row.conversationId,
    text,
    event: `cobrowse_${next.status}`,
    actorUserId: next.actor?.id ?? null,
    payload: { cobrowseSessionId: row.id, by: next.by },
  });
  return { row: updated, events: [...recorded.events, ...changedEvents(updated, identityId)] };
}

export async function insertRequest(tx: Tx, input: { workspaceId: string; channelId: string; conversationId: string; actor: { id: string; name: string } }, identityId: string | null) {
  const [row] = await tx
    .insert(cobrowseSessions)
    .values({ workspaceId: input.workspaceId, channelId: input.channelId, conversationId: input.conversationId, requestedByUserId: input.actor.id })
    .returning();
  const recorded = await recordNote(tx, {
    workspaceId: input.workspaceId,
    conversationId: input.conversationId,
    text: lines.requested(input.actor.name),
    event: 'cobrowse_requested',
    actorUserId: input.actor.id,
    payload: { cobrowseSessionId: row.id },
  });
  return { row, events: [...recorded.events, ...changedEvents(row, identityId)] };
}
