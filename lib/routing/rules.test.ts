import { describe, expect, it } from 'vitest';
import { primaryLanguage } from '@/lib/contacts/language';
import { matchRoutingRule, routingRuleMatches, type RoutingFacts, type RoutingRule } from './rules';

const facts: RoutingFacts = {
  channelKind: 'line',
  teamId: null,
  tags: ['VIP'],
  customData: { City: 'Bangkok' },
  priority: 'none',
  language: 'th',
  open: true,
};

let n = 0;
const rule = (over: Partial<RoutingRule> = {}): RoutingRule => {
  n += 1;
  return { id: `r${n}`, name: `Rule ${n}`, position: n, enabled: true, conditions: {}, actionKind: 'team', teamId: 'team-a', agentId: null, setPriority: null, ...over };
};

describe('matchRoutingRule: precedence', () => {
  it('the first matching rule by position wins, whatever the list order', () => {
    const second = rule({ position: 2, teamId: 'sales' });
    const first = rule({ position: 1, teamId: 'vip', conditions: { tags: ['vip'] } });
    expect(matchRoutingRule([second, first], facts)).toBe(first);
  });

  it('a rule that does not match is passed over for the next', () => {
    const web = rule({ position: 1, conditions: { channelKinds: ['web'] } });
    const any = rule({ position: 2 });
    expect(matchRoutingRule([web, any], facts)).toBe(any);
  });

  it('disabled rules are skipped', () => {
    const off = rule({ position: 1, enabled: false });
    const on = rule({ position: 2 });
    expect(matchRoutingRule([off, on], facts)).toBe(on);
    expect(matchRoutingRule([off], facts)).toBeNull();
  });

  it('a rule whose team or agent was deleted is skipped', () => {
    const noTeam = rule({ position: 1, teamId: null });
    const noAgent = rule({ position: 2, actionKind: 'agent', agentId: null, teamId: 'fallback' });
    const agent = rule({ position: 3, actionKind: 'agent', agentId: 'u1', teamId: null });
    expect(matchRoutingRule([noTeam, noAgent, agent], facts)).toBe(agent);
  });

  it('no rules, or none matching: null (the workspace mode applies)', () => {
    expect(matchRoutingRule([], facts)).toBeNull();
    expect(matchRoutingRule([rule({ conditions: { tags: ['wholesale'] } })], facts)).toBeNull();
  });
});

describe('routingRuleMatches: conditions', () => {
  it('business hours: open only while open, closed only while closed, unset always', () => {
    expect(routingRuleMatches({ businessHours: 'open' }, facts)).toBe(true);
    expect(routingRuleMatches({ businessHours: 'open' }, { ...facts, open: false })).toBe(false);
    expect(routingRuleMatches({ businessHours: 'closed' }, facts)).toBe(false);
    expect(routingRuleMatches({ businessHours: 'closed' }, { ...facts, open: false })).toBe(true);
    expect(routingRuleMatches({}, { ...facts, open: false })).toBe(true);
  });

  it('language: any listed language, by primary subtag and without case; unknown matches none', () => {
    expect(routingRuleMatches({ languages: ['en', 'th'] }, facts)).toBe(true);
    expect(routingRuleMatches({ languages: ['TH-th'] }, { ...facts, language: 'th_TH' })).toBe(true);
    expect(routingRuleMatches({ languages: ['en'] }, facts)).toBe(false);
    expect(routingRuleMatches({ languages: ['en'] }, { ...facts, language: null })).toBe(false);
    expect(routingRuleMatches({ languages: [] }, { ...facts, language: null })).toBe(true);
  });

  it('the SLA conditions hold as for SLA rules: channel, team, tag, field, priority', () => {
    expect(routingRuleMatches({ channelKinds: ['line'], tags: ['vip'], customField: { key: 'city', value: 'bangkok' } }, facts)).toBe(true);
    expect(routingRuleMatches({ teamIds: ['t1'] }, facts)).toBe(false);
    expect(routingRuleMatches({ teamIds: ['t1'] }, { ...facts, teamId: 't1' })).toBe(true);
    expect(routingRuleMatches({ priorities: ['urgent'] }, facts)).toBe(false);
    expect(routingRuleMatches({ customField: { key: 'City', value: 'Chiang Mai' } }, facts)).toBe(false);
  });

  it('every set condition must hold', () => {
    expect(routingRuleMatches({ tags: ['vip'], businessHours: 'closed' }, facts)).toBe(false);
    expect(routingRuleMatches({ tags: ['vip'], languages: ['th'], businessHours: 'open' }, facts)).toBe(true);
  });
});

describe('primaryLanguage', () => {
  it('reads the primary subtag of LINE and Messenger tags', () => {
    expect(primaryLanguage('en_US')).toBe('en');
    expect(primaryLanguage('zh-Hant-TW')).toBe('zh');
    expect(primaryLanguage('ja')).toBe('ja');
    expect(primaryLanguage('')).toBeNull();
    expect(primaryLanguage('not a tag')).toBeNull();
    expect(primaryLanguage(null)).toBeNull();
  });
});
