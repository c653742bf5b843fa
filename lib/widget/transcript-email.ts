import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { channels, contacts, conversations, workspaces } from '@/db/schema';
import { withCredentials } from '@/lib/channel-config/load';
import { recordNote } from '@/lib/conversations/note';
import { OutsideUrlRefused } from '@/lib/http/outside-fetch';
import { loadSmtpSettings } from '@/lib/mail/settings';
import { formatTranscript } from '@/lib/mail/transcript';
import { sendEmail } from '@/lib/mail/transport';
import { publish } from '@/lib/realtime/publisher';
import type { WidgetChannel } from './context';
import { transcriptLines, type TranscriptJob } from './transcript';

// The transcript-email job: builds the transcript when it runs (so it holds everything the
// visitor saw until then), sends it through the shop's SMTP server, and tells the agents
// with a status line in the conversation (through the one writer). A failure that may pass
// (the server down, a 4xx) throws, and the job is retried; one that will not (the address
// refused, a 5xx, the settings removed) is told in the conversation instead.

export type TranscriptOutcome = 'sent' | 'refused' | 'gone';

/** Whether an SMTP failure is worth trying again later. */
function isLasting(error: unknown): boolean {
  if (error instanceof OutsideUrlRefused) return true;
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500;
}

async function loadJobWorld(db: Db, job: TranscriptJob) {
  const [row] = await db
    .select({ channel: channels, contactName: contacts.name, timeZone: workspaces.timezone })
    .from(conversations)
    .innerJoin(channels, and(eq(channels.id, conversations.channelId), eq(channels.workspaceId, conversations.workspaceId)))
    .innerJoin(contacts, and(eq(contacts.id, conversations.contactId), eq(contacts.workspaceId, conversations.workspaceId)))
    .innerJoin(workspaces, eq(workspaces.id, conversations.workspaceId))
    .where(
      and(
        eq(conversations.id, job.conversationId),
        eq(conversations.workspaceId, job.workspaceId),
        eq(conversations.channelId, job.channelId),
        eq(conversations.contactId, job.contactId),
        eq(channels.kind, 'web'),
      ),
    )
    .limit(1);
  if (!row) return null;
  const channel = withCredentials(row.channel as typeof row.channel & { kind: 'web' }) as WidgetChannel;
  return { channel, visitorName: row.contactName?.trim() || 'You', timeZone: row.timeZone };
}

async function statusLine(db: Db, job: TranscriptJob, text: string, event: string, payload: Record<string, unknown>) {
  const recorded = await db.transaction((tx) => recordNote(tx, { workspaceId: job.workspaceId, conversationId: job.conversationId, text, event, actorUserId: null, payload }));
  await publish(recorded.events);
}

export async function emailTranscript(db: Db, job: TranscriptJob): Promise<TranscriptOutcome> {
  const world = await loadJobWorld(db, job);
  if (!world) return 'gone';
  const smtp = await loadSmtpSettings(db, job.workspaceId);
  if (!smtp) {
    await statusLine(db, job, `The transcript could not be emailed to ${job.to}: the shop's email (SMTP) settings were removed`, 'transcript_email_failed', { to: job.to });
    return 'refused';
  }
  const lines = await transcriptLines(db, world.channel, job.conversationId, world.visitorName);
  const email = formatTranscript({ shopName: smtp.fromName, timeZone: world.timeZone, lines });
  try {
    await sendEmail(smtp, { to: job.to, ...email });
  } catch (error) {
    if (!isLasting(error)) throw error;
    const reason = error instanceof Error ? error.message.slice(0, 200) : 'the server refused it';
    await statusLine(db, job, `The transcript could not be emailed to ${job.to}: ${reason}`, 'transcript_email_failed', { to: job.to, reason });
    return 'refused';
  }
  await statusLine(db, job, `Transcript emailed to ${job.to}`, 'transcript_emailed', { to: job.to, messages: lines.length });
  return 'sent';
}
