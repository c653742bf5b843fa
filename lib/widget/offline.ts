import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { contacts } from '@/db/schema';
import type { Visitor, WidgetChannel } from './context';
import { sendText, sendTextInput, type SendResult } from './messages';

// The offline form: while nobody can answer, a visitor leaves their email and a message.
// The email goes on the contact (so agents can write back), then the message takes the
// usual path in (contact, conversation opened as a request, routing), to be answered later.

export const offlineMessageInput = z.object({
  clientId: sendTextInput.shape.clientId,
  email: z.string().trim().toLowerCase().pipe(z.email('Enter an email address like name@example.com').max(200, 'Keep the email under 200 characters')),
  text: sendTextInput.shape.text,
});

export async function sendOfflineMessage(db: Db, channel: WidgetChannel, visitor: Visitor, input: z.infer<typeof offlineMessageInput>): Promise<SendResult> {
  // A customer the shop identified keeps the email the shop's server vouched for.
  if (!visitor.profile.verified) {
    await db
      .update(contacts)
      .set({ email: input.email, updatedAt: new Date() })
      .where(and(eq(contacts.id, visitor.contactId), eq(contacts.workspaceId, channel.channel.workspaceId)));
  }
  // A request for people: the bot's welcome would answer a visitor who has already left.
  return sendText(db, channel, visitor, { clientId: input.clientId, text: input.text }, { asRequest: true });
}
