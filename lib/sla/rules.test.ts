import { describe, expect, it } from 'vitest';
import { matchRule, ruleMatches, targetDueAt, type ConversationFacts, type SlaRule } from './rules';
import { businessHoursOf, businessHoursInput } from '@/lib/business-hours/schedule';

const facts = (patch: Partial<ConversationFacts> = {}): ConversationFacts => ({
  channelKind: 'whatsapp',
  teamId: 'sales',
  tags: ['VIP', 'Wholesale'],
  customData: { Membership: 'Gold', city: 'Bangkok' },
  priority: 'high',
  ...patch,
});

const rule = (id: string, position: number, patch: Partial<SlaRule> = {}): SlaRule => ({
  id,
  name: id,
  appliesTo: 'conversation',
  position,
  enabled: true,
  conditions: {},
  firstResponseMinutes: 15,
  nextResponseMinutes: 30,
  resolutionMinutes: null,
  businessHours: false,
  ...patch,
});

describe('rule conditions', () => {
  it('match anything when empty, and need every condition that is set', () => {
    expect(ruleMatches({}, facts())).toBe(true);
    expect(ruleMatches({ channelKinds: ['whatsapp', 'line'], priorities: ['high', 'urgent'] }, facts())).toBe(true);
    expect(ruleMatches({ channelKinds: ['whatsapp'], priorities: ['urgent'] }, facts())).toBe(false);
  });

  it('compare tags and customer fields without case, and a team only when the conversation has one', () => {
    expect(ruleMatches({ tags: ['vip'] }, facts())).toBe(true);
    expect(ruleMatches({ tags: ['returning'] }, facts())).toBe(false);
    expect(ruleMatches({ customField: { key: 'membership', value: 'gold' } }, facts())).toBe(true);
    expect(ruleMatches({ customField: { key: 'Membership', value: 'Silver' } }, facts())).toBe(false);
    expect(ruleMatches({ customField: { key: 'Tier', value: 'Gold' } }, facts())).toBe(false);
    expect(ruleMatches({ teamIds: ['sales'] }, facts())).toBe(true);
    expect(ruleMatches({ teamIds: ['sales'] }, facts({ teamId: null }))).toBe(false);
  });
});

describe('which rule applies', () => {
  it('is the first enabled match by position, whatever order they come in', () => {
    const rules = [
      rule('catch-all', 3),
      rule('vip', 2, { conditions: { tags: ['VIP'] } }),
      rule('urgent', 1, { conditions: { priorities: ['urgent'] } }),
      rule('off', 0, { enabled: false }),
    ];
    expect(matchRule(rules, facts())?.id).toBe('vip');
    expect(matchRule(rules, facts({ priority: 'urgent' }))?.id).toBe('urgent');
    expect(matchRule(rules, facts({ tags: [] }))?.id).toBe('catch-all');
    expect(matchRule(rules.slice(1, 3), facts({ tags: [], priority: 'low' }))).toBeNull();
  });
});

describe('due times', () => {
  const start = new Date('2026-12-04T10:00:00Z'); // Friday 17:00 in Bangkok
  const hours = businessHoursOf({
    settings: {
      businessHours: businessHoursInput.parse({
        enabled: true,
        days: { mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-18:00'], sat: [], sun: [] },
        holidays: [],
        awayMessage: '',
      }),
    },
    timezone: 'Asia/Bangkok',
  });

  it('count the clock, or business time when the rule says so and the shop keeps hours', () => {
    const clock = rule('c', 1, { firstResponseMinutes: 120 });
    expect(targetDueAt(clock, 'first_response', start, hours)).toEqual(new Date('2026-12-04T12:00:00Z'));
    const business = rule('b', 1, { firstResponseMinutes: 120, businessHours: true });
    // One hour on Friday, the other from Monday 09:00: Monday 10:00 Bangkok.
    expect(targetDueAt(business, 'first_response', start, hours)).toEqual(new Date('2026-12-07T03:00:00Z'));
    expect(targetDueAt(business, 'first_response', start, null)).toEqual(new Date('2026-12-04T12:00:00Z'));
  });

  it('are absent for a target the rule does not set', () => {
    expect(targetDueAt(rule('r', 1), 'resolution', start, null)).toBeNull();
  });
});
