import type { EventLog } from './event-log';
import type { FailureQueue, ScriptedFailure } from './failures';
import type { RecordedRequest } from './http';
import type { MessengerOptins } from './messenger-optins';

/** The fake Graph API's memory, shared by its route handlers (meta-send.ts, meta-get.ts). */

export type MetaPlatform = 'facebook' | 'instagram' | 'whatsapp';

/** Which kind of call a scripted failure hits. */
export type MetaEndpoint =
  /** A message send (Messenger message, WhatsApp message). */
  | 'send'
  /** Messenger sender_action, WhatsApp read receipt. */
  | 'action'
  /** GET /{PSID} */
  | 'profile'
  /** GET /{MEDIA_ID} */
  | 'media'
  /** GET of the media url (the bytes) */
  | 'download';

export type MetaSent = {
  platform: MetaPlatform;
  /** Page id or phone number id that sent it. */
  accountId: string;
  /** PSID, or the WhatsApp wa_id (digits only, as the API normalises it). */
  recipient: string;
  /** Messenger: body.message. WhatsApp: the whole request body (type, its sub-object, context). */
  message: unknown;
  /** The message_id / wamid the fake answered with. */
  externalId: string;
  /** The full request body, e.g. to check messaging_type/tag. */
  body: unknown;
  at: Date;
};

export type MetaAction = {
  platform: MetaPlatform;
  accountId: string;
  action: 'typing_on' | 'typing_off' | 'mark_seen' | 'read';
  /** PSID for Messenger sender actions. */
  recipient?: string;
  /** WhatsApp: the wamid marked read. */
  messageId?: string;
  at: Date;
};

export type MetaFailureRule = ScriptedFailure & {
  /** Only this platform's calls (default: either). */
  platform?: MetaPlatform;
  /** Which calls (default 'send'); 'any' = every call of the platform. */
  endpoint?: MetaEndpoint | 'any';
  /** Only calls for this page / phone number id. */
  accountId?: string;
};

export type MetaFailureContext = { platform: MetaPlatform; endpoint: MetaEndpoint; accountId?: string };

export type StoredMedia = { data: Buffer; mimeType: string; sha256: string; phoneNumberId?: string; filename?: string };

export type MessengerProfile = { first_name: string; last_name: string; profile_pic?: string; [field: string]: unknown };

export type InstagramProfile = { name?: string; username?: string; profile_pic?: string };

export type MetaState = {
  version: string;
  origin: string;
  /** access token → page id, and page id → token. */
  pageByToken: Map<string, string>;
  pageTokens: Map<string, string>;
  /** phone number id → token. */
  numberTokens: Map<string, string>;
  /** Instagram: access token → account id, and account id → token. */
  instagramByToken: Map<string, string>;
  instagramTokens: Map<string, string>;
  /** Instagram: when each customer (`${igId}:${igsid}`) last wrote, which decides what the account may send. */
  instagramLastInbound: Map<string, Date>;
  instagramProfiles: Map<string, InstagramProfile>;
  media: Map<string, StoredMedia>;
  profiles: Map<string, MessengerProfile>;
  /** Messenger notification opt-ins: requests sent, tokens issued. */
  optins: MessengerOptins;
  failures: FailureQueue<MetaFailureContext>;
  requests: EventLog<RecordedRequest>;
  sent: EventLog<MetaSent>;
  actions: EventLog<MetaAction>;
  sleep(ms: number): Promise<void>;
};

export function isWhatsAppToken(state: MetaState, token: string | undefined): boolean {
  if (!token) return false;
  for (const t of state.numberTokens.values()) if (t === token) return true;
  return false;
}
