import type { SlaTargetKind } from '@/db/schema/conversations';
import type { SlaConditions, SlaRuleSubject } from '@/db/schema/sla';
import type { BusinessHours } from '@/lib/business-hours/schedule';
import { addBusinessTime, businessMsBetween } from '@/lib/business-hours/calendar';
import type { ConversationFacts } from '@/lib/conversations/facts';

// Which SLA rule applies to a conversation, and when its targets fall due. Pure: the
// tracker (track.ts) gathers the facts and the workspace's rules. The rule order, the list
// and tag conditions and the time arithmetic are shared with ticket rules (ticket-rules.ts).

export type SlaRule = {
  id: string;
  name: string;
  appliesTo: SlaRuleSubject;
  position: number;
  enabled: boolean;
  conditions: SlaConditions;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  businessHours: boolean;
};

export type { ConversationFacts };

const norm = (s: string) => s.trim().toLowerCase();
const any = <T>(list: T[] | undefined) => !list || list.length === 0;

/** A list condition holds when it is empty or has the value. */
export const listHolds = <T>(list: T[] | undefined, value: T | null): boolean => any(list) || (value !== null && list!.includes(value));

/** A tag condition holds when it is empty or any of its tags is among `has`, compared without case. */
export function tagsHold(wanted: string[] | undefined, has: readonly string[]): boolean {
  if (any(wanted)) return true;
  const set = new Set(has.map(norm));
  return wanted!.some((t) => set.has(norm(t)));
}

/** Every condition that is set must hold; a list condition holds when any of its values does. */
export function ruleMatches(conditions: SlaConditions, facts: ConversationFacts): boolean {
  if (!listHolds(conditions.channelKinds, facts.channelKind)) return false;
  if (!listHolds(conditions.teamIds, facts.teamId)) return false;
  if (!tagsHold(conditions.tags, facts.tags)) return false;
  if (!listHolds(conditions.priorities, facts.priority)) return false;
  const field = conditions.customField;
  if (field && field.key.trim() !== '') {
    const entry = Object.entries(facts.customData).find(([k]) => norm(k) === norm(field.key));
    if (!entry || norm(String(entry[1])) !== norm(field.value)) return false;
  }
  return true;
}

/** The first enabled rule, by position, whose conditions hold; null when none does. */
export function firstMatchingRule<R extends Pick<SlaRule, 'position' | 'enabled' | 'conditions'>>(rules: R[], holds: (conditions: SlaConditions) => boolean): R | null {
  const ordered = [...rules].sort((a, b) => a.position - b.position);
  return ordered.find((r) => r.enabled && holds(r.conditions)) ?? null;
}

/** The first enabled rule, by position, whose conditions match; null when none does. */
export function matchRule(rules: SlaRule[], facts: ConversationFacts): SlaRule | null {
  return firstMatchingRule(rules, (conditions) => ruleMatches(conditions, facts));
}

export function targetMinutes(rule: SlaRule, kind: SlaTargetKind): number | null {
  return kind === 'first_response' ? rule.firstResponseMinutes : kind === 'next_response' ? rule.nextResponseMinutes : rule.resolutionMinutes;
}

/** `ms` of a target's measure after `start`: business time when it counts business hours (and the shop keeps them), else clock time. */
export function addTargetTime(businessHours: boolean, hours: BusinessHours | null, start: Date, ms: number): Date {
  if (businessHours && hours) return addBusinessTime(hours, start, ms) ?? new Date(start.getTime() + ms);
  return new Date(start.getTime() + ms);
}

/** The time of a target's measure between two instants (0 when `to` is not after `from`). */
export function targetTimeBetween(businessHours: boolean, hours: BusinessHours | null, from: Date, to: Date): number {
  if (businessHours && hours) return businessMsBetween(hours, from, to);
  return Math.max(0, to.getTime() - from.getTime());
}

/**
 * When a target started at `start` falls due: its minutes of business time when the rule
 * counts business hours (and the shop keeps them), else of clock time. Null when the rule
 * sets no such target.
 */
export function targetDueAt(rule: SlaRule, kind: SlaTargetKind, start: Date, hours: BusinessHours | null): Date | null {
  const minutes = targetMinutes(rule, kind);
  if (minutes === null) return null;
  return addTargetTime(rule.businessHours, hours, start, minutes * 60_000);
}

export const TARGET_LABELS: Record<SlaTargetKind, string> = {
  first_response: 'First reply',
  next_response: 'Next reply',
  resolution: 'Resolution',
};
