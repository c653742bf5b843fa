import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { channels, conversations } from '@/db/schema';
import { readWidgetSettings } from '@/lib/widget/settings-shape';

/** Whether agents may call in this conversation: a website chat whose channel has calls on. */
export async function callsEnabledFor(db: DbOrTx, workspaceId: string, conversationId: string): Promise<boolean> {
  const [row] = await db
    .select({ kind: channels.kind, settings: channels.settings })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, workspaceId)))
    .limit(1);
  return row?.kind === 'web' && readWidgetSettings(row.settings).calls;
}
