import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { channels, contacts, conversations, messages, readCursors, teams, users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import {
  cursorAfter,
  effectiveStatus,
  listFiltersSchema,
  parseAssigned,
  parseCursor,
  UNREAD_CAP,
  type InboxRow,
  type ListFilters,
  type ListSort,
  type ParsedCursor,
  type TabCounts,
} from './list-query';
import { describeMatches, resolveSearch, searchCondition, type ResolvedSearch } from './search';

export { inboxTabs, type InboxRow, type InboxTab, type ListFilters } from './list-query';

// The customer list: one page at a time (keyset pagination), single rows by id for live
// updates, and capped tab counts. Every query starts from `conversations.workspace_id`.

export const listQuerySchema = listFiltersSchema.extend({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListQuery = z.input<typeof listQuerySchema>;

export type ListPage = { rows: InboxRow[]; nextCursor: string | null };

// Enum constants are written into the SQL text (never user input), so the planner can match
// the partial index on open conversations with an SLA.
const is = (column: typeof conversations.status | typeof conversations.handler, value: 'open' | 'resolved' | 'bot' | 'queue' | 'agent') =>
  sql`${column} = ${sql.raw(`'${value}'`)}`;

/** Has an inbound message after my read cursor (the same rule as the unread count). */
function unreadCondition(userId: string): SQL {
  return sql`exists (select 1 from ${messages} m where m.conversation_id = ${conversations.id} and m.direction = 'inbound' and m.created_at > coalesce((select rc.last_read_at from ${readCursors} rc where rc.conversation_id = ${conversations.id} and rc.user_id = ${userId}), '-infinity'::timestamptz))`;
}

/**
 * Tab, filters and search as SQL conditions on `conversations`, always within the workspace.
 * `search`: the search resolved to contact ids beforehand (resolveSearch), for list pages;
 * without it the search is checked per conversation (fine for a few rows by id).
 */
export function filterConditions(ctx: ActorContext, filters: ListFilters, search?: ResolvedSearch): SQL[] {
  const me = ctx.actor.id;
  const conds: SQL[] = [eq(conversations.workspaceId, ctx.workspaceId)];
  const status = effectiveStatus(filters.tab, filters.status);
  conds.push(status === null ? sql`false` : is(conversations.status, status));

  const agentIs = (id: string) => and(is(conversations.handler, 'agent'), eq(conversations.assigneeId, id))!;
  if (filters.tab === 'active') conds.push(agentIs(me));
  if (filters.tab === 'requests') conds.push(is(conversations.handler, 'queue'));
  if (filters.tab === 'bot') conds.push(is(conversations.handler, 'bot'));

  if (filters.assigned) {
    const a = parseAssigned(filters.assigned);
    if (a.kind === 'me') conds.push(agentIs(me));
    if (a.kind === 'agent') conds.push(agentIs(a.id));
    if (a.kind === 'bot') conds.push(is(conversations.handler, 'bot'));
    if (a.kind === 'unassigned') conds.push(and(is(conversations.handler, 'queue'), isNull(conversations.teamId))!);
    if (a.kind === 'team') conds.push(eq(conversations.teamId, a.id));
  }
  if (filters.status === 'follow-up') conds.push(eq(conversations.followUp, true));
  if (filters.status === 'unread') conds.push(unreadCondition(me));
  if (filters.channel) conds.push(eq(conversations.channelId, filters.channel));
  if (filters.q) conds.push(searchCondition(conversations.contactId, filters.q, search));
  return conds;
}

type KeyRow = { id: string; lastMessageAt: Date; slaDueAt: Date | null };

const keyColumns = { id: conversations.id, lastMessageAt: conversations.lastMessageAt, slaDueAt: conversations.slaDueAt };

/** After (at, id) in "last activity first, then id descending" order; `lma <= at` bounds the index scan. */
function afterByActivity(at: Date, id: string): SQL {
  return and(
    lte(conversations.lastMessageAt, at),
    or(lt(conversations.lastMessageAt, at), and(eq(conversations.lastMessageAt, at), lt(conversations.id, id))),
  )!;
}

/**
 * The ordered keys of one page (n rows). Newest: one index-ordered scan. SLA: the rows
 * with a due time first (the partial SLA index, soonest first), then — when the page is not
 * full — those without one, by last activity; each part is an index-ordered, bounded scan.
 */
async function pageKeys(db: DbOrTx, conds: SQL[], sort: ListSort, cursor: ParsedCursor | null, n: number): Promise<KeyRow[]> {
  const byActivity = [desc(conversations.lastMessageAt), desc(conversations.id)];
  if (sort === 'newest') {
    const after = cursor ? afterByActivity(cursor.at, cursor.id) : undefined;
    return db.select(keyColumns).from(conversations).where(and(...conds, after)).orderBy(...byActivity).limit(n);
  }

  const slaCursor = cursor?.sort === 'sla' ? cursor : null;
  const keys: KeyRow[] = [];
  if (!slaCursor || slaCursor.sla !== null) {
    const after = slaCursor?.sla
      ? and(
          gte(conversations.slaDueAt, slaCursor.sla),
          or(gt(conversations.slaDueAt, slaCursor.sla), and(eq(conversations.slaDueAt, slaCursor.sla), afterByActivity(slaCursor.at, slaCursor.id))),
        )
      : undefined;
    keys.push(
      ...(await db
        .select(keyColumns)
        .from(conversations)
        .where(and(...conds, isNotNull(conversations.slaDueAt), after))
        .orderBy(asc(conversations.slaDueAt), ...byActivity)
        .limit(n)),
    );
  }
  if (keys.length < n) {
    const after = slaCursor && slaCursor.sla === null ? afterByActivity(slaCursor.at, slaCursor.id) : undefined;
    keys.push(
      ...(await db
        .select(keyColumns)
        .from(conversations)
        .where(and(...conds, isNull(conversations.slaDueAt), after))
        .orderBy(...byActivity)
        .limit(n - keys.length)),
    );
  }
  return keys;
}

/**
 * Full rows for these conversation ids of the workspace, in no particular order. With
 * `match`, each row also says whether it satisfies those conditions.
 */
async function loadRows(
  db: DbOrTx,
  ctx: ActorContext,
  ids: string[],
  options: { match?: SQL; search?: string } = {},
): Promise<Array<{ row: InboxRow; matches: boolean }>> {
  if (ids.length === 0) return [];
  // Capped: a conversation with thousands of unread messages still costs at most 100 index entries.
  const unread = sql<number>`(select count(*)::int from (select 1 from ${messages} m where m.conversation_id = ${conversations.id} and m.direction = 'inbound' and m.created_at > coalesce(${readCursors.lastReadAt}, '-infinity'::timestamptz) limit ${UNREAD_CAP}) u)`;
  const rows = await db
    .select({
      id: conversations.id,
      version: conversations.version,
      status: conversations.status,
      handler: conversations.handler,
      followUp: conversations.followUp,
      lastMessageAt: conversations.lastMessageAt,
      lastMessagePreview: conversations.lastMessagePreview,
      lastMessageKind: conversations.lastMessageKind,
      priority: conversations.priority,
      slaDueAt: conversations.slaDueAt,
      slaDueKind: conversations.slaDueKind,
      slaDueStartedAt: conversations.slaDueStartedAt,
      unreadCount: unread,
      contactId: contacts.id,
      contactName: contacts.name,
      contactAvatarUrl: contacts.avatarUrl,
      channelId: channels.id,
      channelKind: channels.kind,
      channelName: channels.name,
      assigneeId: users.id,
      assigneeName: users.name,
      teamId: teams.id,
      teamName: teams.name,
      matches: options.match ? sql<boolean>`coalesce((${options.match}), false)` : sql<boolean>`true`,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(users, eq(users.id, conversations.assigneeId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(readCursors, and(eq(readCursors.conversationId, conversations.id), eq(readCursors.userId, ctx.actor.id)))
    .where(and(eq(conversations.workspaceId, ctx.workspaceId), inArray(conversations.id, ids)));

  const described = options.search
    ? await describeMatches(db, ctx.workspaceId, rows.map((r) => r.contactId), options.search)
    : null;

  return rows.map((r) => ({
    matches: r.matches,
    row: {
      id: r.id,
      version: r.version,
      status: r.status,
      handler: r.handler,
      followUp: r.followUp,
      lastMessageAt: r.lastMessageAt.toISOString(),
      lastMessagePreview: r.lastMessagePreview,
      lastMessageKind: r.lastMessageKind,
      priority: r.priority,
      slaDueAt: r.slaDueAt?.toISOString() ?? null,
      slaDueKind: r.slaDueKind,
      slaDueStartedAt: r.slaDueStartedAt?.toISOString() ?? null,
      unreadCount: r.unreadCount,
      contact: { id: r.contactId, name: r.contactName, avatarUrl: r.contactAvatarUrl },
      channel: { id: r.channelId, kind: r.channelKind, name: r.channelName },
      assignee: r.assigneeId && r.assigneeName ? { id: r.assigneeId, name: r.assigneeName } : null,
      team: r.teamId && r.teamName ? { id: r.teamId, name: r.teamName } : null,
      ...(described ? { matches: described.get(r.contactId) ?? [] } : {}),
    },
  }));
}

/** One page of the customer list for the acting member. */
export async function listConversations(db: DbOrTx, ctx: ActorContext, query: ListQuery = {}): Promise<ListPage> {
  const q = listQuerySchema.parse(query);
  const cursor = q.cursor ? parseCursor(q.cursor) : null;
  if (q.cursor && (!cursor || cursor.sort !== q.sort)) {
    throw new UserError('invalid', 'The list changed its order. Reload it to continue.');
  }
  const search = q.q ? await resolveSearch(db, ctx.workspaceId, q.q) : undefined;
  const keys = await pageKeys(db, filterConditions(ctx, q, search), q.sort, cursor, q.limit + 1);
  const pageKeysOnly = keys.slice(0, q.limit);
  const loaded = await loadRows(db, ctx, pageKeysOnly.map((k) => k.id), { search: q.q });
  const byId = new Map(loaded.map((l) => [l.row.id, l.row]));
  const rows = pageKeysOnly.map((k) => byId.get(k.id)).filter((r): r is InboxRow => r !== undefined);
  // The cursor comes from the keys the page was cut at (a row may have moved since).
  const last = pageKeysOnly[pageKeysOnly.length - 1];
  const nextCursor =
    keys.length > q.limit && last
      ? cursorAfter({ id: last.id, lastMessageAt: last.lastMessageAt.toISOString(), slaDueAt: last.slaDueAt?.toISOString() ?? null }, q.sort)
      : null;
  return { rows, nextCursor };
}

export const rowsByIdInputSchema = z.object({
  ids: z.array(z.uuid()).min(1).max(50),
  filters: listFiltersSchema.optional(),
});

/**
 * Rows by id (live updates: a new conversation, or one whose payload lacks a field the
 * row shows), with whether each belongs in the list under `filters`. Ids of another
 * workspace, or unknown ids, are simply absent from the result.
 */
export async function getInboxRows(
  db: DbOrTx,
  ctx: ActorContext,
  ids: string[],
  filters?: ListFilters,
): Promise<Array<{ row: InboxRow; matches: boolean }>> {
  const unique = [...new Set(ids)].slice(0, 50);
  if (!filters) return loadRows(db, ctx, unique);
  return loadRows(db, ctx, unique, { match: and(...filterConditions(ctx, filters)), search: filters.q });
}

/** Tab counts cap: a count stops at this many rows, shown as "99+". */
export const TAB_COUNT_CAP = 100;

/**
 * Open conversations per tab, each counted only up to `cap` rows: four bounded scans of
 * the inbox indexes, so the cost does not grow with the workspace. Resolved is not counted.
 */
export async function countInboxTabs(db: DbOrTx, ctx: ActorContext, cap: number = TAB_COUNT_CAP): Promise<TabCounts> {
  const ws = ctx.workspaceId;
  const limit = Math.max(1, Math.floor(cap));
  const bounded = (where: SQL) =>
    sql`(select count(*)::int from (select 1 from ${conversations} where ${conversations.workspaceId} = ${ws} and ${is(conversations.status, 'open')} and ${where} limit ${limit}) t)`;
  const result = await db.execute<{ active: number; requests: number; bot: number; all: number }>(sql`select
    ${bounded(sql`${is(conversations.handler, 'agent')} and ${conversations.assigneeId} = ${ctx.actor.id}`)} as active,
    ${bounded(is(conversations.handler, 'queue'))} as requests,
    ${bounded(is(conversations.handler, 'bot'))} as bot,
    ${bounded(sql`true`)} as "all"`);
  const row = result.rows[0] ?? { active: 0, requests: 0, bot: 0, all: 0 };
  const c = (n: number) => ({ count: Number(n), capped: Number(n) >= limit });
  return { active: c(row.active), requests: c(row.requests), bot: c(row.bot), all: c(row.all) };
}
