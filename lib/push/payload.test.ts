import { describe, expect, it } from 'vitest';
import { NOTIFICATION_CREATED_EVENT, type NotificationEventPayload } from '@/lib/notifications/kinds';
import { pushNoticesFor } from './enqueue';
import { buildPushPayload, deviceLabel, pushUrgency } from './payload';

const conversationId = '6f1c0c8e-6b0a-4f3e-9d55-2d3c0c9b1a11';

describe('buildPushPayload', () => {
  it('opens the conversation in its workspace’s inbox and collapses by conversation', () => {
    expect(buildPushPayload({ kind: 'assigned_to_me', conversationId, title: 'Ana assigned Kerry to you', body: 'Is the blue one in stock?' }, 'kerrys-kites')).toEqual({
      title: 'Ana assigned Kerry to you',
      body: 'Is the blue one in stock?',
      url: `/w/kerrys-kites/inbox?c=${conversationId}`,
      tag: conversationId,
    });
  });

  it('without a conversation: the inbox, a tag per kind, an empty body', () => {
    expect(buildPushPayload({ kind: 'sla_breached', conversationId: null, title: 'Targets missed', body: null }, 'shop')).toEqual({
      title: 'Targets missed',
      body: '',
      url: '/w/shop/inbox',
      tag: 'baton-sla_breached',
    });
  });

  it('clips long text so the encrypted payload stays far below the 4 KB a push service accepts', () => {
    const payload = buildPushPayload({ kind: 'new_message', conversationId, title: 'T'.repeat(500), body: 'B'.repeat(5000) }, 'shop');
    expect(payload.title).toHaveLength(120);
    expect(payload.title.endsWith('…')).toBe(true);
    expect(payload.body).toHaveLength(240);
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThan(1000);
  });

  it('assignments and reminders are urgent, other news is normal', () => {
    expect(pushUrgency('assigned_to_me')).toBe('high');
    expect(pushUrgency('reminder_due')).toBe('high');
    expect(pushUrgency('new_message')).toBe('normal');
  });
});

describe('deviceLabel', () => {
  it.each([
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Chrome on Android'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', 'Safari on iOS'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge on Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0', 'Firefox on macOS'],
    ['Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0 Mobile Safari/537.36', 'Samsung Internet on Android'],
    [null, 'A browser'],
  ])('%s → %s', (ua, label) => expect(deviceLabel(ua)).toBe(label));
});

it('a ticket\'s notification opens the ticket', () => {
  expect(buildPushPayload({ kind: 'sla_breached', conversationId: null, ticketNumber: 12, title: 'Ticket #12 missed its resolution target', body: null }, 'shop')).toMatchObject({
    url: '/w/shop/tickets/12',
    tag: 'baton-ticket-12',
  });
});

describe('pushNoticesFor', () => {
  const event = (kind: NotificationEventPayload['kind'], browser: boolean) => ({
    channel: 'private-user-u1',
    name: NOTIFICATION_CREATED_EVENT,
    data: { id: 'n1', workspaceId: 'w1', kind, conversationId, ticketNumber: null, title: 'T', body: 'B', createdAt: '', browser, sound: true } satisfies NotificationEventPayload,
  });

  it('one notice per recipient whose kind pushes when the app is closed and who kept its browser notification on', () => {
    expect(pushNoticesFor([event('assigned_to_me', true), event('assigned_to_my_team', true), event('reassigned_to_me', false), { channel: 'private-conversation-c', name: 'message.created', data: {} }])).toEqual([
      { userId: 'u1', workspaceId: 'w1', kind: 'assigned_to_me', conversationId, ticketNumber: null, title: 'T', body: 'B' },
    ]);
  });
});
