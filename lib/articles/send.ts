import { z } from 'zod';
import type { Db } from '@/db/client';
import type { ActorContext } from '@/lib/auth/action-core';
import { sendAgentMessage } from '@/lib/inbox/send-agent-message';
import { publishedArticleCard } from './card';

export const sendArticleInput = z.object({ conversationId: z.uuid(), articleId: z.uuid() });

/**
 * An agent sends a published article: the channel's native card (lib/outbox builds it per
 * channel) with a snapshot of its title, summary and link. Same rules as a reply: claim,
 * assignee, reply window.
 */
export async function sendArticle(db: Db, ctx: ActorContext, input: z.infer<typeof sendArticleInput>, origin: string) {
  return sendAgentMessage(db, ctx, input.conversationId, async (_locked, tx) => ({
    content: { kind: 'article', article: await publishedArticleCard(tx, ctx.workspaceId, input.articleId, origin) },
  }));
}
