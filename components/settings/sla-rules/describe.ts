import type { SlaConditions } from '@/db/schema/sla';
import type { SlaRule } from '@/lib/sla/rules';
import { PRIORITY_LABELS } from '@/lib/conversations/priority-labels';
import { PRIORITY_LABELS as TICKET_PRIORITY_LABELS, TYPE_LABELS } from '@/lib/tickets/labels';

// One line each for a rule's conditions and targets, as the rules list shows them.

export const CHANNEL_NAMES = { facebook: 'Messenger', instagram: 'Instagram', whatsapp: 'WhatsApp', line: 'LINE', x: 'X', apple: 'Apple Messages', web: 'Website chat' } as const;

/** "90 min", "4 h", "1 h 30 min", "2 days". */
export function describeMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} ${minutes === 1440 ? 'day' : 'days'}`;
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

export function describeConditions(c: SlaConditions, teams: { id: string; name: string }[], appliesTo: SlaRule['appliesTo'] = 'conversation'): string {
  const parts: string[] = [];
  if (appliesTo === 'ticket') {
    if (c.teamIds?.length) parts.push(`team ${c.teamIds.map((id) => teams.find((t) => t.id === id)?.name ?? 'deleted team').join(' or ')}`);
    if (c.ticketPriorities?.length) parts.push(`priority ${c.ticketPriorities.map((p) => TICKET_PRIORITY_LABELS[p]).join(' or ')}`);
    if (c.ticketTypes?.length) parts.push(`type ${c.ticketTypes.map((t) => TYPE_LABELS[t]).join(' or ')}`);
    if (c.tags?.length) parts.push(`tagged ${c.tags.join(' or ')}`);
    return parts.length ? `When: ${parts.join(', ')}` : 'When: every ticket';
  }
  if (c.channelKinds?.length) parts.push(c.channelKinds.map((k) => CHANNEL_NAMES[k]).join(' or '));
  if (c.teamIds?.length) parts.push(`team ${c.teamIds.map((id) => teams.find((t) => t.id === id)?.name ?? 'deleted team').join(' or ')}`);
  if (c.tags?.length) parts.push(`tagged ${c.tags.join(' or ')}`);
  if (c.customField) parts.push(`${c.customField.key} is “${c.customField.value}”`);
  if (c.priorities?.length) parts.push(`priority ${c.priorities.map((p) => PRIORITY_LABELS[p]).join(' or ')}`);
  return parts.length ? `When: ${parts.join(', ')}` : 'When: every conversation';
}

export function describeTargets(rule: Pick<SlaRule, 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes' | 'businessHours'> & { appliesTo?: SlaRule['appliesTo'] }): string {
  const parts: string[] = [];
  if (rule.firstResponseMinutes) parts.push(`${rule.appliesTo === 'ticket' ? 'first response' : 'first reply'} ${describeMinutes(rule.firstResponseMinutes)}`);
  if (rule.nextResponseMinutes) parts.push(`next reply ${describeMinutes(rule.nextResponseMinutes)}`);
  if (rule.resolutionMinutes) parts.push(`resolve ${describeMinutes(rule.resolutionMinutes)}`);
  return `Targets: ${parts.join(', ')}${rule.businessHours ? ' (business hours)' : ''}`;
}
