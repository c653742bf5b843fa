import type { WidgetRuleAction, WidgetRuleCap, WidgetRuleConditions } from '@/db/schema/widget-rules';

// Action rules in words, for the list on the website chat's settings page.

export const CAP_LABELS: Record<WidgetRuleCap, string> = {
  visit: 'Once per visit',
  day: 'Once a day',
  ever: 'Once ever',
  always: 'Every page view',
};

export const ACTION_LABELS: Record<WidgetRuleAction['kind'], string> = {
  open: 'Open the chat',
  message: 'Show a message',
  flow: 'Start a bot flow',
  show: 'Show the launcher',
  hide: 'Hide the launcher',
};

const URL_OPS = { contains: 'contains', equals: 'is', regex: 'matches' } as const;

export function describeRuleConditions(c: WidgetRuleConditions): string {
  const parts: string[] = [];
  if (c.url) parts.push(`page address ${URL_OPS[c.url.op]} ${c.url.value}`);
  if (c.minSeconds !== undefined) parts.push(`${c.minSeconds} s on the page`);
  if (c.minScroll !== undefined) parts.push(`scrolled ${c.minScroll} %`);
  if (c.returning !== undefined) parts.push(c.returning ? 'returning visitor' : 'first visit');
  if (c.identified !== undefined) parts.push(c.identified ? 'signed-in customer' : 'not signed in');
  if (c.cartMin !== undefined) parts.push(`cart at least ${c.cartMin}`);
  if (c.cartMax !== undefined) parts.push(`cart at most ${c.cartMax}`);
  if (c.open !== undefined) parts.push(c.open ? 'during business hours' : 'outside business hours');
  return parts.length ? `When: ${parts.join(', ')}` : 'When: any page';
}

export function describeRuleAction(action: WidgetRuleAction, flows: { id: string; name: string }[]): string {
  const said = 'message' in action && action.message ? ` with “${action.message}”` : '';
  if (action.kind === 'flow') {
    const flow = flows.find((f) => f.id === action.flowId);
    return `Then: start the flow ${flow ? flow.name : '(off or deleted)'}${said}`;
  }
  return `Then: ${ACTION_LABELS[action.kind].toLowerCase()}${said}`;
}
