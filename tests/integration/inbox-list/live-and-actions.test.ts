import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations, messages } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { getInboxRows, listConversations } from '@/lib/inbox/list';
import { compareRows, listFiltersSchema, parseCursor, type InboxRow, type ListFilters } from '@/lib/inbox/list-query';
import { appendPage, applyFetched, applySummary, conversationSummarySchema, type ListState, type LiveContext } from '@/lib/inbox/list-state';
import { conversationSummary } from '@/lib/realtime/payloads';
import { createUser } from '../support/fixtures';
import { buildWorld, NOW, prng, type World } from './world';

// The browser's live-update rules (lib/inbox/list-state.ts) driven by real payloads
// (lib/realtime/payloads.ts) and real row fetches: after any sequence of changes the list
// must equal a fresh query. And the server actions the browser calls check for themselves.

let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));
const { loadInboxPageAction, loadInboxRowsAction, loadInboxCountsAction } = await import('@/app/w/[slug]/inbox/list-actions');

let a: World;
let b: World;
beforeAll(async () => {
  a = await buildWorld(getDb(), { seed: 3, name: 'Live A', contacts: 300, conversations: 900 });
  b = await buildWorld(getDb(), { seed: 4, name: 'Live B', contacts: 50, conversations: 100 });
}, 120_000);

function liveContext(filters: ListFilters): LiveContext {
  return {
    filters,
    meId: a.me.actor.id,
    memberNames: new Map(a.agents.map((x) => [x.id, x.name])),
    teamNames: new Map(a.teams.map((t) => [t.id, t.name])),
  };
}

async function loadPages(filters: ListFilters, pages: number): Promise<ListState> {
  let state: ListState = { key: 'k', rows: [], nextCursor: null };
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) {
    const page = await listConversations(getDb(), a.me, { ...filters, cursor, limit: 40 });
    state = appendPage(state, page, filters.sort);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return state;
}

async function everything(filters: ListFilters): Promise<InboxRow[]> {
  const rows: InboxRow[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listConversations(getDb(), a.me, { ...filters, cursor, limit: 100 });
    rows.push(...page.rows);
    if (!page.nextCursor) return rows;
    cursor = page.nextCursor;
  }
}

/** One change, as the services make it: new state, version + 1, then the payload. */
async function change(id: string, set: Partial<typeof conversations.$inferInsert>, inbound?: Date) {
  const db = getDb();
  const [before] = await db.select().from(conversations).where(eq(conversations.id, id));
  if (inbound) {
    await db.insert(messages).values({ workspaceId: before.workspaceId, conversationId: id, channelId: before.channelId, direction: 'inbound', senderKind: 'customer', kind: 'text', body: 'again', createdAt: inbound });
  }
  const [updated] = await db
    .update(conversations)
    .set({ ...set, version: sql`${conversations.version} + 1` })
    .where(eq(conversations.id, id))
    .returning();
  return conversationSummary(updated);
}

describe('live updates converge on a fresh query', () => {
  const cases: Array<Partial<ListFilters>> = [
    { tab: 'all' },
    { tab: 'requests' },
    { tab: 'active', sort: 'sla' },
    { tab: 'all', status: 'unread' },
    { tab: 'all', q: 'vip' },
    { tab: 'all', assigned: 'unassigned', sort: 'sla' },
  ];

  for (const partial of cases) {
    it(`applies 40 random changes to ${JSON.stringify(partial)}`, async () => {
      const filters = listFiltersSchema.parse(partial);
      const ctx = liveContext(filters);
      let state = await loadPages(filters, 3);
      const rnd = prng(JSON.stringify(partial).length * 31);
      const open = () => rnd.pick(a.conversations.filter((c) => c.status === 'open'));
      let clock = NOW.getTime() + 60_000;
      const payloads: unknown[] = [];

      for (let i = 0; i < 40; i++) {
        const target = rnd.chance(0.5) && state.rows.length ? rnd.pick(state.rows).id : open().id;
        const kind = rnd.int(0, 4);
        clock += rnd.int(1, 5) * 1000;
        const at = new Date(clock);
        const summary =
          kind === 0
            ? await change(target, { lastMessageAt: at, lastMessagePreview: `new ${i}`, lastCustomerMessageAt: at, slaDueAt: new Date(clock + 15 * 60_000) }, at)
            : kind === 1
              ? await change(target, { handler: 'agent', assigneeId: rnd.pick(a.agents).id, slaDueAt: null })
              : kind === 2
                ? await change(target, { status: 'resolved', resolvedAt: at, slaDueAt: null })
                : kind === 3
                  ? await change(target, { followUp: rnd.chance(0.5) })
                  : await change(target, { handler: 'queue', assigneeId: null, teamId: rnd.chance(0.5) ? rnd.pick(a.teams).id : null });
        // What the browser receives is JSON.
        const payload = JSON.parse(JSON.stringify(summary));
        payloads.push(payload);
        const parsed = conversationSummarySchema.parse(payload);
        const outcome = applySummary(state, parsed, ctx);
        state = outcome.state;
        if (outcome.refetch) {
          const fetched = await getInboxRows(getDb(), a.me, [parsed.id], filters);
          state = applyFetched(state, [parsed.id], fetched, ctx);
        }
      }

      // A late duplicate of an old payload changes nothing.
      const stale = conversationSummarySchema.parse(payloads[0]);
      expect(applySummary(state, stale, ctx).state).toBe(state);

      const fresh = await everything(filters);
      const boundary = state.nextCursor ? parseCursor(state.nextCursor) : null;
      const boundaryKey = boundary
        ? { id: boundary.id, lastMessageAt: boundary.at.toISOString(), slaDueAt: boundary.sort === 'sla' ? (boundary.sla?.toISOString() ?? null) : null }
        : null;
      const expected = boundaryKey ? fresh.filter((r) => compareRows(r, boundaryKey, filters.sort) <= 0) : fresh;
      expect(state.rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
      const freshById = new Map(fresh.map((r) => [r.id, r]));
      for (const r of state.rows) {
        const f = freshById.get(r.id)!;
        expect({ version: r.version, status: r.status, handler: r.handler, assignee: r.assignee?.id, followUp: r.followUp, lastMessageAt: r.lastMessageAt }).toEqual({
          version: f.version,
          status: f.status,
          handler: f.handler,
          assignee: f.assignee?.id,
          followUp: f.followUp,
          lastMessageAt: f.lastMessageAt,
        });
      }
    });
  }
});

describe('list server actions', () => {
  it('page through the list with counts, for a member of the workspace', async () => {
    currentUser = { id: a.me.actor.id, name: a.me.actor.name, email: a.me.actor.email };
    const first = await loadInboxPageAction({ workspaceId: a.workspaceId, tab: 'all', limit: 30, withCounts: true });
    if (!first.ok) throw new Error(first.error);
    expect(first.data.rows).toHaveLength(30);
    expect(first.data.counts?.all.count).toBeGreaterThan(0);
    const second = await loadInboxPageAction({ workspaceId: a.workspaceId, tab: 'all', limit: 30, cursor: first.data.nextCursor });
    if (!second.ok) throw new Error(second.error);
    expect(second.data.counts).toBeNull();
    const direct = await listConversations(getDb(), a.me, { tab: 'all', limit: 60 });
    expect([...first.data.rows, ...second.data.rows].map((r) => r.id)).toEqual(direct.rows.map((r) => r.id));

    const rows = await loadInboxRowsAction({ workspaceId: a.workspaceId, ids: [direct.rows[0].id, b.conversations[0].id], filters: { tab: 'all' } });
    expect(rows.ok && rows.data.rows.map((r) => r.row.id)).toEqual([direct.rows[0].id]);
    expect(await loadInboxCountsAction({ workspaceId: a.workspaceId })).toMatchObject({ ok: true });
  });

  it('refuse a stranger, a signed-out caller and bad input', async () => {
    const stranger = await createUser(getDb(), 'Stranger');
    currentUser = { id: stranger.id, name: stranger.name, email: stranger.email };
    for (const result of [
      await loadInboxPageAction({ workspaceId: a.workspaceId, tab: 'all' }),
      await loadInboxRowsAction({ workspaceId: a.workspaceId, ids: [a.conversations[0].id] }),
      await loadInboxCountsAction({ workspaceId: a.workspaceId }),
    ]) {
      expect(result).toEqual({ ok: false, code: 'forbidden', error: 'You are not a member of this workspace.' });
    }
    currentUser = null;
    expect(await loadInboxPageAction({ workspaceId: a.workspaceId })).toMatchObject({ ok: false, code: 'unauthenticated' });

    currentUser = { id: a.me.actor.id, name: a.me.actor.name, email: a.me.actor.email };
    expect(await loadInboxPageAction({ workspaceId: a.workspaceId, tab: 'everything' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await loadInboxPageAction({ workspaceId: a.workspaceId, assigned: `agent:${randomUUID()}' or 1=1` })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await loadInboxPageAction({ workspaceId: a.workspaceId, limit: 5000 })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await loadInboxRowsAction({ workspaceId: a.workspaceId, ids: ['1; drop table conversations'] })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await loadInboxPageAction({ workspaceId: a.workspaceId, cursor: 'n|bogus' })).toMatchObject({ ok: false, code: 'invalid' });
  });
});
