import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { conversations } from '@/db/schema';
import { saveSlaSummary } from '@/lib/conversations/quiet-changes';
import type { RealtimeEvent } from '@/lib/realtime/publisher';
import { reapplyRule } from './track';

type ConversationRow = typeof conversations.$inferSelect;

/** Looks at the rule again for each conversation; returns the summaries to publish after commit. */
export async function reapplyEach(tx: Tx, rows: ConversationRow[], at = new Date()): Promise<RealtimeEvent[]> {
  const events: RealtimeEvent[] = [];
  for (const c of rows) {
    const summary = await reapplyRule(tx, c, at);
    if (summary) events.push(await saveSlaSummary(tx, c.id, summary));
  }
  return events;
}

/** The customer's tags or fields changed: their conversations with the team may fall under another rule. */
export async function reapplyForContact(tx: Tx, workspaceId: string, contactId: string, at = new Date()): Promise<RealtimeEvent[]> {
  const open = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.contactId, contactId), eq(conversations.status, 'open'), ne(conversations.handler, 'bot')));
  return reapplyEach(tx, open, at);
}
