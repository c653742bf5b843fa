import type { SlaConditions } from '@/db/schema/sla';
import type { SlaTargetKind } from '@/db/schema/conversations';
import { isDone, type TicketPriority, type TicketStatus, type TicketType } from '@/lib/tickets/labels';
import { firstMatchingRule, listHolds, tagsHold, type SlaRule } from './rules';

// Which SLA rule applies to a ticket. Pure, like rules.ts, whose order (first enabled rule
// by position) and list and tag conditions it uses; a ticket rule looks at the ticket's
// team, priority, type and tags.

export type TicketFacts = { teamId: string | null; priority: TicketPriority; type: TicketType; tags: readonly string[] };

/** The targets a ticket owes: a first response and the resolution (tickets have no "next reply"). */
export const TICKET_TARGET_KINDS = ['first_response', 'resolution'] as const satisfies readonly SlaTargetKind[];

export function ticketRuleMatches(conditions: SlaConditions, facts: TicketFacts): boolean {
  return (
    listHolds(conditions.teamIds, facts.teamId) &&
    listHolds(conditions.ticketPriorities, facts.priority) &&
    listHolds(conditions.ticketTypes, facts.type) &&
    tagsHold(conditions.tags, facts.tags)
  );
}

/** The first enabled ticket rule, by position, whose conditions match; null when none does. */
export function matchTicketRule(rules: SlaRule[], facts: TicketFacts): SlaRule | null {
  return firstMatchingRule(
    rules.filter((r) => r.appliesTo === 'ticket'),
    (conditions) => ticketRuleMatches(conditions, facts),
  );
}

/** Whether a change touched what ticket rules look at. */
export function ticketFactsChanged(a: TicketFacts, b: TicketFacts): boolean {
  const tags = (t: readonly string[]) => JSON.stringify(t.map((x) => x.toLowerCase()).sort());
  return a.teamId !== b.teamId || a.priority !== b.priority || a.type !== b.type || tags(a.tags) !== tags(b.tags);
}

/** The ticket's targets run while it is not solved or closed… */
export const ticketSlaRuns = (status: TicketStatus) => !isDone(status);
/** …and their clock stops while it waits on the customer. */
export const ticketSlaWaits = (status: TicketStatus) => status === 'pending' || status === 'on_hold';
