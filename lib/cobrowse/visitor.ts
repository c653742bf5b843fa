import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { cobrowseSessions, conversations, users } from '@/db/schema';
import { publish } from '@/lib/realtime/publisher';
import { decodeEvents } from '@/lib/recordings/decode';
import { visitorConversations, type Visitor, type WidgetChannel } from '@/lib/widget/context';
import { WidgetError } from '@/lib/widget/errors';
import { readWidgetSettings } from '@/lib/widget/settings-shape';
import type { CobrowseSessionView } from './protocol';
import { changeSession, COBROWSE_RESUME_MS, cobrowseEnabled, liveStatuses, sessionView, type CobrowseRow } from './sessions';

// The visitor's side of co-browsing, behind the chat's own visitor token: the consent card's
// answer, Stop, and the page's full snapshot. Only sessions of the visitor's own
// conversations on this channel are ever found.

/** The full snapshot's upload, gzipped: a large shop page with its inlined CSS fits. */
export const COBROWSE_SNAPSHOT_MAX_BYTES = 1024 * 1024;

export const cobrowseAnswerInput = z.object({ sessionId: z.uuid(), answer: z.enum(['accept', 'decline', 'end']) });

function requireEnabled(channel: WidgetChannel) {
  if (!cobrowseEnabled(channel.channel.settings)) throw new WidgetError(403, 'cobrowse_off', 'This chat does not offer co-browsing.');
}

/** The visitor's session on this channel that is waiting for an answer or running (and not gone quiet), or null. */
export async function visitorCobrowse(db: DbOrTx, channel: WidgetChannel, visitor: Visitor): Promise<CobrowseSessionView | null> {
  if (!cobrowseEnabled(channel.channel.settings)) return null;
  const [row] = await db
    .select({ session: cobrowseSessions })
    .from(cobrowseSessions)
    .innerJoin(conversations, eq(conversations.id, cobrowseSessions.conversationId))
    .where(and(visitorConversations(channel, visitor), eq(conversations.status, 'open'), inArray(cobrowseSessions.status, [...liveStatuses])))
    .orderBy(desc(cobrowseSessions.createdAt))
    .limit(1);
  if (!row) return null;
  if (row.session.status === 'active' && Date.now() - row.session.lastSeenAt.getTime() > COBROWSE_RESUME_MS) return null;
  return visitorView(db, channel, row.session);
}

/** Who asks, as the chat signs replies: the agent's first name, or nobody (the shop's title) when replies are the shop's. */
async function visitorView(db: DbOrTx, channel: WidgetChannel, row: CobrowseRow): Promise<CobrowseSessionView> {
  if (readWidgetSettings(channel.channel.settings).agentDisplay === 'shop' || !row.requestedByUserId) return sessionView(row);
  const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, row.requestedByUserId)).limit(1);
  return sessionView(row, user?.name.trim().split(/\s+/)[0] || null);
}

async function lockVisitorSession(tx: DbOrTx, channel: WidgetChannel, visitor: Visitor, sessionId: string) {
  const [row] = await tx
    .select({ session: cobrowseSessions })
    .from(cobrowseSessions)
    .innerJoin(conversations, eq(conversations.id, cobrowseSessions.conversationId))
    .where(and(visitorConversations(channel, visitor), eq(cobrowseSessions.id, sessionId)))
    .for('update', { of: cobrowseSessions })
    .limit(1);
  if (!row) throw new WidgetError(404, 'not_found', 'This co-browsing request does not exist.');
  return row.session;
}

/** Accept or decline the agent's request, or stop sharing. Answering what already ended is a 409. */
export async function answerCobrowse(db: Db, channel: WidgetChannel, visitor: Visitor, input: z.infer<typeof cobrowseAnswerInput>): Promise<CobrowseSessionView> {
  requireEnabled(channel);
  const { view, events } = await db.transaction(async (tx) => {
    const session = await lockVisitorSession(tx, channel, visitor, input.sessionId);
    const allowed = input.answer === 'end' ? session.status === 'requested' || session.status === 'active' : session.status === 'requested';
    if (!allowed) throw new WidgetError(409, 'cobrowse_over', 'This co-browsing request is no longer waiting.');
    const status = input.answer === 'accept' ? 'active' : input.answer === 'decline' ? 'declined' : 'ended';
    const changed = await changeSession(tx, session, { status, by: 'customer', actor: null }, visitor.identityId);
    return { view: await visitorView(tx, channel, changed.row), events: changed.events };
  });
  await publish(events);
  return view;
}

/**
 * The page's full snapshot (rrweb's meta and full-snapshot events, gzipped JSON), checked
 * like a recording's batch, kept for the agent's mirror in place of the previous one.
 */
export async function storeCobrowseSnapshot(db: Db, channel: WidgetChannel, visitor: Visitor, sessionId: string, body: Buffer): Promise<{ stored: boolean; version: number }> {
  requireEnabled(channel);
  const events = decodeEvents(body, 'gzip');
  if (!events.some((e) => e.type === 2)) throw new WidgetError(400, 'invalid_snapshot', 'The upload holds no full snapshot of the page.');
  return db.transaction(async (tx) => {
    const session = await lockVisitorSession(tx, channel, visitor, sessionId);
    // Not (or no longer) running, e.g. the agent stopped while the page was on its way: kept nowhere.
    if (session.status !== 'active') return { stored: false, version: session.snapshotVersion };
    const [row] = await tx
      .update(cobrowseSessions)
      .set({ snapshot: body, snapshotVersion: sql`${cobrowseSessions.snapshotVersion} + 1`, lastSeenAt: new Date() })
      .where(eq(cobrowseSessions.id, session.id))
      .returning({ version: cobrowseSessions.snapshotVersion });
    return { stored: true, version: row.version };
  });
}
