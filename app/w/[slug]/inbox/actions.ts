'use server';

import { getDb } from '@/db/client';
import { workspaceAction } from '@/lib/auth/action';
import { markConversationRead, markReadInput } from '@/lib/inbox/mark-read';
import { sendReply, sendReplyInput } from '@/lib/inbox/send-reply';
import { retryInput, retryMessage } from '@/lib/outbox/retry';

export const retryMessageAction = workspaceAction({ input: retryInput, role: 'agent' }, (input, ctx) =>
  retryMessage(getDb(), ctx, input),
);

export const sendReplyAction = workspaceAction({ input: sendReplyInput, role: 'agent' }, (input, ctx) => sendReply(getDb(), ctx, input));

export const markReadAction = workspaceAction({ input: markReadInput, role: 'agent' }, (input, ctx) => markConversationRead(getDb(), ctx, input));
