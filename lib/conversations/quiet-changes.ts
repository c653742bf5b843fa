import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { conversations, type BotState } from '@/db/schema';
import { conversationChanged } from '@/lib/realtime/payloads';
import type { RealtimeEvent } from '@/lib/realtime/publisher';
import type { SlaSummary } from '@/lib/sla/track';

// Changes of a conversation's state that agents do not need a line about: still a version
// bump each, and the new summary to publish, like every other change.

/** The bot moved on in its flow (or the flow ended) while it still has the conversation. */
export async function saveBotProgress(tx: Tx, conversationId: string, botState: BotState | null): Promise<RealtimeEvent> {
  const [updated] = await tx
    .update(conversations)
    .set({ botState, version: sql`${conversations.version} + 1`, updatedAt: new Date() })
    .where(eq(conversations.id, conversationId))
    .returning();
  return conversationChanged(updated);
}

/**
 * A team was deleted: its conversations lose it (any available agent may take its waiting
 * requests now). Returns every conversation it touched; the caller publishes the open ones.
 */
export async function releaseTeam(tx: Tx, workspaceId: string, teamId: string) {
  return tx
    .update(conversations)
    .set({ teamId: null, version: sql`${conversations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.teamId, teamId)))
    .returning();
}

/** The SLA targets changed outside a transition (the customer's tags or fields, a rule now applies). */
export async function saveSlaSummary(tx: Tx, conversationId: string, summary: SlaSummary): Promise<RealtimeEvent> {
  const [updated] = await tx
    .update(conversations)
    .set({ ...summary, version: sql`${conversations.version} + 1`, updatedAt: new Date() })
    .where(eq(conversations.id, conversationId))
    .returning();
  return conversationChanged(updated);
}
