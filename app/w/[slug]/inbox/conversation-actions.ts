'use server';

import { z } from 'zod';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { lookupShortcuts, lookupTextBlocks, templatesForConversation } from '@/lib/composer/lookup';
import { publicOrigin } from '@/lib/http/public-origin';
import { getHistoryMessages, getHistoryPage, historyPageInput } from '@/lib/inbox/history';
import { sendContent, sendContentInput } from '@/lib/inbox/send-content';
import { sendTemplate, sendTemplateInput } from '@/lib/inbox/send-template';
import { agentTypingInput, sendAgentTyping } from '@/lib/inbox/send-typing';

// The conversation panel's own actions (history pages, composer lookups, attachments,
// templates, typing). Each one checks input, session, membership and role itself.

/** An older page of the history, or the customer's previous conversations. */
export const loadHistoryAction = workspaceAction({ input: historyPageInput, role: 'agent' }, (input, ctx) => getHistoryPage(getDb(), ctx, input));

/** Full messages by id, for ones a realtime event only summarised. */
export const loadMessagesAction = workspaceAction(
  { input: z.object({ conversationId: z.uuid(), ids: z.array(z.uuid()).min(1).max(50) }), role: 'agent' },
  (input, ctx) => getHistoryMessages(getDb(), ctx, input.conversationId, input.ids),
);

const lookupInput = z.object({ kind: z.enum(['shortcut', 'text_block']), query: z.string().max(60).default('') });

/** `/` message shortcuts or `#` text blocks of the workspace matching what was typed. */
export const composerLookupAction = workspaceAction({ input: lookupInput, role: 'agent' }, async (input, ctx) =>
  input.kind === 'shortcut'
    ? { kind: 'shortcut' as const, items: await lookupShortcuts(getDb(), ctx, input.query) }
    : { kind: 'text_block' as const, items: await lookupTextBlocks(getDb(), ctx, input.query) },
);

/** The approved WhatsApp templates this conversation can use. */
export const listTemplatesAction = workspaceAction({ input: z.object({ conversationId: z.uuid() }), role: 'agent' }, (input, ctx) =>
  templatesForConversation(getDb(), ctx, input.conversationId),
);

export const sendTemplateAction = workspaceAction({ input: sendTemplateInput, role: 'agent' }, (input, ctx) => sendTemplate(getDb(), ctx, input));

/** An uploaded file, a media link, a location or a contact card. */
export const sendContentAction = workspaceAction({ input: sendContentInput, role: 'agent' }, async (input, ctx) =>
  sendContent(getDb(), ctx, input, { origin: await publicOrigin() }),
);

/** "Agent is typing…" to the customer, where the channel shows it (website chat, Messenger). */
export const agentTypingAction = workspaceAction({ input: agentTypingInput, role: 'agent' }, (input, ctx) => sendAgentTyping(getDb(), ctx, input));
