import { describe, expect, it } from 'vitest';
import { applyAgentEvent, TransitionRefused, type Actor, type AgentEvent, type ConversationState } from './state-machine';

const ana: Actor = { id: 'ana', name: 'Ana', role: 'agent' };
const boss: Actor = { id: 'boss', name: 'Boss', role: 'admin' };
const flow = { flowId: 'f', flowVersion: 1, stepId: 's2', variables: { size: 'M' }, paused: false };

const states: Record<string, ConversationState> = {
  bot: { status: 'open', handler: 'bot', assigneeId: null, teamId: null, botState: flow },
  queue: { status: 'open', handler: 'queue', assigneeId: null, teamId: null, botState: null },
  queuePaused: { status: 'open', handler: 'queue', assigneeId: null, teamId: null, botState: { ...flow, paused: true } },
  mine: { status: 'open', handler: 'agent', assigneeId: 'ana', teamId: null, botState: { ...flow, paused: true } },
  bens: { status: 'open', handler: 'agent', assigneeId: 'ben', teamId: null, botState: null },
  resolved: { status: 'resolved', handler: 'agent', assigneeId: 'ana', teamId: null, botState: null },
};

const events: AgentEvent[] = [
  { type: 'take_over' },
  { type: 'claim_by_reply' },
  { type: 'assign_agent', agentId: 'chloe', agentName: 'Chloe' },
  { type: 'assign_team', teamId: 'sales', teamName: 'Sales' },
  { type: 'unassign' },
  { type: 'resume_flow' },
  { type: 'start_flow', flow: { flowId: 'g', flowVersion: 3, stepId: 'start', variables: {}, paused: false }, flowName: 'Survey', flowKind: 'custom' },
  { type: 'stop_flow' },
  { type: 'set_priority', priority: 'high', current: 'none' },
  { type: 'resolve' },
];

/** The expected outcome for an agent (not an admin) in every state: a next handler, or refused. */
const expected: Record<string, Record<AgentEvent['type'], string>> = {
  bot: { take_over: 'agent:ana', claim_by_reply: 'agent:ana', assign_agent: 'agent:chloe', assign_team: 'queue', unassign: 'refused', resume_flow: 'bot', start_flow: 'bot', stop_flow: 'queue', set_priority: 'bot', resolve: 'resolved' },
  queue: { take_over: 'agent:ana', claim_by_reply: 'agent:ana', assign_agent: 'agent:chloe', assign_team: 'queue', unassign: 'refused', resume_flow: 'refused', start_flow: 'bot', stop_flow: 'refused', set_priority: 'queue', resolve: 'resolved' },
  queuePaused: { take_over: 'agent:ana', claim_by_reply: 'agent:ana', assign_agent: 'agent:chloe', assign_team: 'queue', unassign: 'refused', resume_flow: 'bot', start_flow: 'bot', stop_flow: 'queue', set_priority: 'queue', resolve: 'resolved' },
  mine: { take_over: 'refused', claim_by_reply: 'agent:ana', assign_agent: 'agent:chloe', assign_team: 'queue', unassign: 'queue', resume_flow: 'bot', start_flow: 'bot', stop_flow: 'agent:ana', set_priority: 'agent:ana', resolve: 'resolved' },
  bens: { take_over: 'refused', claim_by_reply: 'refused', assign_agent: 'refused', assign_team: 'refused', unassign: 'refused', resume_flow: 'refused', start_flow: 'refused', stop_flow: 'refused', set_priority: 'refused', resolve: 'refused' },
  resolved: { take_over: 'refused', claim_by_reply: 'refused', assign_agent: 'refused', assign_team: 'refused', unassign: 'refused', resume_flow: 'refused', start_flow: 'refused', stop_flow: 'refused', set_priority: 'refused', resolve: 'refused' },
};

function outcome(state: ConversationState, event: AgentEvent, actor: Actor): string {
  try {
    const { next } = applyAgentEvent(state, event, actor, 'Ben');
    if (next.status === 'resolved') return 'resolved';
    return next.handler === 'agent' ? `agent:${next.assigneeId}` : next.handler;
  } catch (error) {
    if (error instanceof TransitionRefused) return 'refused';
    throw error;
  }
}

describe('agent operations in every state', () => {
  for (const [name, state] of Object.entries(states)) {
    for (const event of events) {
      it(`${event.type} on a ${name} conversation → ${expected[name][event.type]}`, () => {
        expect(outcome(state, event, ana)).toBe(expected[name][event.type]);
      });
    }
  }

  it('admins may change a conversation another agent has', () => {
    expect(outcome(states.bens, { type: 'assign_agent', agentId: 'chloe', agentName: 'Chloe' }, boss)).toBe('agent:chloe');
    expect(outcome(states.bens, { type: 'resolve' }, boss)).toBe('resolved');
    expect(outcome(states.bens, { type: 'unassign' }, boss)).toBe('queue');
  });

  it('a reply claims a bot conversation or a request and says so; on your own chat it says nothing', () => {
    expect(applyAgentEvent(states.bot, { type: 'claim_by_reply' }, ana).statusText).toBe('Ana took over from the bot');
    expect(applyAgentEvent(states.queue, { type: 'claim_by_reply' }, ana).statusText).toBe('Ana replied and took the conversation');
    expect(applyAgentEvent(states.mine, { type: 'claim_by_reply' }, ana)).toEqual({ next: states.mine, statusText: null });
    // Even an admin's reply does not take another agent's chat: they assign it instead.
    expect(() => applyAgentEvent(states.bens, { type: 'claim_by_reply' }, boss, 'Ben')).toThrow('Ben already took this conversation.');
  });

  it('take over pauses the flow and keeps its place, so resume continues there', () => {
    const taken = applyAgentEvent(states.bot, { type: 'take_over' }, ana);
    expect(taken.next.botState).toEqual({ ...flow, paused: true });
    expect(taken.statusText).toBe('Ana took over from the bot');
    const resumed = applyAgentEvent(taken.next, { type: 'resume_flow' }, ana);
    expect(resumed.next).toMatchObject({ handler: 'bot', assigneeId: null, botState: { ...flow, paused: false } });
  });

  it('starting a flow (bot flows) replaces a paused flow with a fresh one and says which', () => {
    const fresh = { flowId: 'p', flowVersion: 2, stepId: 'co', variables: { productId: 'x' }, paused: false };
    const started = applyAgentEvent(states.mine, { type: 'start_flow', flow: fresh, flowName: 'Linen shirt', flowKind: 'product' }, ana);
    expect(started.next).toMatchObject({ handler: 'bot', assigneeId: null, botState: fresh });
    expect(started.statusText).toBe('Ana started the product flow “Linen shirt”');
    const custom = applyAgentEvent(states.queue, { type: 'start_flow', flow: { ...fresh, paused: true }, flowName: 'Survey', flowKind: 'custom' }, ana);
    expect(custom.next.botState?.paused).toBe(false);
    expect(custom.statusText).toBe('Ana started the flow “Survey”');
  });

  it('says who has the conversation when refusing', () => {
    expect(() => applyAgentEvent(states.bens, { type: 'take_over' }, ana, 'Ben')).toThrow('Ben already took this conversation.');
    expect(() => applyAgentEvent(states.resolved, { type: 'take_over' }, ana)).toThrow(/resolved/);
  });

  it('sets the priority without moving the conversation, and says so', () => {
    const set = applyAgentEvent(states.queue, { type: 'set_priority', priority: 'urgent', current: 'none' }, ana);
    expect(set).toEqual({ next: states.queue, priority: 'urgent', statusText: 'Ana set the priority to Urgent' });
    expect(applyAgentEvent(states.mine, { type: 'set_priority', priority: 'none', current: 'low' }, ana).statusText).toBe('Ana removed the priority');
    expect(() => applyAgentEvent(states.mine, { type: 'set_priority', priority: 'low', current: 'low' }, ana)).toThrow('The priority is already low.');
  });

  it('writes the status lines of the seeds', () => {
    expect(applyAgentEvent(states.mine, { type: 'resolve' }, ana).statusText).toBe('Resolved by Ana');
    expect(applyAgentEvent(states.queue, { type: 'assign_team', teamId: 't', teamName: 'Sales' }, ana).statusText).toBe('Assigned to Sales by Ana');
  });
});
