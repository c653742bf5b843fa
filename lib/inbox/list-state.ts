import { z } from 'zod';
import { compareRows, factsOf, matchesFilters, type InboxRow, type ListFilters, type ListSort, type RowFacts } from './list-query';

// The browser's copy of the customer list and how realtime payloads and fetched rows
// change it. Pure functions (no React), so every rule is unit-tested.

export type ListState = {
  /** filtersKey of the list these rows belong to. */
  key: string;
  /** Sorted by compareRows for the list's sort. */
  rows: InboxRow[];
  /** Where the next page starts; null when everything is loaded. */
  nextCursor: string | null;
};

export type LiveContext = {
  filters: ListFilters;
  meId: string;
  /** Names for ids a payload carries (the filter menus already list them). */
  memberNames: ReadonlyMap<string, string>;
  teamNames: ReadonlyMap<string, string>;
};

/** `conversation.created` / `conversation.updated` payload (lib/realtime/payloads.ts). */
export const conversationSummarySchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: z.enum(['open', 'resolved']),
  handler: z.enum(['bot', 'queue', 'agent']),
  assigneeId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  followUp: z.boolean(),
  lastMessageAt: z.string(),
  lastMessagePreview: z.string().nullable(),
  lastMessageKind: z.string().nullable(),
  // Optional: payloads from before these existed (a tab open across a deploy) lack them.
  priority: z.enum(['none', 'low', 'medium', 'high', 'urgent']).optional(),
  slaDueAt: z.string().nullable().optional(),
  slaDueKind: z.enum(['first_response', 'next_response', 'resolution']).nullable().optional(),
  slaDueStartedAt: z.string().nullable().optional(),
  channelId: z.uuid().optional(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

function sortOf(ctx: LiveContext): ListSort {
  return ctx.filters.sort;
}

/** Where `row` goes in sorted `rows` (binary search). */
function insertionIndex(rows: InboxRow[], row: InboxRow, sort: ListSort): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareRows(rows[mid], row, sort) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function without(rows: InboxRow[], id: string): InboxRow[] {
  const i = rows.findIndex((r) => r.id === id);
  return i < 0 ? rows : [...rows.slice(0, i), ...rows.slice(i + 1)];
}

/**
 * A row belongs to the loaded part of the list when everything is loaded, or when it sorts
 * before the last loaded row; otherwise a later page brings it, in its place.
 */
function inLoadedRange(rows: InboxRow[], row: InboxRow, nextCursor: string | null, sort: ListSort): boolean {
  if (nextCursor === null) return true;
  const last = rows[rows.length - 1];
  return last !== undefined && compareRows(row, last, sort) < 0;
}

/** Puts `row` in its place (replacing the same id), or drops it when it sorts past the loaded part. */
export function placeRow(state: ListState, row: InboxRow, sort: ListSort): ListState {
  const rest = without(state.rows, row.id);
  if (!inLoadedRange(rest, row, state.nextCursor, sort)) return rest === state.rows ? state : { ...state, rows: rest };
  const i = insertionIndex(rest, row, sort);
  return { ...state, rows: [...rest.slice(0, i), row, ...rest.slice(i)] };
}

export function removeRow(state: ListState, id: string): ListState {
  const rows = without(state.rows, id);
  return rows === state.rows ? state : { ...state, rows };
}

/** `contact.deleted` payload (lib/contacts/realtime.ts): ids only. */
export const contactDeletedSchema = z.object({
  contactId: z.uuid(),
  conversationIds: z.array(z.uuid()).optional(),
});
export type ContactDeleted = z.infer<typeof contactDeletedSchema>;

/**
 * A customer was deleted: every row of theirs goes, matched by the customer (so it holds
 * however many conversations they had) and by the conversation ids the payload names.
 */
export function removeContactRows(state: ListState, deleted: ContactDeleted): ListState {
  const gone = new Set(deleted.conversationIds ?? []);
  const rows = state.rows.filter((r) => r.contact.id !== deleted.contactId && !gone.has(r.id));
  return rows.length === state.rows.length ? state : { ...state, rows };
}

/** The row was read (opened): no unread messages for me, in place. */
export function markRowRead(state: ListState, id: string): ListState {
  const i = state.rows.findIndex((r) => r.id === id);
  if (i < 0 || state.rows[i].unreadCount === 0) return state;
  const rows = [...state.rows];
  rows[i] = { ...rows[i], unreadCount: 0 };
  return { ...state, rows };
}

function newer(a: InboxRow, b: InboxRow | undefined): InboxRow {
  return b && b.version > a.version ? b : a;
}

/** The next page arrived: merge by id (the higher version wins) and keep the order. */
export function appendPage(state: ListState, page: { rows: InboxRow[]; nextCursor: string | null }, sort: ListSort): ListState {
  const byId = new Map(state.rows.map((r) => [r.id, r]));
  for (const row of page.rows) byId.set(row.id, newer(row, byId.get(row.id)));
  return { ...state, rows: [...byId.values()].sort((a, b) => compareRows(a, b, sort)), nextCursor: page.nextCursor };
}

/**
 * A fresh first page (after a reconnect): it replaces everything the list holds up to its
 * last row; rows loaded beyond that stay, with their cursor. A row we hold in a newer
 * version than the page (an event that arrived meanwhile) is kept.
 */
export function reconcileFirstPage(state: ListState, page: { rows: InboxRow[]; nextCursor: string | null }, sort: ListSort): ListState {
  const held = new Map(state.rows.map((r) => [r.id, r]));
  const fresh = page.rows.map((r) => newer(r, held.get(r.id)));
  const freshIds = new Set(fresh.map((r) => r.id));
  const boundary = page.rows[page.rows.length - 1];
  const beyond =
    page.nextCursor === null || !boundary
      ? []
      : state.rows.filter((r) => !freshIds.has(r.id) && compareRows(r, boundary, sort) > 0);
  return {
    ...state,
    rows: [...fresh, ...beyond].sort((a, b) => compareRows(a, b, sort)),
    nextCursor: beyond.length > 0 ? state.nextCursor : page.nextCursor,
  };
}

function summaryFacts(s: ConversationSummary): RowFacts {
  return {
    status: s.status,
    handler: s.handler,
    assigneeId: s.assigneeId,
    teamId: s.teamId,
    followUp: s.followUp,
    ...(s.channelId ? { channelId: s.channelId } : {}),
  };
}

export type SummaryOutcome = {
  state: ListState;
  /** The row must be fetched by id: it is new to this list, or the payload lacks fields it shows. */
  refetch: boolean;
};

/**
 * Applies a realtime payload. A payload older than (or as old as) the row shown is
 * dropped. A shown row is updated in place, moved, or removed when it no longer matches;
 * a row not shown is fetched when it may match (its customer, channel, unread count and
 * search match are not in the payload).
 */
export function applySummary(state: ListState, s: ConversationSummary, ctx: LiveContext): SummaryOutcome {
  const sort = sortOf(ctx);
  const current = state.rows.find((r) => r.id === s.id);
  if (!current) {
    const verdict = matchesFilters(summaryFacts(s), ctx.filters, ctx.meId);
    return { state, refetch: verdict !== false };
  }
  if (s.version <= current.version) return { state, refetch: false };

  const assignee = s.assigneeId
    ? s.assigneeId === current.assignee?.id
      ? current.assignee
      : { id: s.assigneeId, name: ctx.memberNames.get(s.assigneeId) ?? 'Agent' }
    : null;
  const team = s.teamId ? (s.teamId === current.team?.id ? current.team : { id: s.teamId, name: ctx.teamNames.get(s.teamId) ?? 'Team' }) : null;
  const next: InboxRow = {
    ...current,
    version: s.version,
    status: s.status,
    handler: s.handler,
    followUp: s.followUp,
    lastMessageAt: s.lastMessageAt,
    lastMessagePreview: s.lastMessagePreview,
    lastMessageKind: s.lastMessageKind,
    priority: s.priority ?? current.priority,
    slaDueAt: s.slaDueAt !== undefined ? s.slaDueAt : current.slaDueAt,
    slaDueKind: s.slaDueKind !== undefined ? s.slaDueKind : current.slaDueKind,
    slaDueStartedAt: s.slaDueStartedAt !== undefined ? s.slaDueStartedAt : current.slaDueStartedAt,
    assignee,
    team,
  };

  const newMessage = next.lastMessageAt !== current.lastMessageAt || next.lastMessagePreview !== current.lastMessagePreview;
  const moved = next.status !== current.status || next.handler !== current.handler || assignee?.id !== current.assignee?.id;
  // A new message changes my unread count, which is not in the payload: fetch the row (the
  // shown values stay until then). So does a state change from a payload without the SLA.
  const refetch = newMessage || (s.slaDueAt === undefined && moved);

  if (matchesFilters(factsOf(next), ctx.filters, ctx.meId) === false) return { state: removeRow(state, s.id), refetch: false };
  return { state: placeRow(state, next, sort), refetch };
}

export type FetchedRow = { row: InboxRow; matches: boolean };

/**
 * Rows fetched by id, each with whether it matches the list's filters and search (the
 * server decides, so search and unread count are exact). An id asked for but absent no
 * longer exists for us. A fetched row older than the one shown is ignored: a fetch for the
 * newer version is already on its way.
 */
export function applyFetched(
  state: ListState,
  requested: string[],
  fetched: FetchedRow[],
  ctx: LiveContext,
  /** The newest version a payload announced per id: an answer older than that is stale. */
  announced: ReadonlyMap<string, number> = new Map(),
): ListState {
  const sort = sortOf(ctx);
  const byId = new Map(fetched.map((f) => [f.row.id, f]));
  let next = state;
  for (const id of requested) {
    const f = byId.get(id);
    const current = next.rows.find((r) => r.id === id);
    if (!f) {
      next = removeRow(next, id);
      continue;
    }
    if (current && f.row.version < current.version) continue;
    if (f.row.version < (announced.get(id) ?? 0)) continue;
    next = f.matches ? placeRow(next, f.row, sort) : removeRow(next, id);
  }
  return next;
}
