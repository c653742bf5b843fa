import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { WidgetRuleConditions } from '@/db/schema/widget-rules';
import { evaluateRules, type EvaluableRule, type PageFacts, type RuleMemory } from './evaluate';

// One table of cases, run against the TypeScript evaluator and the one the shop's page runs
// (public/widget-rules.js), so the two cannot drift apart.

type Evaluate = typeof evaluateRules;

function publicEvaluator(): Evaluate {
  const source = readFileSync(join(process.cwd(), 'public/widget-rules.js'), 'utf8');
  const sandbox = { module: { exports: {} as { evaluate?: Evaluate } } };
  runInNewContext(source, sandbox);
  if (!sandbox.module.exports.evaluate) throw new Error('public/widget-rules.js exports no evaluate');
  return sandbox.module.exports.evaluate;
}

const facts = (over: Partial<PageFacts> = {}): PageFacts => ({
  url: 'https://shop.example.com/pricing?plan=pro',
  seconds: 0,
  scroll: 0,
  returning: false,
  identified: false,
  data: {},
  open: true,
  ...over,
});
const NOW = Date.UTC(2026, 11, 2, 12);
const memory = (over: Partial<RuleMemory> = {}): RuleMemory => ({ now: NOW, visit: 'v2', page: [], fired: {}, ...over });
const rule = (id: string, conditions: WidgetRuleConditions, over: Partial<EvaluableRule> = {}): EvaluableRule => ({
  id,
  conditions,
  action: { kind: 'open' },
  cap: 'always',
  ...over,
});

type Case = { name: string; rules: EvaluableRule[]; facts: PageFacts; memory: RuleMemory; runs: string[] };

const conditionCases: [string, WidgetRuleConditions, Partial<PageFacts>, boolean][] = [
  ['no conditions', {}, {}, true],
  ['URL contains, any case', { url: { op: 'contains', value: '/PRICING' } }, {}, true],
  ['URL does not contain', { url: { op: 'contains', value: '/checkout' } }, {}, false],
  ['URL equals, ignoring a trailing slash and the fragment', { url: { op: 'equals', value: 'https://shop.example.com/about/' } }, { url: 'https://shop.example.com/about#team' }, true],
  ['URL equals is exact otherwise', { url: { op: 'equals', value: 'https://shop.example.com/pricing' } }, {}, false],
  ['URL regex, any case', { url: { op: 'regex', value: '/pric(e|ing)\\?plan=PRO$' } }, {}, true],
  ['URL regex no match', { url: { op: 'regex', value: '^https://other\\.example' } }, {}, false],
  ['a broken regex matches nothing', { url: { op: 'regex', value: '(' } }, {}, false],
  ['time on page reached', { minSeconds: 2 }, { seconds: 2 }, true],
  ['time on page not yet', { minSeconds: 2 }, { seconds: 1.9 }, false],
  ['scrolled far enough', { minScroll: 50 }, { scroll: 50 }, true],
  ['not scrolled far enough', { minScroll: 50 }, { scroll: 49 }, false],
  ['returning visitor', { returning: true }, { returning: true }, true],
  ['returning wanted, first visit', { returning: true }, { returning: false }, false],
  ['first visit only', { returning: false }, { returning: false }, true],
  ['identified visitor', { identified: true }, { identified: true }, true],
  ['identified wanted, anonymous', { identified: true }, {}, false],
  ['anonymous only', { identified: false }, { identified: true }, false],
  ['cart at least, met', { cartMin: 100 }, { data: { cartValue: 129.5 } }, true],
  ['cart at least, below', { cartMin: 130 }, { data: { cartValue: 129.5 } }, false],
  ['cart at most, met', { cartMax: 129.5 }, { data: { cartValue: 129.5 } }, true],
  ['cart at most, above', { cartMax: 100 }, { data: { cartValue: 129.5 } }, false],
  ['cart between', { cartMin: 50, cartMax: 200 }, { data: { cartValue: 129.5 } }, true],
  ['cart condition, no cart value set', { cartMin: 0 }, {}, false],
  ['cart condition, cart value not a number', { cartMin: 0 }, { data: { cartValue: '129' } }, false],
  ['open now wanted, open', { open: true }, { open: true }, true],
  ['open now wanted, closed', { open: true }, { open: false }, false],
  ['closed only, closed', { open: false }, { open: false }, true],
  ['all conditions must hold', { url: { op: 'contains', value: 'pricing' }, minSeconds: 2, minScroll: 10 }, { seconds: 5, scroll: 5 }, false],
  ['all conditions hold', { url: { op: 'contains', value: 'pricing' }, minSeconds: 2, minScroll: 10 }, { seconds: 5, scroll: 15 }, true],
];

const cases: Case[] = [
  ...conditionCases.map(([name, conditions, over, runs]) => ({ name, rules: [rule('r', conditions)], facts: facts(over), memory: memory(), runs: runs ? ['r'] : [] })),
  { name: 'every rule that holds runs, in the rules’ order', rules: [rule('a', {}), rule('b', { minSeconds: 9 }), rule('c', {})], facts: facts(), memory: memory(), runs: ['a', 'c'] },
  { name: 'a disabled rule never runs', rules: [rule('a', {}, { enabled: false }), rule('b', {}, { enabled: true })], facts: facts(), memory: memory(), runs: ['b'] },
  { name: 'never twice in one page view, even "always"', rules: [rule('a', {})], facts: facts(), memory: memory({ page: ['a'] }), runs: [] },
  { name: '"always" runs again on the next page view', rules: [rule('a', {})], facts: facts(), memory: memory({ fired: { a: { at: NOW - 1000, visit: 'v2' } } }), runs: ['a'] },
  { name: 'once per visit: not again in this visit', rules: [rule('a', {}, { cap: 'visit' })], facts: facts(), memory: memory({ fired: { a: { at: NOW - 1000, visit: 'v2' } } }), runs: [] },
  { name: 'once per visit: again in the next visit', rules: [rule('a', {}, { cap: 'visit' })], facts: facts(), memory: memory({ fired: { a: { at: NOW - 1000, visit: 'v1' } } }), runs: ['a'] },
  { name: 'once a day: not within 24 hours', rules: [rule('a', {}, { cap: 'day' })], facts: facts(), memory: memory({ fired: { a: { at: NOW - 23 * 3600e3, visit: 'v1' } } }), runs: [] },
  { name: 'once a day: again after 24 hours', rules: [rule('a', {}, { cap: 'day' })], facts: facts(), memory: memory({ fired: { a: { at: NOW - 24 * 3600e3, visit: 'v1' } } }), runs: ['a'] },
  { name: 'once ever: never again', rules: [rule('a', {}, { cap: 'ever' })], facts: facts(), memory: memory({ fired: { a: { at: NOW - 365 * 24 * 3600e3, visit: 'v0' } } }), runs: [] },
  { name: 'once ever: the first time', rules: [rule('a', {}, { cap: 'ever' })], facts: facts(), memory: memory(), runs: ['a'] },
  { name: 'a cap counts per rule', rules: [rule('a', {}, { cap: 'ever' }), rule('b', {}, { cap: 'ever' })], facts: facts(), memory: memory({ fired: { a: { at: NOW, visit: 'v2' } } }), runs: ['b'] },
];

describe.each([
  ['the TypeScript evaluator', evaluateRules],
  ['the shop page’s evaluator (public/widget-rules.js)', publicEvaluator()],
])('%s', (_, evaluate) => {
  it.each(cases)('$name', (c) => {
    expect(evaluate(c.rules, c.facts, c.memory).map((r) => r.ruleId)).toEqual(c.runs);
  });

  it('hands back each rule’s action', () => {
    const runs = evaluate([rule('m', {}, { action: { kind: 'message', message: 'Need help choosing a plan?' } })], facts(), memory());
    expect(runs).toEqual([{ ruleId: 'm', action: { kind: 'message', message: 'Need help choosing a plan?' } }]);
  });
});
