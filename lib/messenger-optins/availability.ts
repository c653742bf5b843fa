import type { NotificationFrequency } from '@/channels/types';
import { DAY_MS } from '@/channels/shared/window';

/** One notification per period: Meta counts a day, a week, or a month of 30 days. */
export const PERIOD_MS: Record<NotificationFrequency, number> = { DAILY: DAY_MS, WEEKLY: 7 * DAY_MS, MONTHLY: 30 * DAY_MS };

const WORDS: Record<NotificationFrequency, string> = { DAILY: 'daily', WEEKLY: 'weekly', MONTHLY: 'monthly' };
const PERIODS: Record<NotificationFrequency, string> = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month' };

export function frequencyWord(frequency: NotificationFrequency): string {
  return WORDS[frequency];
}

export type OptinRow = {
  token: string;
  frequency: NotificationFrequency;
  status: 'active' | 'stopped';
  expiresAt: Date | null;
  lastSentAt: Date | null;
};

export type OptinAvailability =
  | { usable: true; token: string; frequency: NotificationFrequency; expiresAt: Date | null }
  | { usable: false; reason: string; nextAt?: Date };

/**
 * Whether a notification may go out with this opt-in now: active, not expired, and nothing
 * sent with it in the current period. Pure, so the composer's notice, the send's check and
 * the outbox decide alike.
 */
export function optinAvailability(optin: OptinRow | null, now: Date, formatDate: (d: Date) => string = isoDay): OptinAvailability {
  if (!optin) return { usable: false, reason: 'The customer has not opted in to notifications' };
  if (optin.status === 'stopped') return { usable: false, reason: 'The customer stopped the notifications they had opted in to' };
  if (optin.expiresAt && optin.expiresAt.getTime() <= now.getTime()) {
    return { usable: false, reason: `The customer's notification opt-in expired on ${formatDate(optin.expiresAt)}` };
  }
  if (optin.lastSentAt) {
    const nextAt = new Date(optin.lastSentAt.getTime() + PERIOD_MS[optin.frequency]);
    if (nextAt.getTime() > now.getTime()) {
      return {
        usable: false,
        nextAt,
        reason: `This ${PERIODS[optin.frequency]}'s opt-in notification is used up (${WORDS[optin.frequency]}); the next one can go out on ${formatDate(nextAt)}`,
      };
    }
  }
  return { usable: true, token: optin.token, frequency: optin.frequency, expiresAt: optin.expiresAt };
}

/** What the composer says when a message outside the window will go out with the token. */
export function notificationNotice(available: Extract<OptinAvailability, { usable: true }>, formatDate: (d: Date) => string = isoDay): string {
  const until = available.expiresAt ? `, until ${formatDate(available.expiresAt)}` : '';
  return `Past Messenger’s 7 days — sending as an opt-in notification (${WORDS[available.frequency]}${until}): one message per ${PERIODS[available.frequency]}`;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
