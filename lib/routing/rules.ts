import type { ConversationPriority } from '@/db/schema/conversations';
import type { RoutingActionKind, RoutingConditions } from '@/db/schema/routing';
import type { ConversationFacts } from '@/lib/conversations/facts';
import { ruleMatches } from '@/lib/sla/rules';
import { primaryLanguage } from '@/lib/contacts/language';

// Which routing rule sends a new request where, as pure functions. The service
// (apply-rules.ts) gathers the facts, the shop's open/closed state and the rules.

export type RoutingRule = {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  conditions: RoutingConditions;
  actionKind: RoutingActionKind;
  /** The team it goes to ('team'), or the team it waits for when the agent cannot take it ('agent'). */
  teamId: string | null;
  agentId: string | null;
  /** Also sets the request's priority; null leaves it. */
  setPriority: ConversationPriority | null;
};

/** The facts SLA rules read, plus whether the shop is open now. */
export type RoutingFacts = ConversationFacts & { open: boolean };

/** Every condition that is set must hold; a list condition holds when any of its values does. */
export function routingRuleMatches(conditions: RoutingConditions, facts: RoutingFacts): boolean {
  if (conditions.businessHours === 'open' && !facts.open) return false;
  if (conditions.businessHours === 'closed' && facts.open) return false;
  if (conditions.languages && conditions.languages.length > 0) {
    const language = primaryLanguage(facts.language);
    // An unknown language matches no language condition.
    if (!language || !conditions.languages.some((l) => primaryLanguage(l) === language)) return false;
  }
  return ruleMatches(conditions, facts);
}

/** A rule can act only while its team (or agent) still exists. */
export function ruleCanAct(rule: Pick<RoutingRule, 'actionKind' | 'teamId' | 'agentId'>): boolean {
  return rule.actionKind === 'team' ? rule.teamId !== null : rule.agentId !== null;
}

/** The first enabled rule that can act, by position, whose conditions match; null when none does. */
export function matchRoutingRule<R extends RoutingRule>(rules: readonly R[], facts: RoutingFacts): R | null {
  const ordered = [...rules].sort((a, b) => a.position - b.position);
  return ordered.find((r) => r.enabled && ruleCanAct(r) && routingRuleMatches(r.conditions, facts)) ?? null;
}
