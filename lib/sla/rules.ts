import type { SlaTargetKind } from '@/db/schema/conversations';
import type { SlaConditions } from '@/db/schema/sla';
import type { BusinessHours } from '@/lib/business-hours/schedule';
import { addBusinessTime } from '@/lib/business-hours/calendar';
import type { ConversationFacts } from '@/lib/conversations/facts';

// Which SLA rule applies to a conversation, and when its targets fall due. Pure: the
// tracker (track.ts) gathers the facts and the workspace's rules.

export type SlaRule = {
  id: string;
  name: string;
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

/** Every condition that is set must hold; a list condition holds when any of its values does. */
export function ruleMatches(conditions: SlaConditions, facts: ConversationFacts): boolean {
  if (!any(conditions.channelKinds) && !conditions.channelKinds!.includes(facts.channelKind)) return false;
  if (!any(conditions.teamIds) && (!facts.teamId || !conditions.teamIds!.includes(facts.teamId))) return false;
  if (!any(conditions.tags)) {
    const has = new Set(facts.tags.map(norm));
    if (!conditions.tags!.some((t) => has.has(norm(t)))) return false;
  }
  if (!any(conditions.priorities) && !conditions.priorities!.includes(facts.priority)) return false;
  const field = conditions.customField;
  if (field && field.key.trim() !== '') {
    const entry = Object.entries(facts.customData).find(([k]) => norm(k) === norm(field.key));
    if (!entry || norm(String(entry[1])) !== norm(field.value)) return false;
  }
  return true;
}

/** The first enabled rule, by position, whose conditions match; null when none does. */
export function matchRule(rules: SlaRule[], facts: ConversationFacts): SlaRule | null {
  const ordered = [...rules].sort((a, b) => a.position - b.position);
  return ordered.find((r) => r.enabled && ruleMatches(r.conditions, facts)) ?? null;
}

export function targetMinutes(rule: SlaRule, kind: SlaTargetKind): number | null {
  return kind === 'first_response' ? rule.firstResponseMinutes : kind === 'next_response' ? rule.nextResponseMinutes : rule.resolutionMinutes;
}

/**
 * When a target started at `start` falls due: its minutes of business time when the rule
 * counts business hours (and the shop keeps them), else of clock time. Null when the rule
 * sets no such target.
 */
export function targetDueAt(rule: SlaRule, kind: SlaTargetKind, start: Date, hours: BusinessHours | null): Date | null {
  const minutes = targetMinutes(rule, kind);
  if (minutes === null) return null;
  const ms = minutes * 60_000;
  if (rule.businessHours && hours) return addBusinessTime(hours, start, ms) ?? new Date(start.getTime() + ms);
  return new Date(start.getTime() + ms);
}

export const TARGET_LABELS: Record<SlaTargetKind, string> = {
  first_response: 'First reply',
  next_response: 'Next reply',
  resolution: 'Resolution',
};
