import { lineMessageId, lineQuoteToken, lineReplyToken, ulid } from './ids';
import { signLinePayload, type SignedWebhook } from './webhook-signing';

/**
 * Builds LINE webhooks (LINE Messaging API): message events of any type, postback, follow and
 * unfollow, or raw events/payloads. Reply tokens can come from a FakeLine, so the app's
 * reply to the event is accepted there exactly once.
 */

type MediaRef = { id?: string; contentProvider?: { type: 'line' | 'external'; originalContentUrl?: string; previewImageUrl?: string } };

export type LineEventInput = {
  /** The bot's user id (the webhook's `destination`). */
  destination: string;
  userId: string;
  /** Overrides the source, e.g. { type: 'group', groupId, userId }. */
  source?: Record<string, unknown>;
  text?: string;
  image?: MediaRef;
  video?: MediaRef & { duration?: number };
  audio?: MediaRef & { duration?: number };
  file?: { id?: string; fileName: string; fileSize: number };
  location?: { title?: string; address?: string; latitude: number; longitude: number };
  sticker?: { packageId: string; stickerId: string; stickerResourceType?: string; keywords?: string[] };
  postback?: { data: string; params?: Record<string, string> };
  follow?: boolean;
  unfollow?: boolean;
  /** The message id (generated if absent; a media ref's id also sets it): the content id for media. */
  messageId?: string;
  quotedMessageId?: string;
  replyToken?: string;
  /** Issue the reply token from this fake, for `destination` and `userId`. */
  fakeLine?: { issueReplyToken(userId: string, options?: { botUserId?: string; ttlMs?: number }): string };
  webhookEventId?: string;
  timestamp?: number | Date;
  mode?: 'active' | 'standby';
  isRedelivery?: boolean;
  /** A raw message object merged over the generated one. */
  message?: Record<string, unknown>;
};

export type LineWebhookInput =
  | LineEventInput
  /** Raw events ([] is what the console's "Verify" button sends). */
  | { destination: string; events: unknown[] }
  | { payload: unknown };

export type BuiltLineEvent = { event: Record<string, unknown>; replyToken?: string; messageId?: string; webhookEventId: string };

export function lineEvent(input: LineEventInput): BuiltLineEvent {
  const timestamp = input.timestamp instanceof Date ? input.timestamp.getTime() : (input.timestamp ?? Date.now());
  const webhookEventId = input.webhookEventId ?? ulid(timestamp);
  const base: Record<string, unknown> = {
    mode: input.mode ?? 'active',
    timestamp,
    source: input.source ?? { type: 'user', userId: input.userId },
    webhookEventId,
    deliveryContext: { isRedelivery: input.isRedelivery ?? false },
  };
  const replyToken = () =>
    input.replyToken ?? input.fakeLine?.issueReplyToken(input.userId, { botUserId: input.destination }) ?? lineReplyToken();

  if (input.unfollow) return { event: { type: 'unfollow', ...base }, webhookEventId };
  if (input.follow) {
    const token = replyToken();
    return { event: { type: 'follow', ...base, replyToken: token, follow: { isUnblocked: false } }, replyToken: token, webhookEventId };
  }
  if (input.postback) {
    const token = replyToken();
    return { event: { type: 'postback', ...base, replyToken: token, postback: input.postback }, replyToken: token, webhookEventId };
  }

  const id = input.messageId ?? input.image?.id ?? input.video?.id ?? input.audio?.id ?? input.file?.id ?? lineMessageId();
  const message = buildMessage(input, id);
  const token = replyToken();
  return { event: { type: 'message', ...base, replyToken: token, message }, replyToken: token, messageId: id, webhookEventId };
}

function buildMessage(input: LineEventInput, id: string): Record<string, unknown> {
  const media = (ref: MediaRef) => ({ contentProvider: ref.contentProvider ?? { type: 'line' } });
  let content: Record<string, unknown>;
  if (input.text !== undefined) content = { type: 'text', text: input.text, quoteToken: lineQuoteToken() };
  else if (input.image) content = { type: 'image', ...media(input.image), quoteToken: lineQuoteToken() };
  else if (input.video) content = { type: 'video', duration: input.video.duration ?? 10_000, ...media(input.video), quoteToken: lineQuoteToken() };
  else if (input.audio) content = { type: 'audio', duration: input.audio.duration ?? 5_000, ...media(input.audio) };
  else if (input.file) content = { type: 'file', fileName: input.file.fileName, fileSize: input.file.fileSize };
  else if (input.location) content = { type: 'location', ...input.location };
  else if (input.sticker) content = { type: 'sticker', stickerResourceType: 'STATIC', ...input.sticker, quoteToken: lineQuoteToken() };
  else if (input.message) content = {};
  else throw new Error('lineEvent: give text, image, video, audio, file, location, sticker, postback, follow, unfollow or message');
  return {
    ...content,
    id,
    ...(input.quotedMessageId ? { quotedMessageId: input.quotedMessageId } : {}),
    ...input.message,
  };
}

/** A signed LINE webhook, with the reply token / message id / event id it carries. */
export function lineWebhook(input: LineWebhookInput, channelSecret: string): SignedWebhook & Partial<BuiltLineEvent> {
  if ('payload' in input) return signLinePayload(input.payload, channelSecret);
  if ('events' in input) return signLinePayload({ destination: input.destination, events: input.events }, channelSecret);
  const built = lineEvent(input);
  const signed = signLinePayload({ destination: input.destination, events: [built.event] }, channelSecret);
  return { ...signed, ...built };
}
