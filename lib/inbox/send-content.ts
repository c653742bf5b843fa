import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { OutboundMessage } from '@/channels/types';
import type { Db } from '@/db/client';
import { files } from '@/db/schema';
import type { Attachment } from '@/db/schema/messages';
import type { ActorContext } from '@/lib/auth/action-core';
import { checkPublicHttpUrl } from '@/lib/composer/links';
import { UserError } from '@/lib/errors';
import { fileUrl } from '@/lib/files/storage';
import { signedFileUrl } from '@/lib/files/signed-url';
import { sendAgentMessage, type PreparedSend } from './send-agent-message';

const caption = z.string().trim().max(1000, 'Keep the caption under 1,000 characters').optional();
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep the ${label} under ${max} characters`)
    .optional()
    .transform((v) => v || undefined);

/** Anything an agent sends besides plain text and templates. */
export const sendContentInput = z.object({
  conversationId: z.uuid(),
  content: z.discriminatedUnion('kind', [
    // A file the agent uploaded (POST /api/files) to this workspace.
    z.object({ kind: z.literal('file'), fileId: z.uuid(), caption }),
    // Media by link: it must be public, since the customer's app fetches it.
    z.object({
      kind: z.literal('link'),
      mediaKind: z.enum(['image', 'video', 'file']),
      url: z.string().trim().min(1, 'Paste a link').max(2000, 'The link is too long'),
      caption,
    }),
    z.object({
      kind: z.literal('location'),
      latitude: z.coerce.number('Enter a latitude').min(-90, 'Latitude is between -90 and 90').max(90, 'Latitude is between -90 and 90'),
      longitude: z.coerce.number('Enter a longitude').min(-180, 'Longitude is between -180 and 180').max(180, 'Longitude is between -180 and 180'),
      name: optionalText(100, 'place name'),
      address: optionalText(300, 'address'),
    }),
    z.object({
      kind: z.literal('contact'),
      name: z.string().trim().min(1, 'Enter the contact’s name').max(100, 'Keep the name under 100 characters'),
      phones: z
        .array(z.string().trim().regex(/^\+?[0-9 ().-]{3,30}$/, 'Enter phone numbers with digits only, e.g. +66 2 026 3311'))
        .min(1, 'Add a phone number')
        .max(5, 'At most 5 phone numbers'),
      emails: z.array(z.email('Enter a valid email')).max(5, 'At most 5 emails').optional(),
    }),
  ]),
});

export type SendContentInput = z.infer<typeof sendContentInput>;
/** What the composer sends (before parsing). */
export type SendContentPayload = z.input<typeof sendContentInput>['content'];

/**
 * An attachment, a media link, a location or a contact card, under the same rules as a
 * reply (claim, window, channel kinds). An uploaded file goes out to Messenger, WhatsApp
 * and LINE as an absolute signed, expiring URL on `origin` (so the platform can fetch it
 * without signing in), while the history keeps the permanent member-only link.
 */
export async function sendContent(db: Db, ctx: ActorContext, input: SendContentInput, options: { origin: string }) {
  return sendAgentMessage(db, ctx, input.conversationId, async ({ channelKind }, tx): Promise<PreparedSend> => {
    const c = input.content;
    switch (c.kind) {
      case 'file': {
        const [file] = await tx
          .select()
          .from(files)
          .where(and(eq(files.id, c.fileId), eq(files.workspaceId, ctx.workspaceId)))
          .limit(1);
        if (!file) throw new UserError('not_found', 'This file does not exist. Upload it again.');
        const mediaKind = mediaKindOf(file.mimeType);
        const content: OutboundMessage = {
          kind: 'media',
          mediaKind,
          // The website chat is our own client: it gets its own signed, non-expiring widget link
          // for our files (lib/widget/render.ts); the platforms fetch an expiring public one.
          url: channelKind === 'web' ? fileUrl(file.id) : signedFileUrl(file.id, { origin: options.origin }),
          name: file.name,
          ...(c.caption ? { caption: c.caption } : {}),
        };
        const attachment: Attachment = { kind: mediaKind, url: fileUrl(file.id), name: file.name, mimeType: file.mimeType, size: file.size };
        return { content, attachments: [attachment] };
      }
      case 'link': {
        const checked = checkPublicHttpUrl(c.url);
        if (!checked.ok) throw new UserError('invalid', checked.reason);
        return {
          content: { kind: 'media', mediaKind: c.mediaKind, url: checked.url, ...(c.caption ? { caption: c.caption } : {}) },
        };
      }
      case 'location':
        return {
          content: {
            kind: 'location',
            latitude: c.latitude,
            longitude: c.longitude,
            ...(c.name ? { name: c.name } : {}),
            ...(c.address ? { address: c.address } : {}),
          },
        };
      case 'contact':
        return {
          content: {
            kind: 'contact',
            contact: { name: c.name, phones: c.phones, ...(c.emails && c.emails.length > 0 ? { emails: c.emails } : {}) },
          },
        };
    }
  });
}

function mediaKindOf(mimeType: string): 'image' | 'video' | 'audio' | 'file' {
  if (/^image\/(png|jpeg|gif|webp)$/.test(mimeType)) return 'image';
  if (mimeType.startsWith('audio/')) return 'audio';
  if (mimeType.startsWith('video/')) return 'video';
  return 'file';
}
