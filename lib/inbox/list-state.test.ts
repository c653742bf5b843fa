import { describe, expect, it } from 'vitest';
import {
  compareRows,
  cursorAfter,
  effectiveStatus,
  filtersKey,
  listSearchParams,
  matchesFilters,
  parseCursor,
  parseListParams,
  type InboxRow,
  type ListFilters,
} from './list-query';
import { appendPage, applyFetched, applySummary, reconcileFirstPage, removeContactRows, type ConversationSummary, type ListState, type LiveContext } from './list-state';

const ME = '00000000-0000-4000-8000-0000000000aa';
const OTHER = '00000000-0000-4000-8000-0000000000bb';
const TEAM = '00000000-0000-4000-8000-0000000000cc';
const CH1 = '00000000-0000-4000-8000-0000000000d1';
const CH2 = '00000000-0000-4000-8000-0000000000d2';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (minutesAgo: number) => new Date(Date.UTC(2026, 0, 10, 12, 0) - minutesAgo * 60_000).toISOString();

function row(n: number, patch: Partial<InboxRow> = {}): InboxRow {
  return {
    id: id(n),
    version: 1,
    status: 'open',
    handler: 'queue',
    followUp: false,
    lastMessageAt: at(n),
    lastMessagePreview: `hello ${n}`,
    lastMessageKind: 'text',
    priority: 'none',
    slaDueAt: null,
    slaDueKind: null,
    slaDueStartedAt: null,
    unreadCount: 0,
    contact: { id: id(1000 + n), name: `Customer ${n}`, avatarUrl: null },
    channel: { id: CH1, kind: 'web', name: 'Web' },
    assignee: null,
    team: null,
    ...patch,
  };
}

function summaryOf(r: InboxRow, patch: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    handler: r.handler,
    assigneeId: r.assignee?.id ?? null,
    teamId: r.team?.id ?? null,
    followUp: r.followUp,
    lastMessageAt: r.lastMessageAt,
    lastMessagePreview: r.lastMessagePreview,
    lastMessageKind: r.lastMessageKind,
    ...patch,
  };
}

const filters = (patch: Partial<ListFilters> = {}): ListFilters => ({ tab: 'all', sort: 'newest', ...patch });
const ctx = (patch: Partial<ListFilters> = {}): LiveContext => ({
  filters: filters(patch),
  meId: ME,
  memberNames: new Map([[ME, 'Me Myself'], [OTHER, 'Other Agent']]),
  teamNames: new Map([[TEAM, 'Sales']]),
});
const stateOf = (rows: InboxRow[], nextCursor: string | null = null): ListState => ({ key: 'k', rows, nextCursor });
const ids = (s: ListState) => s.rows.map((r) => r.id);

describe('URL parameters', () => {
  it('round-trip, and an invalid parameter is dropped on its own', () => {
    const f: ListFilters = { tab: 'requests', assigned: `team:${TEAM}`, status: 'unread', channel: CH1, sort: 'sla', q: 'vip' };
    expect(parseListParams(Object.fromEntries(listSearchParams(f)))).toEqual(f);
    expect(parseListParams({ tab: 'nope', assigned: 'agent:not-a-uuid', status: 'unread', channel: 'x', sort: 'weird', q: '   ' })).toEqual({
      tab: 'all',
      assigned: undefined,
      status: 'unread',
      channel: undefined,
      sort: 'newest',
      q: undefined,
    });
    expect(parseListParams({ q: ['  two   words ', 'ignored'] }).q).toBe('two words');
    expect(filtersKey(filters({ q: 'a' }))).not.toBe(filtersKey(filters({ q: 'b' })));
  });

  it('cursors parse back to what they encode, and reject anything else', () => {
    const r = row(1, { slaDueAt: at(-30) });
    expect(parseCursor(cursorAfter(r, 'newest'))).toEqual({ sort: 'newest', at: new Date(r.lastMessageAt), id: r.id });
    expect(parseCursor(cursorAfter(r, 'sla'))).toEqual({ sort: 'sla', sla: new Date(r.slaDueAt!), at: new Date(r.lastMessageAt), id: r.id });
    expect(parseCursor(cursorAfter(row(2), 'sla'))).toMatchObject({ sort: 'sla', sla: null });
    for (const bad of ['', 'n|x|y', `n|${at(1)}|not-a-uuid`, `s|nope|${at(1)}|${id(1)}`, `x|${at(1)}|${id(1)}`, `n|${at(1)}'; drop table x|${id(1)}`]) {
      expect(parseCursor(bad)).toBeNull();
    }
  });
});

describe('filters in memory', () => {
  it('follow the tabs, the status rule and each filter', () => {
    const facts = { status: 'open' as const, handler: 'agent' as const, assigneeId: ME, teamId: null, followUp: true, channelId: CH1, unreadCount: 2 };
    expect(matchesFilters(facts, filters({ tab: 'active' }), ME)).toBe(true);
    expect(matchesFilters(facts, filters({ tab: 'active' }), OTHER)).toBe(false);
    expect(matchesFilters(facts, filters({ tab: 'requests' }), ME)).toBe(false);
    expect(matchesFilters(facts, filters({ tab: 'resolved' }), ME)).toBe(false);
    expect(matchesFilters({ ...facts, status: 'resolved' }, filters({ tab: 'active', status: 'resolved' }), ME)).toBe(true);
    expect(matchesFilters(facts, filters({ assigned: `agent:${OTHER}` }), ME)).toBe(false);
    expect(matchesFilters(facts, filters({ assigned: 'me', status: 'follow-up', channel: CH1 }), ME)).toBe(true);
    expect(matchesFilters(facts, filters({ channel: CH2 }), ME)).toBe(false);
    expect(matchesFilters({ ...facts, unreadCount: 0 }, filters({ status: 'unread' }), ME)).toBe(false);
    expect(matchesFilters({ ...facts, handler: 'queue', assigneeId: null }, filters({ assigned: 'unassigned' }), ME)).toBe(true);
    expect(matchesFilters({ ...facts, handler: 'queue', assigneeId: null, teamId: TEAM }, filters({ assigned: 'unassigned' }), ME)).toBe(false);
    expect(matchesFilters({ ...facts, teamId: TEAM }, filters({ assigned: `team:${TEAM}` }), ME)).toBe(true);
    // Unknown facts (a payload has no channel or unread count) leave the answer open.
    const { channelId: _c, unreadCount: _u, ...partial } = facts;
    expect(matchesFilters(partial, filters({ channel: CH1 }), ME)).toBeUndefined();
    expect(matchesFilters(partial, filters({ status: 'unread' }), ME)).toBeUndefined();
    expect(matchesFilters(partial, filters({ tab: 'bot', channel: CH1 }), ME)).toBe(false);
    expect(effectiveStatus('resolved', 'unresolved')).toBeNull();
  });

  it('order rows like the SQL: newest first with id breaking ties; SLA soonest first, none last', () => {
    const a = row(1, { id: id(1), lastMessageAt: at(5) });
    const b = row(2, { id: id(2), lastMessageAt: at(5) });
    const c = row(3, { lastMessageAt: at(1) });
    expect([a, b, c].sort((x, y) => compareRows(x, y, 'newest')).map((r) => r.id)).toEqual([c.id, b.id, a.id]);
    const s1 = row(4, { slaDueAt: at(-10), lastMessageAt: at(50) });
    const s2 = row(5, { slaDueAt: at(-5), lastMessageAt: at(60) });
    expect([c, s1, a, s2].sort((x, y) => compareRows(x, y, 'sla')).map((r) => r.id)).toEqual([s2.id, s1.id, c.id, a.id]);
  });
});

describe('live updates', () => {
  const base = () => stateOf([row(1), row(2), row(3)]);

  it('drop a payload that is not newer than the row shown', () => {
    const s = base();
    const out = applySummary(s, summaryOf(s.rows[1], { version: 1, followUp: true }), ctx());
    expect(out.state).toBe(s);
    expect(out.refetch).toBe(false);
  });

  it('move a row with a new message to the top and fetch it for its unread count', () => {
    const s = base();
    const out = applySummary(s, summaryOf(s.rows[2], { version: 2, lastMessageAt: at(0), lastMessagePreview: 'new!' }), ctx());
    expect(ids(out.state)).toEqual([id(3), id(1), id(2)]);
    expect(out.state.rows[0].lastMessagePreview).toBe('new!');
    expect(out.refetch).toBe(true);
  });

  it('update a follow-up star in place without fetching', () => {
    const out = applySummary(base(), summaryOf(base().rows[1], { version: 2, followUp: true }), ctx());
    expect(ids(out.state)).toEqual([id(1), id(2), id(3)]);
    expect(out.state.rows[1].followUp).toBe(true);
    expect(out.refetch).toBe(false);
  });

  it('remove a row that leaves the tab, and name the new assignee from the member list', () => {
    const s = base();
    const taken = applySummary(s, summaryOf(s.rows[0], { version: 2, handler: 'agent', assigneeId: OTHER }), ctx({ tab: 'requests' }));
    expect(ids(taken.state)).toEqual([id(2), id(3)]);
    const inAll = applySummary(s, summaryOf(s.rows[0], { version: 2, handler: 'agent', assigneeId: OTHER }), ctx());
    expect(inAll.state.rows[0].assignee).toEqual({ id: OTHER, name: 'Other Agent' });
  });

  it('fetch an unknown conversation only when it may belong to the list', () => {
    const s = base();
    const fresh = row(9, { lastMessageAt: at(0), version: 1 });
    expect(applySummary(s, summaryOf(fresh), ctx({ tab: 'requests' })).refetch).toBe(true);
    expect(applySummary(s, summaryOf(fresh), ctx({ tab: 'bot' })).refetch).toBe(false);
    expect(applySummary(s, summaryOf(fresh), ctx({ q: 'anything' })).refetch).toBe(true);
    expect(applySummary(s, summaryOf(fresh), ctx({ tab: 'requests' })).state).toBe(s);
  });

  it('insert a fetched row in place when it matches, skip it past the loaded part, ignore older versions', () => {
    const s = stateOf([row(1), row(3)], 'n|cursor');
    const c = ctx();
    expect(ids(applyFetched(s, [id(2)], [{ row: row(2), matches: true }], c))).toEqual([id(1), id(2), id(3)]);
    expect(ids(applyFetched(s, [id(2)], [{ row: row(2), matches: false }], c))).toEqual([id(1), id(3)]);
    expect(ids(applyFetched(s, [id(5)], [{ row: row(5), matches: true }], c))).toEqual([id(1), id(3)]); // beyond the cursor
    expect(ids(applyFetched(stateOf([row(1), row(3)]), [id(5)], [{ row: row(5), matches: true }], c))).toEqual([id(1), id(3), id(5)]);
    const newer = stateOf([row(1, { version: 5 }), row(3)]);
    expect(applyFetched(newer, [id(1)], [{ row: row(1, { version: 4, unreadCount: 9 }), matches: true }], c).rows[0].unreadCount).toBe(0);
    expect(ids(applyFetched(s, [id(1)], [], c))).toEqual([id(3)]); // gone
  });
});

describe('a deleted customer', () => {
  it('loses every row of theirs, by customer and by the conversation ids named; other rows stay in order', () => {
    const s = stateOf([row(1), row(2, { contact: { id: id(1001), name: 'Customer 1', avatarUrl: null } }), row(3), row(4)]);
    expect(ids(removeContactRows(s, { contactId: id(1001) }))).toEqual([id(3), id(4)]);
    expect(ids(removeContactRows(s, { contactId: id(5555), conversationIds: [id(4)] }))).toEqual([id(1), id(2), id(3)]);
    expect(removeContactRows(s, { contactId: id(5555), conversationIds: [] })).toBe(s); // none of theirs shown
  });
});

describe('pages', () => {
  it('merge the next page without duplicates, keeping the newer copy of a row', () => {
    const s = stateOf([row(1), row(2, { version: 3, lastMessageAt: at(0) })], 'c1');
    const next = appendPage(s, { rows: [row(2), row(4), row(5)], nextCursor: 'c2' }, 'newest');
    expect(ids(next)).toEqual([id(2), id(1), id(4), id(5)]);
    expect(next.rows[0].version).toBe(3);
    expect(next.nextCursor).toBe('c2');
  });

  it('after a reconnect, replace the first page and keep what was loaded beyond it', () => {
    const s = stateOf([row(1), row(2), row(3), row(4), row(5), row(6)], 'c-after-6');
    // While disconnected: 2 was resolved (gone from the list), 7 arrived on top.
    const page = { rows: [row(7, { lastMessageAt: at(0) }), row(1), row(3)], nextCursor: 'c-after-3' };
    const next = reconcileFirstPage(s, page, 'newest');
    expect(ids(next)).toEqual([id(7), id(1), id(3), id(4), id(5), id(6)]);
    expect(next.nextCursor).toBe('c-after-6');
    const all = reconcileFirstPage(s, { rows: [row(1)], nextCursor: null }, 'newest');
    expect(ids(all)).toEqual([id(1)]);
    expect(all.nextCursor).toBeNull();
  });
});

describe('out-of-order answers', () => {
  it('ignore a fetched row older than the newest announced version', () => {
    const s = stateOf([row(1)]);
    const announced = new Map([[id(2), 3]]);
    const stale = applyFetched(s, [id(2)], [{ row: row(2, { version: 2 }), matches: true }], ctx(), announced);
    expect(ids(stale)).toEqual([id(1)]);
    const current = applyFetched(s, [id(2)], [{ row: row(2, { version: 3 }), matches: true }], ctx(), announced);
    expect(ids(current)).toEqual([id(1), id(2)]);
  });
});
