import { createHmac, randomBytes } from 'node:crypto';
import { xSnowflake } from './ids';
import type { SignedWebhook } from './webhook-signing';

/**
 * Account Activity API deliveries as X sends them: {for_user_id, direct_message_events,
 * users}, signed with the app's consumer secret (x-twitter-webhooks-signature), and the CRC
 * challenge X sends to a webhook before it delivers anything.
 */

/** `sha256=<base64 HMAC-SHA256(consumer secret, message)>`: the webhook signature and the CRC answer. */
export function xSignature(body: string | Buffer, consumerSecret: string): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(body).digest('base64')}`;
}

export type XUser = { id: string; name: string; screenName: string; pictureUrl?: string };

export type XDirectMessageInput = {
  /** The subscribed account (the shop) the DM was sent to. */
  accountId: string;
  /** The customer who wrote. */
  sender: XUser;
  text?: string;
  /** The metadata of the quick-reply option the customer tapped. */
  quickReplyMetadata?: string;
  media?: { type: 'photo' | 'video' | 'animated_gif'; url: string };
  /** Sent by the account itself (an echo): sender is the account. */
  echo?: boolean;
  id?: string;
  timestamp?: number | Date;
};

export type XWebhookInput =
  | XDirectMessageInput
  | { typing: { accountId: string; sender: XUser } }
  | { read: { accountId: string; sender: XUser; lastReadEventId: string; timestamp?: number | Date } }
  | { payload: unknown };

const ms = (t: number | Date | undefined) => String(t instanceof Date ? t.getTime() : (t ?? Date.now()));

function users(...list: XUser[]): Record<string, unknown> {
  return Object.fromEntries(
    list.map((u) => [
      u.id,
      { id: u.id, name: u.name, screen_name: u.screenName, ...(u.pictureUrl ? { profile_image_url_https: u.pictureUrl } : {}) },
    ]),
  );
}

function dmPayload(input: XDirectMessageInput): { payload: Record<string, unknown>; id: string } {
  const id = input.id ?? xSnowflake();
  const media = input.media
    ? {
        id_str: xSnowflake(),
        type: input.media.type,
        media_url_https: input.media.url,
        url: 'https://t.co/aBcDeF1234',
        ...(input.media.type === 'photo'
          ? {}
          : { video_info: { variants: [{ bitrate: 832000, content_type: 'video/mp4', url: input.media.url }] } }),
      }
    : undefined;
  const text = [input.text ?? '', media ? String(media.url) : ''].filter(Boolean).join(' ');
  const messageData: Record<string, unknown> = { text, entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] } };
  if (media) messageData.attachment = { type: 'media', media };
  if (input.quickReplyMetadata !== undefined) messageData.quick_reply_response = { type: 'options', metadata: input.quickReplyMetadata };
  const account: XUser = { id: input.accountId, name: 'Shop', screenName: 'shop' };
  const [from, to] = input.echo ? [input.accountId, input.sender.id] : [input.sender.id, input.accountId];
  return {
    id,
    payload: {
      for_user_id: input.accountId,
      direct_message_events: [
        {
          type: 'message_create',
          id,
          created_timestamp: ms(input.timestamp),
          message_create: { target: { recipient_id: to }, sender_id: from, source_app_id: '268278', message_data: messageData },
        },
      ],
      apps: { '268278': { id: '268278', name: 'Twitter Web Client', url: 'http://twitter.com' } },
      users: users(input.sender, account),
    },
  };
}

export function signXPayload(payload: unknown, consumerSecret: string): SignedWebhook {
  const body = JSON.stringify(payload);
  return { body, headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': xSignature(body, consumerSecret) }, payload };
}

/** A signed Account Activity delivery (a DM, a typing or read event, or a whole payload). */
export function xWebhook(input: XWebhookInput, consumerSecret: string): SignedWebhook & { id?: string } {
  if ('payload' in input) return signXPayload(input.payload, consumerSecret);
  if ('typing' in input) {
    const { accountId, sender } = input.typing;
    return signXPayload(
      {
        for_user_id: accountId,
        direct_message_indicate_typing_events: [{ created_timestamp: ms(undefined), sender_id: sender.id, target: { recipient_id: accountId } }],
        users: users(sender),
      },
      consumerSecret,
    );
  }
  if ('read' in input) {
    const { accountId, sender, lastReadEventId, timestamp } = input.read;
    return signXPayload(
      {
        for_user_id: accountId,
        direct_message_mark_read_events: [
          { created_timestamp: ms(timestamp), sender_id: sender.id, target: { recipient_id: accountId }, last_read_event_id: lastReadEventId },
        ],
        users: users(sender),
      },
      consumerSecret,
    );
  }
  const { payload, id } = dmPayload(input);
  return { ...signXPayload(payload, consumerSecret), id };
}

/**
 * X's CRC check of a webhook URL: GET ?crc_token=… must answer 200 with
 * {"response_token":"sha256=<base64 HMAC of the token>"}. Resolves with whether it did.
 */
export async function checkXCrc(url: string, consumerSecret: string): Promise<{ valid: boolean; status: number; body: string }> {
  const token = randomBytes(24).toString('base64url');
  const target = new URL(url);
  target.searchParams.set('crc_token', token);
  const res = await fetch(target, { signal: AbortSignal.timeout(3000) });
  const body = await res.text();
  let answer: unknown;
  try {
    answer = JSON.parse(body);
  } catch {
    answer = undefined;
  }
  const expected = xSignature(token, consumerSecret);
  const valid = res.status === 200 && (answer as { response_token?: unknown } | undefined)?.response_token === expected;
  return { valid, status: res.status, body };
}
