import { describe, expect, it } from 'vitest';
import { followUpAfterStore } from './follow-up';

// The marker a customer's message is stored with decides whether anything runs after it:
// none (and no statement) where nothing can follow.
describe('followUpAfterStore', () => {
  const open = (handler: 'bot' | 'queue' | 'agent', assigneeId: string | null = null) => ({ status: 'open' as const, handler, assigneeId });
  it.each([
    ['a conversation it opened as a request', open('queue'), true, 'new_request'],
    ['a request already waiting (automatic routing may take it)', open('queue'), false, 'pending'],
    ['an agent’s conversation (the assignee hears of it)', open('agent', 'agent-1'), false, 'pending'],
    ['a conversation it opened for an agent', open('agent', 'agent-1'), true, 'pending'],
    ['the bot’s conversation', open('bot'), false, null],
    ['a conversation it opened with a flow', open('bot'), true, null],
    ['a resolved conversation', { status: 'resolved' as const, handler: 'queue' as const, assigneeId: null }, false, null],
  ])('%s', (_, conversation, opened, expected) => {
    expect(followUpAfterStore(conversation, opened)).toBe(expected);
  });
});
