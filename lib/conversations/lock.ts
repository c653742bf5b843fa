import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { channels, conversations } from '@/db/schema';
import type { ChannelKind } from '@/channels/types';
import { UserError } from '@/lib/errors';
import type { ConversationRow } from './record';

/**
 * Reads a conversation of the workspace and holds its row until the transaction ends, so
 * two agents acting at once are serialised: the second sees the first's result. Refuses a
 * conversation that does not exist in this workspace.
 */
export async function lockConversation(tx: Tx, workspaceId: string, conversationId: string): Promise<ConversationRow> {
  const [row] = await lockConversations(tx, workspaceId, conversationId);
  if (!row) throw new UserError('not_found', 'This conversation does not exist.');
  return row.conversation;
}

/** The same, with the kind of channel it is on (for writers that send). */
export async function lockConversationOnChannel(
  tx: Tx,
  workspaceId: string,
  conversationId: string,
): Promise<{ conversation: ConversationRow; channelKind: ChannelKind }> {
  const [row] = await lockConversations(tx, workspaceId, conversationId);
  if (!row) throw new UserError('not_found', 'This conversation does not exist.');
  return row;
}

/** Null instead of a refusal, for background writers that skip what is gone. */
export async function lockConversationIfAny(tx: Tx, workspaceId: string, conversationId: string) {
  const [row] = await lockConversations(tx, workspaceId, conversationId);
  return row ?? null;
}

function lockConversations(tx: Tx, workspaceId: string, conversationId: string) {
  return tx
    .select({ conversation: conversations, channelKind: channels.kind })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, workspaceId)))
    .for('update', { of: conversations })
    .limit(1);
}
