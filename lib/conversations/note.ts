import type { Tx } from '@/db/client';
import { lockConversation } from './lock';
import { recordTransition, type Recorded } from './record';
import { noteOnly } from './state-machine';

/**
 * A status line about something done around a conversation by an agent (a ticket created
 * from it) that leaves its state as it is. Locks the row, so the line and its version bump
 * land after any change in flight; refuses a conversation of another workspace.
 */
export async function recordNote(
  tx: Tx,
  input: { workspaceId: string; conversationId: string; text: string; event: string; actorUserId: string | null; payload?: Record<string, unknown> },
): Promise<Recorded> {
  const conversation = await lockConversation(tx, input.workspaceId, input.conversationId);
  const recorded = await recordTransition(tx, {
    conversation,
    transition: noteOnly(conversation, input.text),
    event: input.event,
    actorUserId: input.actorUserId,
    payload: input.payload,
    audit: input.payload ?? {},
  });
  // The row is locked, so its version cannot have moved since it was read.
  if (!recorded) throw new Error(`The conversation ${input.conversationId} changed while locked`);
  return recorded;
}
