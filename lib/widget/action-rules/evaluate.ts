import type { WidgetRuleAction, WidgetRuleCap, WidgetRuleConditions } from '@/db/schema/widget-rules';

// Which action rules run now on the shop's page (pure). The loader's rules script
// (public/widget-rules.js) holds the same function in plain JS for the visitor's browser;
// evaluate.test.ts runs both over one table of cases so they cannot drift.

export type EvaluableRule = { id: string; enabled?: boolean; conditions: WidgetRuleConditions; action: WidgetRuleAction; cap: WidgetRuleCap };

/** What the page knows now. */
export type PageFacts = {
  url: string;
  /** Seconds on this URL. */
  seconds: number;
  /** How far down the page, 0–100. */
  scroll: number;
  returning: boolean;
  identified: boolean;
  /** What the shop passed with Baton('set', …). */
  data: Record<string, unknown>;
  /** The shop is open (its business hours), as the rules endpoint said. */
  open: boolean;
};

/** What the visitor's browser remembers of rules that ran (localStorage), and this page view's. */
export type RuleMemory = {
  now: number;
  /** This visit's id: a new one after 30 minutes away. */
  visit: string;
  /** Rules that ran in this page view: never twice in one. */
  page: string[];
  fired: Record<string, { at: number; visit: string }>;
};

export type RuleRun = { ruleId: string; action: WidgetRuleAction };

const DAY_MS = 24 * 60 * 60 * 1000;

const withoutEnd = (url: string) => url.replace(/#.*$/, '').replace(/\/+$/, '');

export function urlMatches(condition: NonNullable<WidgetRuleConditions['url']>, url: string): boolean {
  if (condition.op === 'contains') return url.toLowerCase().includes(condition.value.toLowerCase());
  if (condition.op === 'equals') return withoutEnd(url) === withoutEnd(condition.value);
  try {
    return new RegExp(condition.value, 'i').test(url);
  } catch {
    return false;
  }
}

export function conditionsHold(c: WidgetRuleConditions, facts: PageFacts): boolean {
  if (c.url && !urlMatches(c.url, facts.url)) return false;
  if (c.minSeconds !== undefined && facts.seconds < c.minSeconds) return false;
  if (c.minScroll !== undefined && facts.scroll < c.minScroll) return false;
  if (c.returning !== undefined && facts.returning !== c.returning) return false;
  if (c.identified !== undefined && facts.identified !== c.identified) return false;
  if (c.open !== undefined && facts.open !== c.open) return false;
  if (c.cartMin !== undefined || c.cartMax !== undefined) {
    const cart = facts.data.cartValue;
    if (typeof cart !== 'number' || !Number.isFinite(cart)) return false;
    if (c.cartMin !== undefined && cart < c.cartMin) return false;
    if (c.cartMax !== undefined && cart > c.cartMax) return false;
  }
  return true;
}

export function capAllows(rule: Pick<EvaluableRule, 'id' | 'cap'>, memory: RuleMemory): boolean {
  if (memory.page.includes(rule.id)) return false;
  const last = memory.fired[rule.id];
  switch (rule.cap) {
    case 'always':
      return true;
    case 'visit':
      return !last || last.visit !== memory.visit;
    case 'day':
      return !last || memory.now - last.at >= DAY_MS;
    case 'ever':
      return !last;
  }
}

/** The actions to run now, in the rules' order: every enabled rule that holds and its cap allows. */
export function evaluateRules(rules: EvaluableRule[], facts: PageFacts, memory: RuleMemory): RuleRun[] {
  return rules
    .filter((rule) => rule.enabled !== false && conditionsHold(rule.conditions, facts) && capAllows(rule, memory))
    .map((rule) => ({ ruleId: rule.id, action: rule.action }));
}
