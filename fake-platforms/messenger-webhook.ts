import { messengerMessageId } from './ids';
import { signMetaPayload, type SignedWebhook } from './webhook-signing';

/**
 * Builds Messenger webhooks (`object: "page"`, Messenger Platform) as Meta sends them: a
 * message, quick reply, attachment, postback, echo, or delivery/read watermark, or any raw
 * events/payload a test needs.
 */

export type MessengerEventInput = {
  pageId: string;
  psid: string;
  text?: string;
  /** e.g. [{ type: 'image', payload: { url: 'https://…' } }] */
  attachments?: { type: string; payload: Record<string, unknown> }[];
  /** A tapped quick reply: the text is its title (defaults to the payload). */
  quickReplyPayload?: string;
  /** The mid this message replies to. */
  replyToMid?: string;
  postback?: { title: string; payload: string; referral?: Record<string, unknown> };
  /** Sent by the page itself (from the Page inbox or another app): sender is the page. */
  echo?: { appId?: string; metadata?: string };
  read?: { watermark: number | Date };
  delivery?: { watermark: number | Date; mids?: string[] };
  /** A `messaging_optins` event's `optin` (FakeMeta.acceptOptin gives one for notification opt-ins). */
  optin?: Record<string, unknown>;
  mid?: string;
  timestamp?: number | Date;
};

export type MessengerWebhookInput =
  | MessengerEventInput
  /** Raw messaging[] events under one page entry. */
  | { pageId: string; events: unknown[]; time?: number }
  /** A whole payload, sent as is. */
  | { payload: unknown };

const ms = (t: number | Date | undefined) => (t instanceof Date ? t.getTime() : (t ?? Date.now()));

/** One messaging[] event, plus the mid it carries (for messages and postbacks). */
export function messengerEvent(input: MessengerEventInput): { event: Record<string, unknown>; mid?: string } {
  const timestamp = ms(input.timestamp);
  const user = { id: input.psid };
  const page = { id: input.pageId };
  const base = input.echo
    ? { sender: page, recipient: user, timestamp }
    : { sender: user, recipient: page, timestamp };

  if (input.read) return { event: { ...base, read: { watermark: ms(input.read.watermark) } } };
  if (input.optin) return { event: { ...base, optin: input.optin } };
  if (input.delivery) {
    const delivery = { watermark: ms(input.delivery.watermark), ...(input.delivery.mids ? { mids: input.delivery.mids } : {}) };
    return { event: { ...base, delivery } };
  }
  const mid = input.mid ?? messengerMessageId();
  if (input.postback) return { event: { ...base, postback: { mid, ...input.postback } }, mid };

  const text = input.text ?? input.quickReplyPayload;
  if (text === undefined && !input.attachments?.length) {
    throw new Error('messengerEvent: give text, attachments, quickReplyPayload, postback, read, delivery or optin');
  }
  const message: Record<string, unknown> = { mid };
  if (input.echo) Object.assign(message, { is_echo: true, app_id: input.echo.appId ?? '1517776481860111', ...(input.echo.metadata ? { metadata: input.echo.metadata } : {}) });
  if (text !== undefined) message.text = text;
  if (input.attachments?.length) message.attachments = input.attachments;
  if (input.quickReplyPayload !== undefined) message.quick_reply = { payload: input.quickReplyPayload };
  if (input.replyToMid) message.reply_to = { mid: input.replyToMid };
  return { event: { ...base, message }, mid };
}

/**
 * A signed Messenger webhook. By default the body uses Meta's escaping (non-ASCII as \uXXXX,
 * "/" as "\/"); pass { escape: false } for plain JSON.stringify.
 */
export function messengerWebhook(
  input: MessengerWebhookInput,
  appSecret: string,
  options: { escape?: boolean } = {},
): SignedWebhook & { mid?: string } {
  if ('payload' in input) return signMetaPayload(input.payload, appSecret, options);
  if ('events' in input) {
    const payload = { object: 'page', entry: [{ id: input.pageId, time: input.time ?? Date.now(), messaging: input.events }] };
    return signMetaPayload(payload, appSecret, options);
  }
  const { event, mid } = messengerEvent(input);
  const payload = { object: 'page', entry: [{ id: input.pageId, time: event.timestamp, messaging: [event] }] };
  return { ...signMetaPayload(payload, appSecret, options), mid };
}
