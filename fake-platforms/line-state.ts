import type { EventLog } from './event-log';
import type { FailureQueue, ScriptedFailure, ScriptedHold } from './failures';
import type { RecordedRequest } from './http';
import type { ReplyTokens } from './line-reply-tokens';

/** The fake LINE API's memory, shared by its route handlers (line-routes.ts). */

export type LineEndpoint = 'reply' | 'push' | 'profile' | 'content';

export type LineSent = {
  platform: 'line';
  /** The bot's user id (a webhook's `destination`). */
  accountId: string;
  /** The user the reply token was issued for, or the push `to`. */
  recipient: string;
  /** One LINE message object; a request with several messages records several sends. */
  message: unknown;
  /** sentMessages[].id the fake answered with. */
  externalId: string;
  quoteToken: string;
  via: 'reply' | 'push';
  replyToken?: string;
  retryKey?: string;
  /** The full request body. */
  body: unknown;
  at: Date;
};

export type LineFailureRule = ScriptedFailure & {
  /** Which calls (default 'send' = reply and push); 'any' = every call. */
  endpoint?: LineEndpoint | 'send' | 'any';
  /** Only calls authenticated as this bot. */
  botUserId?: string;
};

/** Which calls a hold applies to, as for failures. */
export type LineHoldRule = ScriptedHold & Pick<LineFailureRule, 'endpoint' | 'botUserId'>;

export type LineFailureContext = { endpoint: LineEndpoint; botUserId: string };

export type LineProfile = { displayName: string; pictureUrl?: string; statusMessage?: string; language?: string };

export type LineContent = { data: Buffer; mimeType: string };

export type LineState = {
  /** channel access token → bot user id. */
  botByToken: Map<string, string>;
  profiles: Map<string, LineProfile>;
  contents: Map<string, LineContent>;
  replyTokens: ReplyTokens;
  /** `${botUserId} ${retryKey}` → the accepted request, answered again on a 409. */
  acceptedRetryKeys: Map<string, { requestId: string; sentMessages: { id: string; quoteToken: string }[] }>;
  failures: FailureQueue<LineFailureContext>;
  holds: FailureQueue<LineFailureContext, ScriptedHold>;
  requests: EventLog<RecordedRequest>;
  sent: EventLog<LineSent>;
  sleep(ms: number): Promise<void>;
};
