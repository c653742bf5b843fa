import { randomBytes } from 'node:crypto';
import { graphError, invalidParameter, type GraphErrorBody } from './graph-errors';

/**
 * Messenger's notification opt-ins (Marketing Messages) as the fake Graph API keeps them: the
 * opt-in requests pages sent, the tokens customers' acceptances issued, and the rules a send
 * to a token meets (its page, not stopped, not expired, one message per period).
 */

export type OptinFrequency = 'DAILY' | 'WEEKLY' | 'MONTHLY';

export type FakeOptinRequest = { pageId: string; psid: string; title: string; payload?: string; frequency: OptinFrequency; timezone?: string; at: Date };

export type FakeNotificationToken = {
  token: string;
  pageId: string;
  psid: string;
  title: string;
  payload?: string;
  frequency: OptinFrequency;
  timezone?: string;
  expiresAt: Date;
  stopped: boolean;
  lastSentAt?: Date;
};

const DAY_MS = 86_400_000;
const PERIOD_MS: Record<OptinFrequency, number> = { DAILY: DAY_MS, WEEKLY: 7 * DAY_MS, MONTHLY: 30 * DAY_MS };
/** How long a token lasts before the customer must opt in again. */
const TOKEN_LIFETIME_MS: Record<OptinFrequency, number> = { DAILY: 180 * DAY_MS, WEEKLY: 270 * DAY_MS, MONTHLY: 365 * DAY_MS };

export class MessengerOptins {
  readonly requests: FakeOptinRequest[] = [];
  readonly tokens = new Map<string, FakeNotificationToken>();

  recordRequest(pageId: string, psid: string, template: Record<string, unknown>, at = new Date()): void {
    this.requests.push({
      pageId,
      psid,
      title: String(template.title),
      ...(typeof template.payload === 'string' ? { payload: template.payload } : {}),
      frequency: (template.notification_messages_frequency as OptinFrequency | undefined) ?? 'DAILY',
      ...(typeof template.notification_messages_timezone === 'string' ? { timezone: template.notification_messages_timezone } : {}),
      at,
    });
  }

  /** The customer taps "Get messages" on the newest request the page sent them: a token is issued. */
  accept(pageId: string, psid: string, at = new Date()): FakeNotificationToken {
    const request = [...this.requests].reverse().find((r) => r.pageId === pageId && r.psid === psid);
    if (!request) throw new Error(`The page ${pageId} sent ${psid} no opt-in request`);
    const token: FakeNotificationToken = {
      token: `NMT${randomBytes(24).toString('base64url')}`,
      pageId,
      psid,
      title: request.title,
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
      frequency: request.frequency,
      ...(request.timezone !== undefined ? { timezone: request.timezone } : {}),
      expiresAt: new Date(at.getTime() + TOKEN_LIFETIME_MS[request.frequency]),
      stopped: false,
    };
    this.tokens.set(token.token, token);
    return token;
  }

  /** The customer stops the page's notifications (Messenger's "Stop notifications"): every token of theirs stops. */
  stop(pageId: string, psid: string): FakeNotificationToken {
    const theirs = [...this.tokens.values()].filter((t) => t.pageId === pageId && t.psid === psid && !t.stopped);
    if (theirs.length === 0) throw new Error(`${psid} has no active opt-in with the page ${pageId}`);
    for (const token of theirs) token.stopped = true;
    return theirs.at(-1)!;
  }

  hasActive(pageId: string, psid: string, now = new Date()): boolean {
    return [...this.tokens.values()].some((t) => t.pageId === pageId && t.psid === psid && !t.stopped && t.expiresAt.getTime() > now.getTime());
  }

  /** Checks a send to a token and counts it; the Graph error to answer, or the token. */
  use(pageId: string, tokenValue: string, now = new Date()): { ok: true; token: FakeNotificationToken } | { ok: false; error: GraphErrorBody } {
    const token = this.tokens.get(tokenValue);
    if (!token || token.pageId !== pageId) return { ok: false, error: invalidParameter('Invalid notification_messages_token') };
    if (token.stopped) return { ok: false, error: graphError(10, '(#10) The person has stopped receiving notification messages from this Page', { subcode: 2018309 }) };
    if (token.expiresAt.getTime() <= now.getTime()) return { ok: false, error: graphError(10, '(#10) The notification_messages_token has expired', { subcode: 2018310 }) };
    if (token.lastSentAt && now.getTime() - token.lastSentAt.getTime() < PERIOD_MS[token.frequency]) {
      return { ok: false, error: graphError(10, `(#10) Only one notification message can be sent per ${token.frequency.toLowerCase()} period`, { subcode: 2018311 }) };
    }
    token.lastSentAt = now;
    return { ok: true, token };
  }

  /** The `optin` object of the `messaging_optins` webhook Meta sends for a token. */
  static webhookOptin(token: FakeNotificationToken, status?: 'STOP NOTIFICATIONS' | 'RESUME NOTIFICATIONS'): Record<string, unknown> {
    return {
      type: 'notification_messages',
      ...(token.payload !== undefined ? { payload: token.payload } : {}),
      notification_messages_token: token.token,
      notification_messages_frequency: token.frequency,
      ...(token.timezone !== undefined ? { notification_messages_timezone: token.timezone } : {}),
      token_expiry_timestamp: token.expiresAt.getTime(),
      user_token_status: 'NOT_REFRESHED',
      ...(status ? { notification_messages_status: status } : {}),
      title: token.title,
    };
  }

  clear(): void {
    this.requests.length = 0;
    this.tokens.clear();
  }
}
