import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getMessagingAdapter } from '@/channels';
import type { Db } from '@/db/client';
import { channels, messages } from '@/db/schema';
import type { Attachment } from '@/db/schema/messages';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { withCredentials } from '@/lib/channel-config/load';
import { UserError } from '@/lib/errors';
import { messageUpdated } from '@/lib/realtime/payloads';
import { publish } from '@/lib/realtime/publisher';
import { storeInboundMedia, toAttachment } from './media';

export const retryAttachmentsInput = z.object({ messageId: z.uuid() });

/**
 * An agent asks for an unavailable inbound attachment again: each one is downloaded anew
 * from its kept source, through the same filtered path as on arrival. The message is
 * updated only if its attachments are still what we read (two agents clicking Retry at
 * once store one result). Answers the attachments as they now are.
 */
export async function retryUnavailableAttachments(db: Db, ctx: ActorContext, input: z.infer<typeof retryAttachmentsInput>) {
  const [row] = await db
    .select({ message: messages, channel: channels })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(and(eq(messages.id, input.messageId), eq(messages.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!row) throw new UserError('not_found', 'This message no longer exists.');
  const before = row.message.attachments;
  if (!before.some((a) => a.unavailable)) return { attachments: before };
  const adapter = getMessagingAdapter(row.channel.kind);
  if (!adapter) throw new UserError('invalid', 'This channel’s attachments cannot be downloaded again.');

  const loaded = withCredentials(row.channel);
  const after: Attachment[] = [];
  for (const a of before) {
    if (!a.unavailable) {
      after.push(a);
      continue;
    }
    after.push(toAttachment(await storeInboundMedia(db, loaded, adapter, { kind: a.kind, ...(a.name ? { name: a.name } : {}), ...a.source })));
  }

  const [updated] = await db
    .update(messages)
    .set({ attachments: after })
    .where(and(eq(messages.id, row.message.id), eq(messages.workspaceId, ctx.workspaceId), sql`${messages.attachments} = ${JSON.stringify(before)}::jsonb`))
    .returning();
  if (!updated) {
    const [current] = await db.select({ attachments: messages.attachments }).from(messages).where(eq(messages.id, row.message.id));
    return { attachments: current?.attachments ?? after };
  }
  await writeAudit(db, ctx, 'message.attachments_retried', { type: 'message', id: updated.id });
  await publish([messageUpdated(updated)]);
  return { attachments: updated.attachments };
}
