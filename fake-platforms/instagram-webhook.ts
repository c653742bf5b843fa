import { instagramMessageId } from './ids';
import { signMetaPayload, type SignedWebhook } from './webhook-signing';

/**
 * Builds Instagram webhooks (`object: "instagram"`, Messenger Platform for Instagram) as Meta
 * sends them: a DM with text or attachments, a reply to the shop's story, a story mention,
 * a shared post, a reaction, an unsent message, an echo; or a whole payload.
 */

export type InstagramEventInput = {
  /** The shop's Instagram account id (entry[].id and recipient.id). */
  igId: string;
  /** The customer's Instagram-scoped id. */
  igsid: string;
  text?: string;
  /** e.g. [{ type: 'image', payload: { url } }], { type: 'story_mention', payload: { url } }, { type: 'ig_post', payload: { url, title } } */
  attachments?: { type: string; payload: Record<string, unknown> }[];
  quickReplyPayload?: string;
  /** A tapped button of a generic template. */
  postback?: { title: string; payload: string };
  /** A reply to the shop's story. */
  storyReply?: { id: string; url: string };
  /** A reaction to a message (mid); no emoji = taken back. */
  reaction?: { mid: string; emoji?: string };
  /** The customer unsent this message. */
  deletedMid?: string;
  /** Sent by the shop itself (from the Instagram app): sender is the account. */
  echo?: boolean;
  mid?: string;
  timestamp?: number | Date;
};

export type InstagramWebhookInput = InstagramEventInput | { payload: unknown };

const ms = (t: number | Date | undefined) => (t instanceof Date ? t.getTime() : (t ?? Date.now()));

export function instagramEvent(input: InstagramEventInput): { event: Record<string, unknown>; mid?: string } {
  const timestamp = ms(input.timestamp);
  const user = { id: input.igsid };
  const account = { id: input.igId };
  const base = input.echo ? { sender: account, recipient: user, timestamp } : { sender: user, recipient: account, timestamp };
  if (input.reaction) {
    const { mid, emoji } = input.reaction;
    return { event: { ...base, reaction: emoji ? { mid, action: 'react', reaction: 'love', emoji } : { mid, action: 'unreact' } } };
  }
  if (input.deletedMid) return { event: { ...base, message: { mid: input.deletedMid, is_deleted: true } }, mid: input.deletedMid };

  const mid = input.mid ?? instagramMessageId();
  if (input.postback) return { event: { ...base, postback: { mid, ...input.postback } }, mid };
  const text = input.text ?? input.quickReplyPayload;
  if (text === undefined && !input.attachments?.length) throw new Error('instagramEvent: give text, attachments, postback, reaction or deletedMid');
  const message: Record<string, unknown> = { mid };
  if (input.echo) message.is_echo = true;
  if (text !== undefined) message.text = text;
  if (input.attachments?.length) message.attachments = input.attachments;
  if (input.quickReplyPayload !== undefined) message.quick_reply = { payload: input.quickReplyPayload };
  if (input.storyReply) message.reply_to = { story: input.storyReply };
  return { event: { ...base, message }, mid };
}

/** A signed Instagram webhook; the body uses Meta's escaping unless { escape: false }. */
export function instagramWebhook(input: InstagramWebhookInput, appSecret: string, options: { escape?: boolean } = {}): SignedWebhook & { mid?: string } {
  if ('payload' in input) return signMetaPayload(input.payload, appSecret, options);
  const { event, mid } = instagramEvent(input);
  const payload = { object: 'instagram', entry: [{ id: input.igId, time: event.timestamp, messaging: [event] }] };
  return { ...signMetaPayload(payload, appSecret, options), mid };
}
