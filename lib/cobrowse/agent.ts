import { and, eq } from 'drizzle-orm';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { cobrowseSessions, users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { publish } from '@/lib/realtime/publisher';
import type { CobrowseSessionView } from './protocol';
import { changeSession, cobrowseEnabled, insertRequest, liveSession, sessionView, webConversation } from './sessions';

// The agent's side of co-browsing: "Ask for co-browsing" in the composer, Stop in the
// mirror, what the conversation shows, and the page's full snapshot for the mirror.

export const cobrowseConversationInput = z.object({ conversationId: z.uuid('Unknown conversation') });

async function requireWebConversation(db: DbOrTx, ctx: ActorContext, conversationId: string) {
  const row = await webConversation(db, ctx.workspaceId, conversationId);
  if (!row) throw new UserError('not_found', 'This conversation does not exist.');
  if (row.channel.kind !== 'web') throw new UserError('invalid', 'Co-browsing works only in website chat conversations.');
  if (!cobrowseEnabled(row.channel.settings)) throw new UserError('forbidden', 'Co-browsing is off for this website chat. An admin can turn it on in its settings.');
  return row;
}

/** Sends the customer the consent card. A request already waiting (or a session running) is returned as it is. */
export async function requestCobrowse(db: Db, ctx: ActorContext, raw: z.input<typeof cobrowseConversationInput>): Promise<CobrowseSessionView> {
  const input = cobrowseConversationInput.parse(raw);
  const { view, events } = await db.transaction(async (tx) => {
    const row = await requireWebConversation(tx, ctx, input.conversationId);
    if (row.conversation.status !== 'open') throw new UserError('invalid', 'This conversation is resolved: co-browsing needs the customer in the chat.');
    const existing = await liveSession(tx, ctx.workspaceId, input.conversationId, true);
    if (existing) return { view: sessionView(existing), events: [] };
    const created = await insertRequest(tx, { workspaceId: ctx.workspaceId, channelId: row.channel.id, conversationId: input.conversationId, actor: ctx.actor }, row.identityId);
    return { view: sessionView(created.row, ctx.actor.name), events: created.events };
  });
  await publish(events);
  return view;
}

/** Stop: ends the waiting request or the live session (nothing to end is not an error). */
export async function endCobrowse(db: Db, ctx: ActorContext, raw: z.input<typeof cobrowseConversationInput>): Promise<{ ended: boolean }> {
  const input = cobrowseConversationInput.parse(raw);
  const events = await db.transaction(async (tx) => {
    const row = await webConversation(tx, ctx.workspaceId, input.conversationId);
    if (!row) throw new UserError('not_found', 'This conversation does not exist.');
    const live = await liveSession(tx, ctx.workspaceId, input.conversationId, true);
    if (!live) return [];
    return (await changeSession(tx, live, { status: 'ended', by: 'agent', actor: ctx.actor }, row.identityId)).events;
  });
  await publish(events);
  return { ended: events.length > 0 };
}

export type AgentCobrowseState = { enabled: boolean; session: CobrowseSessionView | null };

/** What the composer's co-browsing control shows: whether it is offered here, and the live session if any. */
export async function agentCobrowseState(db: DbOrTx, workspaceId: string, conversationId: string): Promise<AgentCobrowseState | null> {
  const row = await webConversation(db, workspaceId, conversationId);
  if (!row) return null;
  const enabled = row.channel.kind === 'web' && cobrowseEnabled(row.channel.settings);
  if (!enabled) return { enabled, session: null };
  const live = await liveSession(db, workspaceId, conversationId);
  if (!live) return { enabled, session: null };
  const [by] = live.requestedByUserId ? await db.select({ name: users.name }).from(users).where(eq(users.id, live.requestedByUserId)).limit(1) : [];
  return { enabled, session: sessionView(live, by?.name ?? null) };
}

/**
 * The page's latest full snapshot (rrweb events) of a session of the workspace, or null. A
 * session that is not running has none (events empty): a mirror may ask just as it ends.
 */
export async function loadCobrowseSnapshot(db: DbOrTx, workspaceId: string, sessionId: string): Promise<{ status: string; version: number; events: unknown[] } | null> {
  const [row] = await db
    .select({ snapshot: cobrowseSessions.snapshot, version: cobrowseSessions.snapshotVersion, status: cobrowseSessions.status })
    .from(cobrowseSessions)
    .where(and(eq(cobrowseSessions.id, sessionId), eq(cobrowseSessions.workspaceId, workspaceId)))
    .limit(1);
  if (!row) return null;
  if (row.status !== 'active' || !row.snapshot) return { status: row.status, version: row.version, events: [] };
  return { status: row.status, version: row.version, events: JSON.parse(gunzipSync(row.snapshot).toString('utf8')) as unknown[] };
}
