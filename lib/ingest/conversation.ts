import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { conversations } from '@/db/schema';
import { recordOpening } from '@/lib/conversations/record';
import { openOnCustomerMessage } from '@/lib/conversations/state-machine';
import type { ChannelKind, NormalizedContent } from '@/channels/types';
import { flowForNewConversation } from '@/lib/flows/runtime';

export type ConversationRow = typeof conversations.$inferSelect;

/**
 * The contact's open conversation on this channel, or a new one opened by the state
 * machine (with its status line). Call under lockCustomer.
 */
export async function findOrOpenConversation(
  tx: Tx,
  input: {
    workspaceId: string;
    channelId: string;
    contactId: string;
    at: Date;
    /**
     * The customer's message, to pick a flow trigger or the welcome flow; `flowId`: the flow
     * the website chat's action rule asked to start with, before any trigger.
     */
    trigger?: { channelKind: ChannelKind; content: NormalizedContent; flowId?: string };
    /** The contact was created in this transaction: it has no conversation yet, none to look for or count. */
    newContact?: boolean;
  },
): Promise<{ conversation: ConversationRow; opened: boolean }> {
  if (input.newContact) return openConversation(tx, input, 0);
  const [open] = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.contactId, input.contactId),
        eq(conversations.channelId, input.channelId),
        eq(conversations.status, 'open'),
      ),
    )
    .limit(1);
  if (open) return { conversation: open, opened: false };

  const [{ previous }] = await tx
    .select({ previous: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(eq(conversations.contactId, input.contactId), eq(conversations.channelId, input.channelId)));
  return openConversation(tx, input, previous);
}

async function openConversation(
  tx: Tx,
  input: Parameters<typeof findOrOpenConversation>[1],
  previous: number,
): Promise<{ conversation: ConversationRow; opened: boolean }> {
  // A matching trigger or the channel's welcome flow opens it with the bot; else a request.
  const flow = input.trigger ? await flowForNewConversation(tx, { workspaceId: input.workspaceId, ...input.trigger }) : null;
  const transition = openOnCustomerMessage({ flow, reopened: previous > 0 });
  const conversation = await recordOpening(tx, {
    workspaceId: input.workspaceId,
    contactId: input.contactId,
    channelId: input.channelId,
    at: input.at,
    transition,
    event: previous > 0 ? 'reopened' : 'opened',
  });
  return { conversation, opened: true };
}
