import type { BotState, ConversationHandler } from '@/db/schema/conversations';

// The conversation transitions of design.md §3, as pure functions: given the current
// state and an event, the next state and the status line to record. Services apply them
// inside their transactions with conditional updates.

export type ConversationState = {
  status: 'open' | 'resolved';
  handler: ConversationHandler;
  assigneeId: string | null;
  teamId: string | null;
  botState: BotState | null;
};

export type Transition = { next: ConversationState; statusText: string | null };

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

/** The customer asks for a person (or a flow hands off): to Requests, optionally a team. */
export function handOffToQueue(state: ConversationState, teamId: string | null = null): Transition {
  if (state.handler === 'agent') return { next: state, statusText: null };
  return {
    next: { ...state, handler: 'queue', teamId: teamId ?? state.teamId, botState: state.botState ? { ...state.botState, paused: true } : null },
    statusText: 'Customer asked for an agent',
  };
}
