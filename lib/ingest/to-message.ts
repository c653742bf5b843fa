import type { MessageReference, NormalizedContent } from '@/channels/types';
import type { Attachment, MessageKind } from '@/db/schema/messages';
import { toAttachment } from './media';

export type MessageFields = {
  kind: MessageKind;
  body: string | null;
  attachments: Attachment[];
  payload: Record<string, unknown> | null;
};

/**
 * How a normalized piece of content is stored. Platform media has been through
 * media.ts first: a Baton file URL, or marked unavailable with its source.
 */
export function contentToMessage(content: NormalizedContent, raw?: unknown, reference?: MessageReference): MessageFields {
  const fields = fieldsOf(content, raw);
  // What an Instagram message is about (a story, a shared post) rides beside its content.
  return reference ? { ...fields, payload: { ...(fields.payload ?? {}), reference } } : fields;
}

function fieldsOf(content: NormalizedContent, raw?: unknown): MessageFields {
  switch (content.kind) {
    case 'text':
      return { kind: 'text', body: content.text, attachments: [], payload: content.payload ? { quickReplyPayload: content.payload } : null };
    case 'postback':
      return { kind: 'text', body: content.title, attachments: [], payload: { postbackPayload: content.payload } };
    case 'media': {
      const attachments: Attachment[] = content.media.map(toAttachment);
      return { kind: content.media[0]?.kind ?? 'file', body: content.caption ?? null, attachments, payload: null };
    }
    case 'location':
      return {
        kind: 'location',
        body: [content.name, content.address].filter(Boolean).join(', ') || null,
        attachments: [],
        payload: { latitude: content.latitude, longitude: content.longitude, name: content.name, address: content.address },
      };
    case 'contacts':
      return {
        kind: 'contact',
        body: content.contacts.map((c) => c.name).join(', ') || null,
        attachments: [],
        payload: { contacts: content.contacts },
      };
    case 'unsupported':
      return { kind: 'unsupported', body: content.description, attachments: [], payload: { raw: raw ?? null } };
  }
}
