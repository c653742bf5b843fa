import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { channels } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { preChatFormSchema, readPreChatForm, type PreChatForm } from './definition';

export const preChatFormInput = z.object({ channelId: z.uuid('Unknown channel'), form: preChatFormSchema });

/** Admins set the channel's pre-chat form; the channel's other settings are kept as they are. */
export async function updatePreChatForm(db: Db, ctx: ActorContext, input: z.infer<typeof preChatFormInput>): Promise<PreChatForm> {
  return db.transaction(async (tx) => {
    const where = and(eq(channels.id, input.channelId), eq(channels.workspaceId, ctx.workspaceId), eq(channels.kind, 'web'));
    const [row] = await tx.select({ settings: channels.settings }).from(channels).where(where).for('update');
    if (!row) throw new UserError('not_found', 'This website chat channel no longer exists.');
    const before = readPreChatForm(row.settings);
    await tx
      .update(channels)
      .set({ settings: { ...row.settings, preChatForm: input.form } })
      .where(where);
    await writeAudit(tx, ctx, 'channel.pre_chat_form_updated', { type: 'channel', id: input.channelId }, { before, after: input.form });
    return input.form;
  });
}
