import { describe, expect, it } from 'vitest';
import { facebookAdapter } from '@/channels/facebook';
import { decideSendMode } from '@/lib/outbox/window';
import { notificationNotice, optinAvailability, type OptinRow } from './availability';

const now = new Date('2026-03-10T12:00:00Z');
const DAY = 86_400_000;
const optin: OptinRow = { token: 'T', frequency: 'WEEKLY', status: 'active', expiresAt: new Date('2026-09-01T00:00:00Z'), lastSentAt: null };

describe('optinAvailability', () => {
  it('an active, unexpired opt-in with nothing sent this period is usable', () => {
    const available = optinAvailability(optin, now);
    expect(available).toEqual({ usable: true, token: 'T', frequency: 'WEEKLY', expiresAt: optin.expiresAt });
    if (available.usable) expect(notificationNotice(available)).toBe('Past Messenger’s 7 days — sending as an opt-in notification (weekly, until 2026-09-01): one message per week');
  });

  it('one per period: used up until a period after the last, then usable again', () => {
    const used = optinAvailability({ ...optin, lastSentAt: new Date(now.getTime() - 6 * DAY) }, now);
    expect(used).toMatchObject({ usable: false, nextAt: new Date(now.getTime() + DAY), reason: expect.stringContaining("This week's opt-in notification is used up") });
    expect(optinAvailability({ ...optin, lastSentAt: new Date(now.getTime() - 7 * DAY) }, now).usable).toBe(true);
    expect(optinAvailability({ ...optin, frequency: 'DAILY', lastSentAt: new Date(now.getTime() - DAY + 1) }, now).usable).toBe(false);
    expect(optinAvailability({ ...optin, frequency: 'MONTHLY', lastSentAt: new Date(now.getTime() - 29 * DAY) }, now).usable).toBe(false);
  });

  it('stopped, expired or absent: not usable, with the reason', () => {
    expect(optinAvailability({ ...optin, status: 'stopped' }, now)).toMatchObject({ usable: false, reason: expect.stringContaining('stopped') });
    expect(optinAvailability({ ...optin, expiresAt: now }, now)).toMatchObject({ usable: false, reason: expect.stringContaining('expired') });
    expect(optinAvailability(null, now)).toMatchObject({ usable: false, reason: expect.stringContaining('not opted in') });
  });
});

describe('decideSendMode with an opt-in', () => {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);
  const usable = optinAvailability(optin, now);
  it('past 7 days an agent text goes with the token; within them the HUMAN_AGENT tag carries it; bots and other kinds never use it', () => {
    expect(decideSendMode(facebookAdapter, { lastCustomerMessageAt: at(8 * 24), now, senderKind: 'agent', contentKind: 'text', notification: usable })).toEqual({ ok: true, humanAgentTag: false, notificationToken: 'T' });
    expect(decideSendMode(facebookAdapter, { lastCustomerMessageAt: at(30), now, senderKind: 'agent', contentKind: 'text', notification: usable })).toEqual({ ok: true, humanAgentTag: true });
    expect(decideSendMode(facebookAdapter, { lastCustomerMessageAt: at(1), now, senderKind: 'agent', contentKind: 'text', notification: usable })).toEqual({ ok: true, humanAgentTag: false });
    expect(decideSendMode(facebookAdapter, { lastCustomerMessageAt: at(8 * 24), now, senderKind: 'bot', contentKind: 'text', notification: usable }).ok).toBe(false);
    expect(decideSendMode(facebookAdapter, { lastCustomerMessageAt: at(8 * 24), now, senderKind: 'agent', contentKind: 'media', notification: usable }).ok).toBe(false);
  });

  it('a used-up opt-in says so after the window closes', () => {
    const used = optinAvailability({ ...optin, lastSentAt: at(24) }, now);
    expect(decideSendMode(facebookAdapter, { lastCustomerMessageAt: at(8 * 24), now, senderKind: 'agent', contentKind: 'text', notification: used })).toMatchObject({ ok: false, reason: expect.stringContaining('used up') });
  });
});
