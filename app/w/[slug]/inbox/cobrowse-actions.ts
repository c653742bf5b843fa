'use server';

import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { agentCobrowseState, cobrowseConversationInput, endCobrowse, requestCobrowse } from '@/lib/cobrowse/agent';
import { UserError } from '@/lib/errors';

/** "Ask for co-browsing": the consent card in the customer's website chat. */
export const requestCobrowseAction = workspaceAction({ input: cobrowseConversationInput, role: 'agent' }, (input, ctx) => requestCobrowse(getDb(), ctx, input));

/** Stop: ends the request or the live view. */
export const endCobrowseAction = workspaceAction({ input: cobrowseConversationInput, role: 'agent' }, (input, ctx) => endCobrowse(getDb(), ctx, input));

/** Whether the conversation offers co-browsing, and its session waiting or running. */
export const cobrowseStateAction = workspaceAction({ input: cobrowseConversationInput, role: 'agent' }, async (input, ctx) => {
  const state = await agentCobrowseState(getDb(), ctx.workspaceId, input.conversationId);
  if (!state) throw new UserError('not_found', 'This conversation does not exist.');
  return state;
});
