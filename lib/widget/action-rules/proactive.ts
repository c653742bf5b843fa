import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { messages, widgetActionRules } from '@/db/schema';
import type { WidgetChannel } from '../context';

// An action rule's proactive message, as the visitor saw it, stored in the conversation their
// first message opens: a bot message before theirs, naming the rule, so the agent reads what
// the visitor answered. Once: only a conversation being opened gets it.

type MessageRow = typeof messages.$inferSelect;

/**
 * For applyCustomerMessage's `leadMessages`: the rule's message when the rule is this
 * channel's, enabled, and says something. The text is the rule's own, never the browser's.
 */
export function leadWithProactive(channel: WidgetChannel, ruleId: string) {
  return async (tx: Tx, conversation: { id: string }, at: Date): Promise<MessageRow[]> => {
    const [rule] = await tx
      .select({ id: widgetActionRules.id, name: widgetActionRules.name, action: widgetActionRules.action })
      .from(widgetActionRules)
      .where(
        and(
          eq(widgetActionRules.id, ruleId),
          eq(widgetActionRules.workspaceId, channel.channel.workspaceId),
          eq(widgetActionRules.channelId, channel.channel.id),
          eq(widgetActionRules.enabled, true),
        ),
      )
      .limit(1);
    const text = rule && 'message' in rule.action ? rule.action.message?.trim() : undefined;
    if (!rule || !text) return [];
    const [stored] = await tx
      .insert(messages)
      .values({
        workspaceId: channel.channel.workspaceId,
        conversationId: conversation.id,
        channelId: channel.channel.id,
        direction: 'outbound',
        senderKind: 'bot',
        kind: 'text',
        body: text,
        payload: { actionRule: { id: rule.id, name: rule.name } },
        // Shown before the visitor wrote: just before their message.
        status: 'sent',
        createdAt: new Date(at.getTime() - 1),
      })
      .returning();
    return stored ? [stored] : [];
  };
}
