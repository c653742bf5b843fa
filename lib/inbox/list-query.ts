import { z } from 'zod';

// The customer list's query language, shared by the server (SQL), the URL and the browser
// (live updates decide with the same rules whether a changed conversation belongs in the
// list). Client-safe: no database imports here.

export const inboxTabs = ['active', 'requests', 'bot', 'all', 'resolved'] as const;
export type InboxTab = (typeof inboxTabs)[number];

/** "Chat status" filter values. */
export const chatStatuses = ['follow-up', 'unread', 'unresolved', 'resolved'] as const;
export type ChatStatus = (typeof chatStatuses)[number];

export const listSorts = ['newest', 'sla'] as const;
export type ListSort = (typeof listSorts)[number];

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * "Assigned to" filter, as it appears in the URL: `me`, `bot`, `unassigned`,
 * `agent:<user id>` or `team:<team id>`.
 */
export const assignedSchema = z.union([
  z.enum(['me', 'bot', 'unassigned']),
  z.string().regex(new RegExp(`^(agent|team):${UUID}$`), 'Unknown assignee'),
]);
export type AssignedValue = z.infer<typeof assignedSchema>;

export type AssignedFilter =
  | { kind: 'me' }
  | { kind: 'bot' }
  | { kind: 'unassigned' }
  | { kind: 'agent'; id: string }
  | { kind: 'team'; id: string };

export function parseAssigned(value: AssignedValue): AssignedFilter {
  if (value === 'me' || value === 'bot' || value === 'unassigned') return { kind: value };
  const [kind, id] = value.split(':') as ['agent' | 'team', string];
  return { kind, id };
}

export const SEARCH_MAX_LENGTH = 100;

/** Search text: trimmed, inner whitespace collapsed; empty means "no search". */
export const searchTermSchema = z
  .string()
  .max(SEARCH_MAX_LENGTH * 2)
  .transform((s) => s.replace(/\s+/g, ' ').trim().slice(0, SEARCH_MAX_LENGTH) || undefined);

/** Tab, filters, sort and search: everything that decides which rows the list shows, in which order. */
export const listFiltersSchema = z.object({
  tab: z.enum(inboxTabs).default('all'),
  assigned: assignedSchema.optional(),
  status: z.enum(chatStatuses).optional(),
  channel: z.uuid().optional(),
  sort: z.enum(listSorts).default('newest'),
  q: searchTermSchema.optional(),
});
export type ListFilters = z.output<typeof listFiltersSchema>;
export type ListFiltersInput = z.input<typeof listFiltersSchema>;

/** Rows per page of the list. */
export const LIST_PAGE_SIZE = 50;

export const defaultFilters: ListFilters = { tab: 'all', sort: 'newest' };

type RawParams = Record<string, string | string[] | undefined>;

/**
 * Filters from the page URL. Lenient: every parameter is validated on its own and an
 * invalid one is dropped (a hand-edited or outdated link still opens the inbox).
 */
export function parseListParams(raw: RawParams): ListFilters {
  const first = (key: string) => {
    const v = raw[key];
    return Array.isArray(v) ? v[0] : v;
  };
  const pick = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
  return {
    tab: pick(z.enum(inboxTabs), first('tab')) ?? 'all',
    assigned: pick(assignedSchema, first('assigned')),
    status: pick(z.enum(chatStatuses), first('status')),
    channel: pick(z.uuid(), first('channel')),
    sort: pick(z.enum(listSorts), first('sort')) ?? 'newest',
    q: pick(searchTermSchema, first('q') ?? ''),
  };
}

/** The URL query for these filters (and an open conversation), stable in order. */
export function listSearchParams(filters: ListFilters, extra: { c?: string | null } = {}): URLSearchParams {
  const p = new URLSearchParams();
  p.set('tab', filters.tab);
  if (filters.assigned) p.set('assigned', filters.assigned);
  if (filters.status) p.set('status', filters.status);
  if (filters.channel) p.set('channel', filters.channel);
  if (filters.sort !== 'newest') p.set('sort', filters.sort);
  if (filters.q) p.set('q', filters.q);
  if (extra.c) p.set('c', extra.c);
  return p;
}

export function listHref(basePath: string, filters: ListFilters, extra: { c?: string | null } = {}): string {
  return `${basePath}?${listSearchParams(filters, extra).toString()}`;
}

/** Identifies one list: same key, same rows in the same order. */
export function filtersKey(filters: ListFilters): string {
  return listSearchParams(filters).toString();
}

export function hasActiveFilters(filters: ListFilters): boolean {
  return Boolean(filters.assigned || filters.status || filters.channel || filters.q || filters.sort !== 'newest');
}

/**
 * Which status the list shows. The Resolved tab shows resolved conversations; the other
 * tabs open ones, unless the Chat status filter asks for resolved ones ("my resolved
 * chats" on Active). `null`: the combination can match nothing (Resolved + unresolved).
 */
export function effectiveStatus(tab: InboxTab, status: ChatStatus | undefined): 'open' | 'resolved' | null {
  if (tab === 'resolved') return status === 'unresolved' ? null : 'resolved';
  return status === 'resolved' ? 'resolved' : 'open';
}

// ---------- rows ----------

export type SearchMatchKind = 'name' | 'email' | 'phone' | 'tag' | 'data' | 'order';

/** Why a row matched the search, to highlight it: `value` contains the search term. */
export type SearchMatch = { kind: SearchMatchKind; label: string; value: string };

export type InboxRow = {
  id: string;
  version: number;
  status: 'open' | 'resolved';
  handler: 'bot' | 'queue' | 'agent';
  followUp: boolean;
  lastMessageAt: string;
  lastMessagePreview: string | null;
  lastMessageKind: string | null;
  priority: 'none' | 'low' | 'medium' | 'high' | 'urgent';
  /** The nearest SLA target: when it is due, which one, and since when it runs. */
  slaDueAt: string | null;
  slaDueKind: 'first_response' | 'next_response' | 'resolution' | null;
  slaDueStartedAt: string | null;
  /** Inbound messages after my read cursor, counted up to UNREAD_CAP. */
  unreadCount: number;
  contact: { id: string; name: string; avatarUrl: string | null };
  channel: { id: string; kind: 'facebook' | 'instagram' | 'whatsapp' | 'line' | 'x' | 'apple' | 'web'; name: string };
  assignee: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  /** Present when the list is searched. */
  matches?: SearchMatch[];
};

export const UNREAD_CAP = 100;

/** The conversation facts the filters look at; undefined = not known here (a realtime payload). */
export type RowFacts = {
  status: 'open' | 'resolved';
  handler: 'bot' | 'queue' | 'agent';
  assigneeId: string | null;
  teamId: string | null;
  followUp: boolean;
  channelId?: string;
  unreadCount?: number;
};

export function factsOf(row: InboxRow): RowFacts {
  return {
    status: row.status,
    handler: row.handler,
    assigneeId: row.assignee?.id ?? null,
    teamId: row.team?.id ?? null,
    followUp: row.followUp,
    channelId: row.channel.id,
    unreadCount: row.unreadCount,
  };
}

/**
 * The filters applied in memory, exactly as the SQL applies them (search excepted: it is
 * about the customer, which a conversation change never alters). `true` matches, `false`
 * does not, `undefined` needs a fact the caller does not have.
 */
export function matchesFilters(facts: RowFacts, filters: ListFilters, meId: string): boolean | undefined {
  const status = effectiveStatus(filters.tab, filters.status);
  if (status === null || facts.status !== status) return false;

  const isAgent = (id: string) => facts.handler === 'agent' && facts.assigneeId === id;
  switch (filters.tab) {
    case 'active':
      if (!isAgent(meId)) return false;
      break;
    case 'requests':
      if (facts.handler !== 'queue') return false;
      break;
    case 'bot':
      if (facts.handler !== 'bot') return false;
      break;
    default:
      break;
  }

  if (filters.assigned) {
    const a = parseAssigned(filters.assigned);
    const ok =
      a.kind === 'me'
        ? isAgent(meId)
        : a.kind === 'agent'
          ? isAgent(a.id)
          : a.kind === 'bot'
            ? facts.handler === 'bot'
            : a.kind === 'unassigned'
              ? facts.handler === 'queue' && facts.teamId === null
              : facts.teamId === a.id;
    if (!ok) return false;
  }

  let unknown = false;
  if (filters.status === 'follow-up' && !facts.followUp) return false;
  if (filters.status === 'unread') {
    if (facts.unreadCount === undefined) unknown = true;
    else if (facts.unreadCount <= 0) return false;
  }
  if (filters.channel) {
    if (facts.channelId === undefined) unknown = true;
    else if (facts.channelId !== filters.channel) return false;
  }
  return unknown ? undefined : true;
}

// ---------- order and cursors ----------

type SortKey = Pick<InboxRow, 'id' | 'lastMessageAt' | 'slaDueAt'>;

const time = (iso: string) => Date.parse(iso);

/**
 * The list order: newest = last activity first; sla = reply due soonest first, those
 * without an SLA last, each then by last activity. Ties are broken by id, so the order
 * is total and keyset pages never skip or repeat a row. Matches the SQL ORDER BY.
 */
export function compareRows(a: SortKey, b: SortKey, sort: ListSort): number {
  if (sort === 'sla') {
    if (a.slaDueAt !== b.slaDueAt) {
      if (a.slaDueAt === null) return 1;
      if (b.slaDueAt === null) return -1;
      const d = time(a.slaDueAt) - time(b.slaDueAt);
      if (d !== 0) return d;
    }
  }
  const d = time(b.lastMessageAt) - time(a.lastMessageAt);
  if (d !== 0) return d;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The keyset cursor after a row: its sort key in plain text, so a client that holds the
 * rows can always continue from its last one. The server validates it (list.ts).
 */
export function cursorAfter(row: SortKey, sort: ListSort): string {
  return sort === 'sla'
    ? `s|${row.slaDueAt ?? '-'}|${row.lastMessageAt}|${row.id}`
    : `n|${row.lastMessageAt}|${row.id}`;
}

export type ParsedCursor =
  | { sort: 'newest'; at: Date; id: string }
  | { sort: 'sla'; sla: Date | null; at: Date; id: string };

export function parseCursor(cursor: string): ParsedCursor | null {
  const parts = cursor.split('|');
  const date = (s: string | undefined) => {
    if (!s || !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(s)) return null;
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  };
  const uuid = (s: string | undefined) => (s && new RegExp(`^${UUID}$`).test(s) ? s : null);
  if (parts[0] === 'n' && parts.length === 3) {
    const at = date(parts[1]);
    const id = uuid(parts[2]);
    return at && id ? { sort: 'newest', at, id } : null;
  }
  if (parts[0] === 's' && parts.length === 4) {
    const sla = parts[1] === '-' ? null : date(parts[1]);
    const at = date(parts[2]);
    const id = uuid(parts[3]);
    if ((parts[1] !== '-' && !sla) || !at || !id) return null;
    return { sort: 'sla', sla, at, id };
  }
  return null;
}

// ---------- tab counts ----------

/** Open conversations per tab, counted up to a cap ("99+"); Resolved is not counted. */
export type TabCounts = Record<Exclude<InboxTab, 'resolved'>, { count: number; capped: boolean }>;

export function formatCount(c: { count: number; capped: boolean }): string {
  return c.capped ? `${c.count - 1}+` : String(c.count);
}
