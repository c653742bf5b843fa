'use server';

import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { markConversationRead, markReadInput } from '@/lib/inbox/mark-read';
import { sendReply, sendReplyInput } from '@/lib/inbox/send-reply';
import { retryAttachmentsInput, retryUnavailableAttachments } from '@/lib/ingest/retry-media';
import { retryInput, retryMessage } from '@/lib/outbox/retry';

export const retryMessageAction = workspaceAction({ input: retryInput, role: 'agent' }, (input, ctx) =>
  retryMessage(getDb(), ctx, input),
);

/** Downloads an inbound message's unavailable attachments again (refused or failed on arrival). */
export const retryAttachmentsAction = workspaceAction({ input: retryAttachmentsInput, role: 'agent' }, (input, ctx) =>
  retryUnavailableAttachments(getDb(), ctx, input),
);

export const sendReplyAction = workspaceAction({ input: sendReplyInput, role: 'agent' }, (input, ctx) => sendReply(getDb(), ctx, input));

export const markReadAction = workspaceAction({ input: markReadInput, role: 'agent' }, (input, ctx) => markConversationRead(getDb(), ctx, input));
