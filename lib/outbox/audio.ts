import { eq } from 'drizzle-orm';
import { getAdapter } from '@/channels';
import { AUDIO_TARGETS, planAudio } from '@/channels/shared/audio';
import { fileExtension } from '@/channels/shared/file-extension';
import type { ChannelKind, OutboundMessage } from '@/channels/types';
import type { Db } from '@/db/client';
import { messages } from '@/db/schema';
import type { Attachment } from '@/db/schema/messages';
import { ownFileId } from '@/lib/files/file-links';
import { signedFileUrl } from '@/lib/files/signed-url';
import { fileUrl, readFile, saveFile } from '@/lib/files/storage';
import { AudioError, convertAudio, probeAudio } from '@/lib/media/audio';

type MessageRow = typeof messages.$inferSelect;
type Media = Extract<OutboundMessage, { kind: 'media' }>;

/** What the outbox made of an agent's audio for its channel, kept on the message so a retry does not convert again. */
export type PreparedAudio = { fileId: string; mimeType: string; durationMs: number; originalFileId: string; converted: boolean };

const channelNames: Record<ChannelKind, string> = { facebook: 'Messenger', instagram: 'Instagram', whatsapp: 'WhatsApp', line: 'LINE', x: 'X', apple: 'Apple Messages', web: 'The website chat' };

export type AudioStep = { ok: true; content: OutboundMessage; message: MessageRow } | { ok: false; error: string };

/**
 * Before an agent's audio goes out: the stored recording or file is decoded and measured,
 * and converted when the channel does not take it as it is (a browser's WebM/Opus becomes
 * Ogg/Opus for WhatsApp, M4A for LINE, Messenger, Instagram and the website chat). The
 * result is a file of the workspace; the message then shows that file, with its length,
 * and the platform gets a signed link to it. Anything but our own stored audio passes.
 */
export async function prepareOutboundAudio(db: Db, message: MessageRow, content: OutboundMessage, channelKind: ChannelKind): Promise<AudioStep> {
  if (content.kind !== 'media' || content.mediaKind !== 'audio') return { ok: true, content, message };
  const rule = getAdapter(channelKind).rules.audio;
  if (!rule) return { ok: false, error: `${channelNames[channelKind]} cannot receive audio messages` };

  const kept = (message.payload as { audio?: PreparedAudio } | null)?.audio;
  if (kept) return { ok: true, content: linked(content, kept, channelKind), message };

  const originalFileId = ownFileId(content.url);
  if (!originalFileId) return { ok: true, content, message };
  const original = await readFile(db, message.workspaceId, originalFileId);
  if (!original) return { ok: false, error: 'The audio file no longer exists; record or attach it again' };

  try {
    const facts = await probeAudio(original.data, original.file.mimeType);
    const plan = planAudio(rule, facts);
    let file = original.file;
    let durationMs = facts.durationMs;
    if (plan.action === 'convert') {
      const converted = await convertAudio(original.data, facts, plan.target);
      const base = original.file.name.replace(/\.[a-z0-9]{1,5}$/i, '') || 'Voice message';
      file = await saveFile(db, message.workspaceId, { data: converted.data, name: `${base}.${converted.extension}`, mimeType: converted.mimeType });
      durationMs = converted.durationMs;
    }
    if (file.size > rule.maxBytes) {
      return { ok: false, error: `${channelNames[channelKind]} takes audio up to ${rule.maxBytes / (1024 * 1024)} MB (this one is ${(file.size / (1024 * 1024)).toFixed(1)} MB)` };
    }
    const prepared: PreparedAudio = { fileId: file.id, mimeType: file.mimeType, durationMs, originalFileId, converted: plan.action === 'convert' };
    const attachment: Attachment = { kind: 'audio', url: fileUrl(file.id), name: file.name, mimeType: file.mimeType, size: file.size, durationMs };
    const sent = linked(content, prepared, channelKind);
    // The stored outbound content becomes what is sent (the prepared file), as the history shows it.
    const [updated] = await db
      .update(messages)
      .set({ attachments: [attachment], payload: { ...(message.payload ?? {}), outbound: sent, audio: prepared } })
      .where(eq(messages.id, message.id))
      .returning();
    return { ok: true, content: sent, message: updated ?? message };
  } catch (error) {
    if (!(error instanceof AudioError)) throw error;
    const target = AUDIO_TARGETS[rule.target].label;
    return { ok: false, error: `The audio could not be prepared for ${channelNames[channelKind]} (${target}): ${error.message}` };
  }
}

/** The content as sent: the prepared file's link (signed anew on the stored link's origin for a platform), type and length. */
function linked(content: Media, prepared: PreparedAudio, channelKind: ChannelKind): Media {
  const url = channelKind === 'web' ? fileUrl(prepared.fileId) : signedFileUrl(prepared.fileId, { origin: new URL(content.url).origin });
  const name = content.name ? `${content.name.replace(/\.[a-z0-9]{1,5}$/i, '')}.${fileExtension(prepared.mimeType, 'audio')}` : undefined;
  return { ...content, url, mimeType: prepared.mimeType, durationMs: prepared.durationMs, ...(name ? { name } : {}) };
}

