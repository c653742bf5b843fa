import { z } from 'zod';
import { ticketPriorities, ticketStatuses, ticketTypes } from '@/db/schema/tickets';

// The Tickets page's URL state, client-safe so the filter bar builds the same links.

export const ticketSorts = ['updated', 'created', 'due', 'sla', 'priority'] as const;
export type TicketSort = (typeof ticketSorts)[number];
export const SORT_LABELS: Record<TicketSort, string> = { updated: 'Recently updated', created: 'Newest', due: 'Due soonest', sla: 'SLA due soonest', priority: 'Highest priority' };

/** The SLA filter: a running target past its due time, or in its last quarter (the badge's red and amber). */
export const ticketSlaFilters = ['breached', 'soon'] as const;
export const SLA_FILTER_LABELS: Record<(typeof ticketSlaFilters)[number], string> = { breached: 'SLA breached', soon: 'Due soon' };

/** Blank query-string values ("?status=") mean "no filter". */
const blank = (v: unknown) => (v === '' || v === null ? undefined : Array.isArray(v) ? v[0] : v);

/** Invalid values are dropped, not fatal: a hand-edited URL still shows a list. */
export const ticketListQuery = z.object({
  q: z.preprocess(blank, z.string().trim().max(100).optional()).catch(undefined),
  /** A status, or "active" (anything not solved or closed). */
  status: z.preprocess(blank, z.enum([...ticketStatuses, 'active']).optional()).catch(undefined),
  priority: z.preprocess(blank, z.enum(ticketPriorities).optional()).catch(undefined),
  type: z.preprocess(blank, z.enum(ticketTypes).optional()).catch(undefined),
  /** "me", "none" (unassigned) or a member's id. */
  assignee: z.preprocess(blank, z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional()).catch(undefined),
  team: z.preprocess(blank, z.uuid().optional()).catch(undefined),
  tag: z.preprocess(blank, z.string().trim().max(40).optional()).catch(undefined),
  overdue: z.preprocess(blank, z.literal('1').optional()).catch(undefined),
  sla: z.preprocess(blank, z.enum(ticketSlaFilters).optional()).catch(undefined),
  sort: z.preprocess(blank, z.enum(ticketSorts).optional()).catch(undefined),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(10_000).optional()).catch(undefined),
});
export type TicketListQuery = z.infer<typeof ticketListQuery>;

export function parseTicketListQuery(params: Record<string, string | string[] | undefined>): TicketListQuery {
  return ticketListQuery.parse(params);
}

const filterKeys = ['q', 'status', 'priority', 'type', 'assignee', 'team', 'tag', 'overdue', 'sla'] as const;

export const isFiltered = (query: TicketListQuery) => filterKeys.some((k) => Boolean(query[k]));

/** The page's link for a query (default values left out). */
export function ticketListHref(basePath: string, query: TicketListQuery): string {
  const params = new URLSearchParams();
  for (const key of [...filterKeys, 'sort'] as const) {
    const value = query[key];
    if (value) params.set(key, String(value));
  }
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const qs = params.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}
