import type { RoutingConditions } from '@/db/schema/routing';
import { channelLabel } from '@/components/ui/channel-icon';
import { PRIORITY_LABELS } from '@/lib/conversations/priority-labels';

// A rule in words, for its row in the list.

export type Named = { id: string; name: string };

export type RuleView = {
  id: string;
  name: string;
  enabled: boolean;
  conditions: RoutingConditions;
  actionKind: 'team' | 'agent';
  teamId: string | null;
  agentId: string | null;
  setPriority: 'none' | 'low' | 'medium' | 'high' | 'urgent' | null;
};

const nameOf = (list: Named[], id: string | null) => list.find((x) => x.id === id)?.name ?? null;

export function describeConditions(c: RoutingConditions, teams: Named[]): string[] {
  const out: string[] = [];
  if (c.channelKinds?.length) out.push(`channel ${c.channelKinds.map(channelLabel).join(' or ')}`);
  if (c.teamIds?.length) out.push(`team ${c.teamIds.map((id) => nameOf(teams, id) ?? 'deleted team').join(' or ')}`);
  if (c.tags?.length) out.push(`tag ${c.tags.join(' or ')}`);
  if (c.customField) out.push(`${c.customField.key} is ${c.customField.value}`);
  if (c.priorities?.length) out.push(`priority ${c.priorities.map((p) => PRIORITY_LABELS[p]).join(' or ')}`);
  if (c.businessHours === 'open') out.push('during business hours');
  if (c.businessHours === 'closed') out.push('outside business hours');
  if (c.languages?.length) out.push(`language ${c.languages.join(' or ')}`);
  return out;
}

export function describeAction(rule: Pick<RuleView, 'actionKind' | 'teamId' | 'agentId' | 'setPriority'>, teams: Named[], agents: Named[]): string {
  const priority = rule.setPriority ? `; priority ${PRIORITY_LABELS[rule.setPriority]}` : '';
  return `${describeSending(rule, teams, agents)}${priority}`;
}

function describeSending(rule: Pick<RuleView, 'actionKind' | 'teamId' | 'agentId'>, teams: Named[], agents: Named[]): string {
  const team = nameOf(teams, rule.teamId);
  if (rule.actionKind === 'team') return team ? `to team ${team}` : 'its team was deleted: choose another (skipped until then)';
  const agent = nameOf(agents, rule.agentId);
  if (!rule.agentId) return 'its agent was removed: choose another (skipped until then)';
  return `to ${agent ?? 'an inactive agent'}; if they cannot take it, waits for ${team ? `team ${team}` : 'everyone in Requests'}`;
}
