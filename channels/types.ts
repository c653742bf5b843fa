// The contract between the messaging channels and the rest of Baton. Adapters in
// channels/<kind>/ turn platform webhooks into NormalizedEvents and OutboundMessages into
// platform API calls. They never touch the database.

export type ChannelKind = 'facebook' | 'instagram' | 'whatsapp' | 'line' | 'x' | 'apple' | 'web';

export type MediaKind = 'image' | 'video' | 'audio' | 'file' | 'sticker';

/** Media in an inbound message: either a URL the platform gave, or an id to download by. */
export type InboundMedia = {
  kind: MediaKind;
  url?: string;
  /** WhatsApp media id or LINE message id, for content served by the platform's API. */
  mediaId?: string;
  mimeType?: string;
  name?: string;
  size?: number;
  sha256?: string;
  /** Audio: its length as the platform gives it (LINE's `duration`, ms). */
  durationMs?: number;
  /** Apple: the file is AES-encrypted on Apple's MMCS; its owner and signature fetch it, `key` ("00" + hex) decrypts it. */
  encrypted?: { owner: string; signature: string; key: string };
};

export type ContactCard = { name: string; phones: string[]; emails?: string[] };

/** What a customer sent, independent of the platform. */
export type NormalizedContent =
  | { kind: 'text'; text: string; /** quick-reply / button payload behind the text */ payload?: string }
  | { kind: 'postback'; title: string; payload: string }
  | { kind: 'media'; media: InboundMedia[]; caption?: string }
  | { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  | { kind: 'contacts'; contacts: ContactCard[] }
  | { kind: 'unsupported'; description: string };

/**
 * What an Instagram message points at besides its own content: the shop's story the
 * customer answered, a story of theirs mentioning the shop, or a post or reel they shared.
 * The story's link expires on the platform after about a day.
 */
export type MessageReference = { kind: 'story_reply' | 'story_mention' | 'share'; url?: string; title?: string };

export type Sender = {
  /** PSID, IGSID, wa_id, LINE userId, X user id or widget visitor id. */
  externalId: string;
  name?: string;
  avatarUrl?: string;
  phone?: string;
};

export type NormalizedEvent =
  | {
      type: 'message';
      /** The platform's message id (mid, wamid, LINE message id): unique per channel. */
      externalMessageId: string;
      sender: Sender;
      timestamp: Date;
      content: NormalizedContent;
      /** The platform id of the message this one replies to. */
      replyToExternalId?: string;
      /** LINE: a reply token, usable once, shortly. */
      replyToken?: string;
      /** Instagram: the story or shared post this message is about. */
      reference?: MessageReference;
      /** Another module holds chat control (LINE mode "standby", Messenger standby[]): record, do not reply. */
      standby?: boolean;
      raw: unknown;
    }
  | {
      /** A message the page/number sent from elsewhere (Messenger echo): outbound, not the customer's. */
      type: 'echo';
      externalMessageId: string;
      recipient: { externalId: string };
      timestamp: Date;
      content: NormalizedContent;
      raw: unknown;
    }
  | {
      /** Delivery state of a message we sent (WhatsApp statuses[]). */
      type: 'status';
      externalMessageId: string;
      status: 'sent' | 'delivered' | 'read' | 'failed';
      /** For failed: "131047: Re-engagement message (details)". */
      error?: string;
      timestamp: Date;
      recipientExternalId?: string;
      raw: unknown;
    }
  | {
      /** Messenger delivery/read receipts: everything we sent up to `watermark` reached that state. */
      type: 'watermark';
      status: 'delivered' | 'read';
      recipientExternalId: string;
      watermark: Date;
      externalMessageIds?: string[];
      raw: unknown;
    }
  | {
      type: 'follow' | 'unfollow';
      sender: Sender;
      timestamp: Date;
      replyToken?: string;
      eventId?: string;
      /** As on 'message': another module holds chat control, do not reply. */
      standby?: boolean;
      raw: unknown;
    }
  | {
      /** A customer reacted to a message (Instagram): shown on that message; `emoji` null when taken back. */
      type: 'reaction';
      targetExternalId: string;
      sender: Sender;
      emoji: string | null;
      timestamp: Date;
      raw: unknown;
    }
  | {
      /** A customer unsent their message (Instagram `is_deleted`): it shows as deleted. */
      type: 'deletion';
      targetExternalId: string;
      sender: Sender;
      timestamp: Date;
      raw: unknown;
    }
  | {
      /**
       * Messenger: the customer answered a notification opt-in request (Marketing Messages),
       * or stopped / resumed those notifications later.
       */
      type: 'optin';
      sender: Sender;
      timestamp: Date;
      optin: NotificationOptin;
      raw: unknown;
    }
  | {
      /** The customer is typing (X): shown to agents viewing the conversation, never stored as a message. */
      type: 'typing';
      sender: Sender;
      timestamp: Date;
      raw: unknown;
    }
  | {
      /** Anything else the platform sent that concerns a customer: shown as an unsupported message. */
      type: 'unsupported';
      /** A stable id for dedupe (event id, or derived from the raw event). */
      eventId: string;
      sender?: Sender;
      timestamp: Date;
      description: string;
      raw: unknown;
    };

export const notificationFrequencies = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;
export type NotificationFrequency = (typeof notificationFrequencies)[number];

/** What a Messenger `messaging_optins` event of type `notification_messages` says. */
export type NotificationOptin = {
  /** The token a notification is sent with, instead of the PSID. */
  token: string;
  frequency: NotificationFrequency;
  /** Our opaque id sent with the request, echoed back. */
  payload?: string;
  title?: string;
  timezone?: string;
  /** When the token stops working (Meta: token_expiry_timestamp). */
  expiresAt?: Date;
  /** "STOP NOTIFICATIONS" → stopped; "RESUME NOTIFICATIONS" or a fresh opt-in → active. */
  status: 'active' | 'stopped';
};

export type ParseResult = { ok: true; events: NormalizedEvent[] } | { ok: false; error: string };

// ---------- outbound ----------

export type QuickReply = { title: string; payload: string };
export type Button = { title: string; payload: string } | { title: string; url: string };

export type ProductCard = {
  name: string;
  price?: string; // already formatted, e.g. "฿1,290"
  description?: string;
  imageUrl?: string;
  url?: string;
  /** Payload of the "Buy" button (starts the product's checkout flow). */
  buyPayload?: string;
};

/**
 * A knowledge-base article as sent: a snapshot taken when it was sent (later edits never
 * rewrite the history). `url` is the article's public page in the help centre.
 */
export type ArticleCard = { articleId: string; title: string; excerpt: string; url: string };

export type OutboundMessage =
  | { kind: 'text'; text: string; quickReplies?: QuickReply[]; buttons?: Button[] }
  | {
      kind: 'media';
      mediaKind: Exclude<MediaKind, 'sticker'>;
      url: string;
      caption?: string;
      name?: string;
      /** Audio: the file's type and length, set by the outbox once it has converted and measured it. */
      mimeType?: string;
      durationMs?: number;
    }
  | { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  | { kind: 'contact'; contact: ContactCard }
  | { kind: 'template'; name: string; language: string; parameters: string[] }
  | { kind: 'product'; product: ProductCard }
  | { kind: 'article'; article: ArticleCard }
  /** Messenger: asks the customer to opt in to notifications (a `notification_messages` template). */
  | { kind: 'optin_request'; title: string; payload: string; frequency: NotificationFrequency; timezone: string };

export type SendContext = {
  /** PSID, wa_id, LINE userId. */
  recipient: string;
  /** Our message id: the idempotency key (LINE X-Line-Retry-Key) so a retry never double-sends. */
  idempotencyKey: string;
  /** LINE: a reply token still fresh enough to use. */
  replyToken?: string;
  /** WhatsApp: quote this message (context.message_id). */
  replyToExternalId?: string;
  /** Messenger and Instagram: send with the HUMAN_AGENT tag (24 h – 7 days after the customer's last message). */
  humanAgentTag?: boolean;
  /** Messenger: send as an opt-in notification, to this token instead of the PSID (outside the 24 h window). */
  notificationToken?: string;
  /** X and Apple: an attachment's bytes, to upload before the message (the outbox reads its own files, or fetches the link). */
  loadMedia?: (url: string) => Promise<{ data: Buffer; mimeType: string; name?: string }>;
};

export type SendResult =
  | {
      ok: true;
      /** The platform id of the (first) message sent: what receipts and echoes refer to. */
      externalId: string;
      /** Every platform id, when one outbound message became several (Messenger media + caption). */
      externalIds?: string[];
      /** The main part was sent but a secondary part (e.g. the caption) was not: show it, do not retry. */
      warning?: string;
    }
  | {
      ok: false;
      /** Shown on the message: the platform's own reason, e.g. "(#10) This message is sent outside of allowed window". */
      error: string;
      /** 5xx, 429, timeouts, network: try again later. Window closed, bad token: do not. */
      retryable: boolean;
      /** The channel's credentials were refused (token expired/invalid). */
      authError?: boolean;
      /** The platform's Retry-After (429, 503): the next attempt waits at least this long. */
      retryAfterMs?: number;
      code?: string | number;
    };

/** Where an adapter reaches its platform; tests and the demo point it at local fakes. */
export type ApiEndpoints = {
  graphUrl: string;
  lineApiUrl: string;
  lineDataUrl: string;
  xApiUrl: string;
  /** Apple's MSP gateway (https://mspgw.push.apple.com/v1). */
  appleGatewayUrl: string;
};

export type ChannelCredentials = {
  facebook: { appSecret: string; pageAccessToken: string; verifyToken: string };
  /** The Page (or Instagram user) access token of the linked account, and the Meta app's secret. */
  instagram: { appSecret: string; accessToken: string; verifyToken: string };
  whatsapp: { appSecret: string; accessToken: string; verifyToken: string };
  line: { channelSecret: string; channelAccessToken: string };
  /** The X app's consumer key and secret (the secret signs webhooks), and the account's OAuth 2.0 user token. */
  x: { consumerKey: string; consumerSecret: string; accessToken: string };
  /** The MSP id Apple gave the provider and the business's secret passphrase (base64), which signs both ways. */
  apple: { mspId: string; secret: string };
  web: { hmacToken: string };
};

// ---------- reply windows ----------

export type ReplyWindow =
  | { state: 'open'; closesAt: Date | null }
  /** Messenger and Instagram, 24 h – 7 days: agents may still reply, tagged HUMAN_AGENT. */
  | { state: 'human_agent'; closesAt: Date; reason: string }
  /** WhatsApp after 24 h: only approved templates. */
  | { state: 'templates_only'; reason: string }
  | { state: 'closed'; reason: string };
