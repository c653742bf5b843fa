import { describe, expect, it } from 'vitest';
import { handOffToQueue, openOnCustomerMessage, priorityByBot, routeByRule, TransitionRefused, withRulePriority } from './state-machine';

const flow = { flowId: 'welcome', flowVersion: 1, stepId: 'start', variables: {}, paused: false };

describe('openOnCustomerMessage', () => {
  it('goes to the bot when a flow answers', () => {
    const t = openOnCustomerMessage({ flow, reopened: false });
    expect(t.next).toMatchObject({ status: 'open', handler: 'bot', botState: flow });
    expect(t.statusText).toBe('Customer triggered the bot');
  });

  it('becomes a request otherwise, saying whether the customer came back', () => {
    expect(openOnCustomerMessage({ flow: null, reopened: false })).toMatchObject({
      next: { handler: 'queue', assigneeId: null },
      statusText: 'New request',
    });
    expect(openOnCustomerMessage({ flow: null, reopened: true }).statusText).toBe('Customer wrote again: new request');
  });
});

describe('handOffToQueue', () => {
  it('moves a bot conversation to Requests and pauses the flow, keeping its place', () => {
    const t = handOffToQueue({ status: 'open', handler: 'bot', assigneeId: null, teamId: null, botState: flow }, 'team-1');
    expect(t.next).toMatchObject({ handler: 'queue', teamId: 'team-1', botState: { ...flow, paused: true } });
  });

  it('leaves a conversation an agent already has alone', () => {
    const state = { status: 'open' as const, handler: 'agent' as const, assigneeId: 'u1', teamId: null, botState: null };
    expect(handOffToQueue(state)).toEqual({ next: state, statusText: null });
  });

  it('says why in the status line (bot flows)', () => {
    const state = { status: 'open' as const, handler: 'bot' as const, assigneeId: null, teamId: null, botState: flow };
    expect(handOffToQueue(state).statusText).toBe('Customer asked for an agent');
    expect(handOffToQueue(state, null, 'flow').statusText).toBe('The bot handed the conversation to Requests');
    expect(handOffToQueue(state, null, 'bot_failed').statusText).toBe('The bot flow failed: handed to Requests');
  });
});

describe('priorityByBot', () => {
  const state = { status: 'open' as const, handler: 'bot' as const, assigneeId: null, teamId: null, botState: flow };

  it('sets the priority, leaving the rest of the state as it is', () => {
    expect(priorityByBot(state, 'none', 'high')).toEqual({ next: state, priority: 'high', statusText: 'The bot set the priority to High' });
    expect(priorityByBot(state, 'urgent', 'none')?.statusText).toBe('The bot removed the priority');
  });

  it('does nothing when the priority already is that one', () => {
    expect(priorityByBot(state, 'low', 'low')).toBeNull();
  });
});

describe('routeByRule', () => {
  const request = { status: 'open' as const, handler: 'queue' as const, assigneeId: null, teamId: null, botState: null };

  it('sends a request to the rule’s team, saying which rule', () => {
    const t = routeByRule(request, 'VIP customers', { kind: 'team', teamId: 't1', teamName: 'Sales' });
    expect(t.next).toMatchObject({ handler: 'queue', teamId: 't1', assigneeId: null });
    expect(t.statusText).toBe('Routed to Sales by rule “VIP customers”');
  });

  it('assigns it to the rule’s agent', () => {
    const t = routeByRule(request, 'Thai', { kind: 'agent', agentId: 'u1', agentName: 'Ana' });
    expect(t.next).toMatchObject({ handler: 'agent', assigneeId: 'u1' });
    expect(t.statusText).toBe('Assigned to Ana by rule “Thai”');
  });

  it('when the agent cannot take it: waits for the rule’s team, or in Requests as it was', () => {
    const team = routeByRule(request, 'Thai', { kind: 'agent_unavailable', agentName: 'Ana', team: { id: 't2', name: 'Support' } });
    expect(team.next).toMatchObject({ handler: 'queue', teamId: 't2', assigneeId: null });
    expect(team.statusText).toBe('Ana is not available: routed to Support by rule “Thai”');
    const none = routeByRule(request, 'Thai', { kind: 'agent_unavailable', agentName: 'Ana', team: null });
    expect(none.next).toEqual(request);
    expect(none.statusText).toBe('Ana is not available: waiting in Requests (rule “Thai”)');
  });

  it('refuses anything but a waiting request', () => {
    expect(() => routeByRule({ ...request, handler: 'agent', assigneeId: 'u2' }, 'x', { kind: 'team', teamId: 't', teamName: 'T' })).toThrow(TransitionRefused);
    expect(() => routeByRule({ ...request, handler: 'bot' }, 'x', { kind: 'team', teamId: 't', teamName: 'T' })).toThrow(TransitionRefused);
  });
});

describe('withRulePriority', () => {
  const request = { status: 'open' as const, handler: 'queue' as const, assigneeId: null, teamId: null, botState: null };

  it('adds the priority to the rule’s routing and its line; alone it has a line of its own; unchanged it adds nothing', () => {
    const routed = routeByRule(request, 'VIP', { kind: 'team', teamId: 't1', teamName: 'Sales' });
    expect(withRulePriority(routed, request, 'VIP', 'none', 'urgent')).toEqual({ ...routed, priority: 'urgent', statusText: 'Routed to Sales by rule “VIP”, priority Urgent' });
    expect(withRulePriority(null, request, 'VIP', 'low', 'high')).toEqual({ next: request, priority: 'high', statusText: 'Priority set to High by rule “VIP”' });
    expect(withRulePriority(routed, request, 'VIP', 'high', 'high')).toBe(routed);
    expect(withRulePriority(null, request, 'VIP', 'none', null)).toBeNull();
  });
});
