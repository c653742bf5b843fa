import type {
  ApiEndpoints,
  ChannelCredentials,
  ChannelKind,
  InboundMedia,
  OutboundMessage,
  ParseResult,
  ReplyWindow,
  SendContext,
  SendResult,
} from './types';
import type { DownloadOptions } from './shared/download';
import type { RequestOptions, SendFailure } from './shared/http';
import type { AudioRule } from './shared/audio';
import type { MediaLimits } from './shared/media-limits';

export type { DownloadOptions, MediaLimits, RequestOptions, SendFailure };

/** Channels reached through a platform's webhook and HTTP API; the website widget is not one. */
export type MessagingKind = Exclude<ChannelKind, 'web'>;

/** The platform endpoints plus the account we act as (page id, phone_number_id, LINE bot user id). */
export type ApiTarget = ApiEndpoints & { accountId: string };

/** What the composer may offer on a channel, so it never queues a message the adapter would refuse. */
export type ChannelRules = {
  outboundKinds: readonly OutboundMessage['kind'][];
  /** Longest text message the platform takes. */
  maxTextLength: number;
  /** Most quick replies shown as chips; more fall back to a list or numbered text. */
  maxQuickReplies: number;
  /** Attachments the platform takes, by kind, checked before a send (absent: the platform's answer decides). */
  mediaLimits?: MediaLimits;
  /** Audio messages: the formats taken as they are and the one a recording is converted to (absent: the channel takes no audio). */
  audio?: AudioRule;
};

/** Shared by every channel, including the widget. */
export interface ChannelBase<K extends ChannelKind> {
  kind: K;
  rules: ChannelRules;
  replyWindow(lastCustomerMessageAt: Date | null, now: Date): ReplyWindow;
}

export interface ChannelAdapter<K extends MessagingKind> extends ChannelBase<K> {
  /** Constant-time check on the exact raw bytes. Missing header → false. */
  verifySignature(rawBody: Buffer, headers: Headers, credentials: ChannelCredentials[K]): boolean;
  /** Meta's GET handshake, X's CRC challenge: the body to answer, or null (→ 403). */
  verifyHandshake?(params: URLSearchParams, credentials: ChannelCredentials[K]): string | null;
  /** The handshake answer's content type when it is not plain text (X answers JSON). */
  handshakeContentType?: string;
  /**
   * The body's JSON bytes when the platform packs them (Apple gzips): null when unreadable
   * or larger than `maxBytes` unpacked (→ 400). Called after verifySignature.
   */
  decodeBody?(rawBody: Buffer, headers: Headers, maxBytes: number): Buffer | null;
  /**
   * Never throws: malformed JSON or shape → { ok:false, error }. Unknown event kinds →
   * 'unsupported' (kept, visible), never dropped. Batches are processed in order.
   */
  parseWebhook(rawBody: string): ParseResult;
  /** The platform account id(s) the payload is addressed to, so a route can refuse one meant for another channel. */
  accountIds(rawBody: string): string[];
  /** Never throws: every failure is a SendResult with `retryable` decided. */
  send(
    message: OutboundMessage,
    ctx: SendContext,
    credentials: ChannelCredentials[K],
    api: ApiTarget,
    options?: RequestOptions,
  ): Promise<SendResult>;
  /** WhatsApp: tell the customer their message was read (blue ticks). */
  markAsRead?(
    externalMessageId: string,
    credentials: ChannelCredentials[K],
    api: ApiTarget,
    options?: RequestOptions,
  ): Promise<{ ok: true } | SendFailure>;
  /** Best effort: null when the platform does not say (not a friend, no permission, network). */
  fetchProfile?(
    externalId: string,
    credentials: ChannelCredentials[K],
    api: ApiTarget,
    options?: RequestOptions,
  ): Promise<{ name?: string; avatarUrl?: string; language?: string; /** Instagram's @handle. */ username?: string } | null>;
  /** Throws MediaDownloadError (code 'too_large' past maxBytes, 'auth' on 401/403, …). */
  downloadMedia?(
    media: InboundMedia,
    credentials: ChannelCredentials[K],
    api: ApiTarget,
    options: DownloadOptions,
  ): Promise<{ data: Buffer; mimeType: string; name?: string }>;
}
