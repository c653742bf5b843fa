import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { channels, contacts, conversations, messages, users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { isoWithOffset, pickTimeZone } from '@/lib/time/format';
import { toCsv, type CsvValue } from './csv';
import { storedFileId } from './own-files';

export const TRANSCRIPT_COLUMNS = ['Time', 'Sender kind', 'Sender name', 'Channel', 'Kind', 'Text', 'Attachment URLs', 'Note'] as const;

const channelLabels: Record<string, string> = { facebook: 'Messenger', instagram: 'Instagram', whatsapp: 'WhatsApp', line: 'LINE', x: 'X', apple: 'Apple Messages', web: 'Website chat' };

/** The workspace a conversation belongs to (the route checks the caller is a member of it). */
export async function conversationWorkspace(db: DbOrTx, conversationId: string): Promise<string | null> {
  const [row] = await db.select({ workspaceId: conversations.workspaceId }).from(conversations).where(eq(conversations.id, conversationId)).limit(1);
  return row?.workspaceId ?? null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

/** What a message said, as text: its body, or a description of its card. */
function messageText(kind: string, body: string | null, payload: Record<string, unknown> | null): string {
  if (body) return body;
  const p = payload ?? {};
  switch (kind) {
    case 'location': {
      const where = [str(p.name), str(p.address)].filter(Boolean).join(', ');
      const at = typeof p.latitude === 'number' && typeof p.longitude === 'number' ? `(${p.latitude}, ${p.longitude})` : '';
      return [where, at].filter(Boolean).join(' ');
    }
    case 'contact': {
      const cards = Array.isArray(p.contacts) ? (p.contacts as Record<string, unknown>[]) : [];
      return cards.map((c) => str(c.name) ?? str((c.name as Record<string, unknown> | undefined)?.formatted_name) ?? 'Contact').join('; ');
    }
    case 'article': {
      const a = (p.outbound as Record<string, unknown> | undefined)?.article as Record<string, unknown> | undefined;
      return [str(a?.title), str(a?.url)].filter(Boolean).join(' – ');
    }
    case 'product':
      return [str(p.name), typeof p.price === 'number' ? `${p.price} ${str(p.currency) ?? ''}`.trim() : null].filter(Boolean).join(' – ');
    default:
      return '';
  }
}

/**
 * An absolute link for the spreadsheet. Our own stored files get their members-only
 * address: a signed link (made for a platform to fetch the file) never leaves in an export.
 */
function attachmentLink(url: string, origin: string): string {
  const own = storedFileId(url);
  if (own) return `${origin}/api/files/${own}`;
  try {
    return new URL(url, origin).toString();
  } catch {
    return url;
  }
}

/**
 * A conversation's transcript as CSV, one row per message, oldest first: time, sender kind
 * and name, channel, kind, text, attachment URLs, note flag. Times are ISO 8601 with the
 * offset of `timeZone` (the exporting agent's), so a spreadsheet reads the wall-clock time
 * they saw and the exact instant. The export is audited.
 */
export async function exportTranscript(db: DbOrTx, ctx: ActorContext, input: { conversationId: string; origin: string; timeZone?: string }) {
  const zone = pickTimeZone(input.timeZone);
  const [conv] = await db
    .select({ id: conversations.id, contactName: contacts.name, channelKind: channels.kind, channelName: channels.name, createdAt: conversations.createdAt })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!conv) throw new UserError('not_found', 'This conversation does not exist.');

  const rows = await db
    .select({ message: messages, agentName: users.name })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(and(eq(messages.conversationId, conv.id), eq(messages.workspaceId, ctx.workspaceId)))
    .orderBy(asc(messages.createdAt), asc(messages.seq));

  const channel = channelLabels[conv.channelKind] ?? conv.channelKind;
  const senderName = (kind: string, agentName: string | null) =>
    kind === 'customer' ? conv.contactName : kind === 'agent' ? (agentName ?? 'Former agent') : kind === 'bot' ? 'Bot' : 'System';

  const table: CsvValue[][] = [
    [...TRANSCRIPT_COLUMNS],
    ...rows.map(({ message: m, agentName }) => [
      isoWithOffset(m.createdAt, zone),
      m.senderKind,
      senderName(m.senderKind, agentName),
      channel,
      m.kind,
      messageText(m.kind, m.body, m.payload),
      (m.attachments ?? []).map((a) => attachmentLink(a.url, input.origin)).join('\n'),
      m.kind === 'note' ? 'yes' : 'no',
    ]),
  ];

  await writeAudit(db, ctx, 'conversation.transcript_exported', { type: 'conversation', id: conv.id }, { messages: rows.length });
  const slug = conv.contactName.normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 40) || 'customer';
  return {
    filename: `transcript-${slug}-${isoWithOffset(conv.createdAt, zone).slice(0, 10)}.csv`,
    csv: toCsv(table),
    messageCount: rows.length,
  };
}
