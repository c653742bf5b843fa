import { whatsappMessageId } from './ids';
import { signMetaPayload, type SignedWebhook } from './webhook-signing';

/**
 * Builds WhatsApp Cloud API webhooks (`object: "whatsapp_business_account"`): an inbound message of any type, delivery statuses (including failed ones with
 * errors[]), or raw messages/payloads a test needs.
 */

export type WhatsAppMediaInput = { mediaId: string; mimeType?: string; sha256?: string; caption?: string; filename?: string };

export type WhatsAppStatusInput = {
  /** The wamid the status is about. */
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  recipientId?: string;
  timestamp?: number | Date;
  /** For failed: becomes errors[0], e.g. { code: 131047, title: 'Re-engagement message', details: '…' }. */
  error?: { code: number; title: string; message?: string; details?: string };
  /** Extra fields merged in as is (conversation, pricing, errors…). */
  raw?: Record<string, unknown>;
};

export type WhatsAppWebhookInput =
  | {
      phoneNumberId: string;
      displayPhoneNumber?: string;
      wabaId?: string;
      /** The customer; needed for messages. */
      waId?: string;
      /** The customer's profile name. */
      name?: string;
      /** wamid of the inbound message (generated if absent). */
      id?: string;
      timestamp?: number | Date;
      text?: string;
      image?: WhatsAppMediaInput;
      video?: WhatsAppMediaInput;
      audio?: WhatsAppMediaInput;
      document?: WhatsAppMediaInput;
      sticker?: WhatsAppMediaInput;
      location?: { latitude: number; longitude: number; name?: string; address?: string };
      contacts?: Record<string, unknown>[];
      buttonReply?: { id: string; title: string };
      listReply?: { id: string; title: string; description?: string };
      /** A template quick-reply button. */
      button?: { payload: string; text: string };
      /** The wamid this message replies to (context). */
      replyTo?: { id: string; from?: string };
      /** A raw message object, merged over the generated from/id/timestamp. */
      message?: Record<string, unknown>;
      /** Raw messages[], used instead of the generated one. */
      messages?: unknown[];
      statuses?: WhatsAppStatusInput[];
    }
  | { payload: unknown };

const MEDIA = ['image', 'video', 'audio', 'document', 'sticker'] as const;
const seconds = (t: number | Date | undefined) =>
  String(Math.floor((t instanceof Date ? t.getTime() : (t ?? Date.now())) / 1000));

type MessageInput = Exclude<WhatsAppWebhookInput, { payload: unknown }>;

function buildMessage(input: MessageInput): Record<string, unknown> | undefined {
  const content: Record<string, unknown> = {};
  if (input.text !== undefined) Object.assign(content, { type: 'text', text: { body: input.text } });
  for (const type of MEDIA) {
    const media = input[type];
    if (!media) continue;
    content.type = type;
    content[type] = {
      id: media.mediaId,
      mime_type: media.mimeType ?? defaultMime(type),
      sha256: media.sha256 ?? 'sha256-not-given',
      ...(media.caption !== undefined ? { caption: media.caption } : {}),
      ...(media.filename !== undefined ? { filename: media.filename } : {}),
    };
  }
  if (input.location) Object.assign(content, { type: 'location', location: input.location });
  if (input.contacts) Object.assign(content, { type: 'contacts', contacts: input.contacts });
  if (input.buttonReply) Object.assign(content, { type: 'interactive', interactive: { type: 'button_reply', button_reply: input.buttonReply } });
  if (input.listReply) Object.assign(content, { type: 'interactive', interactive: { type: 'list_reply', list_reply: input.listReply } });
  if (input.button) Object.assign(content, { type: 'button', button: input.button });
  if (!content.type && !input.message) return undefined;
  if (!input.waId) throw new Error('whatsappWebhook: a message needs waId');
  return {
    from: input.waId,
    id: input.id ?? whatsappMessageId(),
    timestamp: seconds(input.timestamp),
    ...(input.replyTo ? { context: { from: input.replyTo.from ?? input.displayPhoneNumber ?? '15550001111', id: input.replyTo.id } } : {}),
    ...content,
    ...input.message,
  };
}

function buildStatus(status: WhatsAppStatusInput, waId: string | undefined): Record<string, unknown> {
  const recipient = status.recipientId ?? waId;
  if (!recipient) throw new Error('whatsappWebhook: a status needs recipientId or waId');
  return {
    id: status.id,
    status: status.status,
    timestamp: seconds(status.timestamp),
    recipient_id: recipient,
    ...(status.error
      ? {
          errors: [
            {
              code: status.error.code,
              title: status.error.title,
              message: status.error.message ?? status.error.title,
              ...(status.error.details ? { error_data: { details: status.error.details } } : {}),
            },
          ],
        }
      : {}),
    ...status.raw,
  };
}

function defaultMime(type: (typeof MEDIA)[number]): string {
  return { image: 'image/jpeg', video: 'video/mp4', audio: 'audio/ogg; codecs=opus', document: 'application/pdf', sticker: 'image/webp' }[type];
}

/** A signed WhatsApp webhook; `messageId` is the inbound wamid when one was built. */
export function whatsappWebhook(
  input: WhatsAppWebhookInput,
  appSecret: string,
  options: { escape?: boolean } = {},
): SignedWebhook & { messageId?: string } {
  if ('payload' in input) return signMetaPayload(input.payload, appSecret, options);
  const message = input.messages ? undefined : buildMessage(input);
  const messages = input.messages ?? (message ? [message] : undefined);
  const value: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: input.displayPhoneNumber ?? '15550001111', phone_number_id: input.phoneNumberId },
  };
  if (messages) {
    value.contacts = [{ profile: { name: input.name ?? 'Customer' }, wa_id: input.waId }];
    value.messages = messages;
  }
  if (input.statuses) value.statuses = input.statuses.map((s) => buildStatus(s, input.waId));
  if (!messages && !input.statuses) throw new Error('whatsappWebhook: give a message (text, image, …), messages or statuses');
  const payload = {
    object: 'whatsapp_business_account',
    entry: [{ id: input.wabaId ?? '102290129340398', changes: [{ value, field: 'messages' }] }],
  };
  return { ...signMetaPayload(payload, appSecret, options), messageId: message?.id as string | undefined };
}
