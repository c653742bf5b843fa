import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { contacts, conversations, messages } from '@/db/schema';
import { getBoss, jobQueues } from '@/lib/jobs/boss';
import { mailConfigured } from '@/lib/mail/settings';
import type { TranscriptLine } from '@/lib/mail/transcript';
import { visitorConversations, type Visitor, type WidgetChannel } from './context';
import { WidgetError } from './errors';
import { channelMessagesWithAuthors, toViews, visibleToVisitor } from './messages';
import { readWidgetSettings } from './settings-shape';
import type { WidgetMessageView } from './types';

// "Email me the transcript": the visitor asks for their own conversation, by the visitor
// token (the conversation is looked up among theirs, never taken on the request's word);
// the email goes out from the durable job queue (transcript-email.ts), so a slow or
// failing SMTP server delays nobody and is retried.

export const transcriptInput = z.object({
  email: z.string('Enter an email address like name@example.com').trim().toLowerCase().pipe(z.email('Enter an email address like name@example.com').max(200, 'Keep the email under 200 characters')),
  /** The conversation to send; the visitor's latest on this channel when absent. */
  conversationId: z.uuid('Unknown conversation').optional(),
});

export type TranscriptJob = { workspaceId: string; channelId: string; conversationId: string; contactId: string; to: string };

/** Whether the widget offers the button: the channel's setting is on and the shop can send email. */
export async function transcriptOffered(db: DbOrTx, channel: WidgetChannel): Promise<boolean> {
  return readWidgetSettings(channel.channel.settings).transcriptEmail && (await mailConfigured(db, channel.channel.workspaceId));
}

/** The visitor's conversation on this channel: the one named when it is theirs, else their latest. */
async function visitorConversation(db: DbOrTx, channel: WidgetChannel, visitor: Visitor, conversationId?: string) {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        visitorConversations(channel, visitor),
        conversationId ? eq(conversations.id, conversationId) : undefined,
      ),
    )
    .orderBy(desc(conversations.createdAt))
    .limit(1);
  return row ?? null;
}

/** What the dialog is prefilled with: the email the shop or a form gave for this visitor. */
export async function transcriptDefaults(db: DbOrTx, channel: WidgetChannel, visitor: Visitor): Promise<{ email: string | null; offered: boolean }> {
  const [contact] = await db
    .select({ email: contacts.email })
    .from(contacts)
    .where(and(eq(contacts.id, visitor.contactId), eq(contacts.workspaceId, channel.channel.workspaceId)))
    .limit(1);
  return { email: contact?.email ?? null, offered: await transcriptOffered(db, channel) };
}

/** Queues the email of the visitor's own conversation to the address they gave. */
export async function requestTranscript(db: Db, channel: WidgetChannel, visitor: Visitor, input: z.infer<typeof transcriptInput>): Promise<{ queued: true; email: string }> {
  if (!(await transcriptOffered(db, channel))) throw new WidgetError(409, 'transcript_off', 'This chat does not send transcripts by email.');
  const conversation = await visitorConversation(db, channel, visitor, input.conversationId);
  if (!conversation) throw new WidgetError(404, 'not_found', 'There is no conversation to send yet.');
  const job: TranscriptJob = { workspaceId: channel.channel.workspaceId, channelId: channel.channel.id, conversationId: conversation.id, contactId: visitor.contactId, to: input.email };
  const boss = await getBoss();
  await boss.send(jobQueues.transcriptEmail, job);
  return { queued: true, email: input.email };
}

/** One message as a transcript line: its text, and what it carried named in words. */
function lineText(m: WidgetMessageView): string {
  const parts: string[] = [];
  if (m.text) parts.push(m.text);
  for (const a of m.attachments) parts.push(`[${a.kind === 'image' ? 'Image' : 'File'}${a.name ? `: ${a.name}` : ''}]`);
  if (m.product) parts.push(`[Product: ${m.product.name}${m.product.price ? `, ${m.product.price}` : ''}]`);
  if (m.article) parts.push(`[Article: ${m.article.title} ${m.article.url}]`);
  if (m.location && !m.text) parts.push(`[Location: ${m.location.mapUrl}]`);
  if (m.contact && !m.text) parts.push(`[Contact: ${m.contact.name}]`);
  return parts.join('\n') || '[Message]';
}

/**
 * The conversation as the visitor saw it (their messages and the replies that reached them;
 * internal notes and status lines never), oldest first, with who wrote each line.
 */
export async function transcriptLines(db: DbOrTx, channel: WidgetChannel, conversationId: string, visitorName: string): Promise<TranscriptLine[]> {
  const settings = readWidgetSettings(channel.channel.settings);
  const rows = await channelMessagesWithAuthors(db, channel, and(eq(messages.conversationId, conversationId), visibleToVisitor())).orderBy(
    asc(messages.createdAt),
    asc(messages.seq),
  );
  const views = await toViews(db, channel, rows);
  return views.map((m) => ({
    at: new Date(m.createdAt),
    author: m.from === 'visitor' ? visitorName : settings.agentDisplay === 'shop' || !m.authorName ? settings.title : m.authorName,
    text: lineText(m),
  }));
}
