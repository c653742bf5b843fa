import { describe, expect, it } from 'vitest';
import type { SlaRule } from './rules';
import { matchTicketRule, ticketFactsChanged, ticketRuleMatches, type TicketFacts } from './ticket-rules';

const facts = (patch: Partial<TicketFacts> = {}): TicketFacts => ({ teamId: 'billing', priority: 'high', type: 'problem', tags: ['VIP', 'refund'], ...patch });

const rule = (id: string, position: number, patch: Partial<SlaRule> = {}): SlaRule => ({
  id,
  name: id,
  appliesTo: 'ticket',
  position,
  enabled: true,
  conditions: {},
  firstResponseMinutes: 60,
  nextResponseMinutes: null,
  resolutionMinutes: 480,
  businessHours: false,
  ...patch,
});

describe('ticket rule conditions', () => {
  it('match anything when empty, and need every condition that is set', () => {
    expect(ticketRuleMatches({}, facts())).toBe(true);
    expect(ticketRuleMatches({ ticketPriorities: ['high', 'urgent'], ticketTypes: ['problem'] }, facts())).toBe(true);
    expect(ticketRuleMatches({ ticketPriorities: ['urgent'] }, facts())).toBe(false);
    expect(ticketRuleMatches({ ticketTypes: ['question', 'task'] }, facts())).toBe(false);
    expect(ticketRuleMatches({ teamIds: ['billing'] }, facts())).toBe(true);
    expect(ticketRuleMatches({ teamIds: ['billing'] }, facts({ teamId: null }))).toBe(false);
  });

  it('compare tags without case', () => {
    expect(ticketRuleMatches({ tags: ['vip'] }, facts())).toBe(true);
    expect(ticketRuleMatches({ tags: ['wholesale'] }, facts())).toBe(false);
  });

  it('ignore the conversation conditions a ticket has no facts for', () => {
    expect(ticketRuleMatches({ channelKinds: ['whatsapp'], priorities: ['urgent'] }, facts())).toBe(true);
  });
});

describe('which ticket rule applies', () => {
  it('the first enabled ticket rule by position; conversation rules never', () => {
    const rules = [
      rule('general', 3),
      rule('urgent', 2, { conditions: { ticketPriorities: ['urgent'] } }),
      rule('off', 1, { enabled: false }),
      rule('chat', 0, { appliesTo: 'conversation' }),
    ];
    expect(matchTicketRule(rules, facts())?.id).toBe('general');
    expect(matchTicketRule(rules, facts({ priority: 'urgent' }))?.id).toBe('urgent');
    expect(matchTicketRule([rule('chat', 0, { appliesTo: 'conversation' })], facts())).toBeNull();
  });

  it('knows when a change touches what rules look at', () => {
    expect(ticketFactsChanged(facts(), facts({ tags: ['refund', 'vip'] }))).toBe(false);
    expect(ticketFactsChanged(facts(), facts({ priority: 'urgent' }))).toBe(true);
    expect(ticketFactsChanged(facts(), facts({ type: 'task' }))).toBe(true);
    expect(ticketFactsChanged(facts(), facts({ teamId: null }))).toBe(true);
    expect(ticketFactsChanged(facts(), facts({ tags: ['vip'] }))).toBe(true);
  });
});
