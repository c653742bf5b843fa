import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { MESSENGER_LIMITS } from '@/channels/facebook/build';
import { messengerReplyWindow } from '@/channels/facebook/window';
import { notificationFrequencies } from '@/channels/types';
import type { Db } from '@/db/client';
import { workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { sendAgentMessage } from '@/lib/inbox/send-agent-message';

export const sendOptinRequestInput = z.object({
  conversationId: z.uuid(),
  title: z
    .string()
    .trim()
    .min(1, 'Give the request a title')
    .max(MESSENGER_LIMITS.optinTitle, `Keep the title under ${MESSENGER_LIMITS.optinTitle} characters`),
  frequency: z.enum(notificationFrequencies),
});

/**
 * An agent asks a Messenger customer to opt in to notifications: Meta's opt-in template,
 * sent through the outbox like any message (same claim, assignee and window rules), with
 * the shop's time zone and an opaque id Meta hands back with the customer's answer.
 */
export async function sendOptinRequest(db: Db, ctx: ActorContext, input: z.infer<typeof sendOptinRequestInput>) {
  return sendAgentMessage(db, ctx, input.conversationId, async (locked, tx) => {
    if (locked.channelKind !== 'facebook') throw new UserError('invalid', 'Notification opt-in requests are a Messenger feature.');
    // Meta takes the request as a standard message only: never tagged, so only within 24 h.
    if (messengerReplyWindow(locked.conversation.lastCustomerMessageAt, new Date()).state !== 'open') {
      throw new UserError('conflict', 'An opt-in request can only be sent within 24 h of the customer’s last message.');
    }
    const [workspace] = await tx.select({ timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId)).limit(1);
    return {
      content: {
        kind: 'optin_request',
        title: input.title,
        payload: `baton-optin:${randomUUID()}`,
        frequency: input.frequency,
        timezone: workspace?.timezone ?? 'UTC',
      },
    };
  });
}
