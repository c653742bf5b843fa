import type { BotState, ConversationHandler, ConversationPriority } from '@/db/schema/conversations';
import { PRIORITY_LABELS } from './priority-labels';

// The conversation transitions of ARCHITECTURE.md, as pure functions: given the current
// state and an event, the next state and the status line to record. Services apply them
// inside their transactions with conditional updates.

export type ConversationState = {
  status: 'open' | 'resolved';
  handler: ConversationHandler;
  assigneeId: string | null;
  teamId: string | null;
  botState: BotState | null;
};

/** `priority`: set when the transition changes the conversation's priority. */
export type Transition = { next: ConversationState; statusText: string | null; priority?: ConversationPriority };

/**
 * A customer message with no open conversation (first ever, or after the last one was
 * resolved) opens a new one: with the bot when a flow will answer, else as a request.
 */
export function openOnCustomerMessage(options: { flow: BotState | null; reopened: boolean }): Transition {
  if (options.flow) {
    return {
      next: { status: 'open', handler: 'bot', assigneeId: null, teamId: null, botState: options.flow },
      statusText: 'Customer triggered the bot',
    };
  }
  return {
    next: { status: 'open', handler: 'queue', assigneeId: null, teamId: null, botState: null },
    statusText: options.reopened ? 'Customer wrote again: new request' : 'New request',
  };
}

/** Why the bot gave the conversation to Requests (bot flows, lib/flows/runtime.ts). */
export type HandOffReason = 'customer_asked' | 'flow' | 'invalid_input' | 'bot_failed' | 'flow_ended';

const handOffTexts: Record<HandOffReason, string> = {
  customer_asked: 'Customer asked for an agent',
  flow: 'The bot handed the conversation to Requests',
  invalid_input: 'The bot could not understand the customer: handed to Requests',
  bot_failed: 'The bot flow failed: handed to Requests',
  flow_ended: 'Customer wrote after the bot flow ended',
};

/** The customer asks for a person (or a flow hands off): to Requests, optionally a team. */
export function handOffToQueue(state: ConversationState, teamId: string | null = null, reason: HandOffReason = 'customer_asked'): Transition {
  if (state.handler === 'agent') return { next: state, statusText: null };
  return {
    next: { ...state, handler: 'queue', teamId: teamId ?? state.teamId, botState: state.botState ? { ...state.botState, paused: true } : null },
    statusText: handOffTexts[reason],
  };
}

/**
 * A customer taps "Buy" on a product card an agent shared: the product's checkout flow
 * takes over. The agent stays recorded as the assignee, so the chat is theirs again after.
 */
export function checkoutOnBuy(state: ConversationState, flow: BotState): Transition {
  return { next: { ...state, handler: 'bot', botState: flow }, statusText: 'Customer tapped Buy: the checkout flow took over' };
}

// ---------- what the system does ----------

/** Automatic routing gives a waiting request to an available agent. */
export function autoAssign(state: ConversationState, agent: { id: string; name: string }): Transition {
  if (state.status !== 'open' || state.handler !== 'queue' || state.assigneeId) refuse('Only a waiting request can be assigned automatically.');
  return { next: { ...state, handler: 'agent', assigneeId: agent.id }, statusText: `Assigned to ${agent.name} automatically` };
}

/** Where a routing rule sends a new request (lib/routing/apply-rules.ts). */
export type RuleRouting =
  | { kind: 'team'; teamId: string; teamName: string }
  | { kind: 'agent'; agentId: string; agentName: string }
  /** The rule's agent is away, offline or at capacity: it waits, for the rule's team when it names one. */
  | { kind: 'agent_unavailable'; agentName: string; team: { id: string; name: string } | null };

/** A routing rule matched a new request: to the rule's team, or to its agent when they can take it. */
export function routeByRule(state: ConversationState, ruleName: string, routing: RuleRouting): Transition {
  if (state.status !== 'open' || state.handler !== 'queue' || state.assigneeId) refuse('Only a waiting request can be routed by a rule.');
  const rule = `by rule “${ruleName}”`;
  switch (routing.kind) {
    case 'team':
      return { next: { ...state, teamId: routing.teamId }, statusText: `Routed to ${routing.teamName} ${rule}` };
    case 'agent':
      return { next: { ...state, handler: 'agent', assigneeId: routing.agentId }, statusText: `Assigned to ${routing.agentName} ${rule}` };
    case 'agent_unavailable':
      return routing.team
        ? { next: { ...state, teamId: routing.team.id }, statusText: `${routing.agentName} is not available: routed to ${routing.team.name} ${rule}` }
        : { next: state, statusText: `${routing.agentName} is not available: waiting in Requests (rule “${ruleName}”)` };
  }
}

/**
 * A routing rule that also sets the priority: the same change and the same line, which
 * says so. `routed` null: the rule only sets the priority (the request is already where the
 * rule sends it). Null when nothing would change.
 */
export function withRulePriority(
  routed: Transition | null,
  state: ConversationState,
  ruleName: string,
  current: ConversationPriority,
  to: ConversationPriority | null,
): Transition | null {
  if (!to || to === current) return routed;
  const label = PRIORITY_LABELS[to];
  if (!routed) return { next: state, priority: to, statusText: `Priority set to ${label} by rule “${ruleName}”` };
  return { ...routed, priority: to, statusText: `${routed.statusText}, priority ${label}` };
}

/** A deactivated member's open conversations go back to Requests. */
export function assigneeDeactivated(state: ConversationState, memberName: string, actorName: string): Transition {
  return { next: { ...state, handler: 'queue', assigneeId: null }, statusText: `${memberName} was deactivated by ${actorName}: back to Requests` };
}

/**
 * A bot flow's "set priority" step (lib/flows/runtime.ts). Null when the priority already
 * is that one: nothing changes and no line is written.
 */
export function priorityByBot(state: ConversationState, current: ConversationPriority, priority: ConversationPriority): Transition | null {
  if (priority === current) return null;
  return {
    next: state,
    priority,
    statusText: priority === 'none' ? 'The bot removed the priority' : `The bot set the priority to ${PRIORITY_LABELS[priority]}`,
  };
}

/**
 * A line in the conversation about something that happened around it (a LINE follow or
 * block) that leaves its state as it is.
 */
export function noteOnly(state: ConversationState, statusText: string): Transition {
  return { next: state, statusText };
}

// ---------- what agents do ----------

export type Actor = { id: string; name: string; role: 'admin' | 'agent' };

export type AgentEvent =
  | { type: 'take_over' }
  /** An agent's reply to a bot conversation or a request makes it theirs. */
  | { type: 'claim_by_reply' }
  | { type: 'assign_agent'; agentId: string; agentName: string }
  | { type: 'assign_team'; teamId: string; teamName: string }
  | { type: 'unassign' }
  | { type: 'resume_flow' }
  /** Hand back by starting a flow (custom, product or collection) from its first step (bot flows). */
  | { type: 'start_flow'; flow: BotState; flowName: string; flowKind: 'custom' | 'product' | 'collection' }
  | { type: 'stop_flow' }
  | { type: 'set_priority'; priority: ConversationPriority; current: ConversationPriority }
  | { type: 'resolve' };

export { PRIORITY_LABELS };

/** A refused operation, with the sentence to show the agent. */
export class TransitionRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransitionRefused';
  }
}

const refuse = (message: string): never => {
  throw new TransitionRefused(message);
};

/**
 * Agents act on conversations that are theirs or nobody's (requests, bot); admins on any.
 * `assigneeName` names the current owner in the refusal.
 */
function mayManage(state: ConversationState, actor: Actor, assigneeName: string | null) {
  if (actor.role === 'admin') return;
  if (state.handler === 'agent' && state.assigneeId && state.assigneeId !== actor.id) {
    refuse(`${assigneeName ?? 'Another agent'} has this conversation. Only they or an admin can change it.`);
  }
}

const paused = (bot: BotState | null): BotState | null => (bot ? { ...bot, paused: true } : null);

export function applyAgentEvent(state: ConversationState, event: AgentEvent, actor: Actor, assigneeName: string | null = null): Transition {
  if (state.status === 'resolved') refuse('This conversation is resolved. The customer’s next message reopens it.');
  switch (event.type) {
    case 'take_over': {
      if (state.handler === 'agent' && state.assigneeId === actor.id) refuse('You already have this conversation.');
      if (state.handler === 'agent' && state.assigneeId) refuse(`${assigneeName ?? 'Another agent'} already took this conversation.`);
      const from = state.handler === 'bot' ? ' from the bot' : '';
      return { next: { ...state, handler: 'agent', assigneeId: actor.id, botState: paused(state.botState) }, statusText: `${actor.name} took over${from}` };
    }
    case 'claim_by_reply': {
      if (state.handler === 'agent' && state.assigneeId && state.assigneeId !== actor.id) refuse(`${assigneeName ?? 'Another agent'} already took this conversation.`);
      if (state.handler === 'agent') return { next: state, statusText: null };
      const text = state.handler === 'bot' ? `${actor.name} took over from the bot` : `${actor.name} replied and took the conversation`;
      return { next: { ...state, handler: 'agent', assigneeId: actor.id, botState: paused(state.botState) }, statusText: text };
    }
    case 'assign_agent': {
      mayManage(state, actor, assigneeName);
      if (state.handler === 'agent' && state.assigneeId === event.agentId) refuse(`${event.agentName} already has this conversation.`);
      const text = event.agentId === actor.id ? `${actor.name} took over` : `Assigned to ${event.agentName} by ${actor.name}`;
      return { next: { ...state, handler: 'agent', assigneeId: event.agentId, botState: paused(state.botState) }, statusText: text };
    }
    case 'assign_team':
      mayManage(state, actor, assigneeName);
      return {
        next: { ...state, handler: 'queue', assigneeId: null, teamId: event.teamId, botState: paused(state.botState) },
        statusText: `Assigned to ${event.teamName} by ${actor.name}`,
      };
    case 'unassign':
      mayManage(state, actor, assigneeName);
      if (state.handler !== 'agent') refuse('This conversation is not assigned to anyone.');
      return { next: { ...state, handler: 'queue', assigneeId: null }, statusText: `${actor.name} moved the conversation back to Requests` };
    case 'resume_flow':
      mayManage(state, actor, assigneeName);
      if (!state.botState) refuse('There is no paused flow to resume. Start a flow instead.');
      return {
        next: { ...state, handler: 'bot', assigneeId: null, botState: { ...state.botState!, paused: false } },
        statusText: `${actor.name} handed the conversation back to the bot`,
      };
    case 'start_flow': {
      // Bot flows: a fresh flow replaces any paused one; the bot answers from its first step.
      mayManage(state, actor, assigneeName);
      const what = event.flowKind === 'custom' ? 'the flow' : `the ${event.flowKind} flow`;
      return {
        next: { ...state, handler: 'bot', assigneeId: null, botState: { ...event.flow, paused: false } },
        statusText: `${actor.name} started ${what} “${event.flowName}”`,
      };
    }
    case 'stop_flow':
      mayManage(state, actor, assigneeName);
      if (!state.botState) refuse('No flow is running in this conversation.');
      // With no flow left, a bot conversation would sit unanswered: it becomes a request.
      return {
        next: { ...state, botState: null, handler: state.handler === 'bot' ? 'queue' : state.handler },
        statusText: `${actor.name} stopped the bot flow`,
      };
    case 'set_priority':
      mayManage(state, actor, assigneeName);
      if (event.priority === event.current) refuse(`The priority is already ${PRIORITY_LABELS[event.priority].toLowerCase()}.`);
      return {
        next: state,
        priority: event.priority,
        statusText: event.priority === 'none' ? `${actor.name} removed the priority` : `${actor.name} set the priority to ${PRIORITY_LABELS[event.priority]}`,
      };
    case 'resolve':
      mayManage(state, actor, assigneeName);
      return { next: { ...state, status: 'resolved', botState: null }, statusText: `Resolved by ${actor.name}` };
  }
}
