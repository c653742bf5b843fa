import { describe, expect, it } from 'vitest';
import type { NormalizedEvent, OutboundMessage } from '../types';
import { fakeFetch, jsonResponse } from '@/tests/support/channels/fake-fetch';
import { API } from '@/tests/support/channels/vectors';
import { buildMessengerMessages } from './build';
import { INSTAGRAM_PROFILE } from '../instagram/limits';
import { facebookAdapter } from '.';

const PAGE = 'PAGE_1';
const optinEvent = (optin: object) =>
  JSON.stringify({
    object: 'page',
    entry: [{ id: PAGE, time: 1700000000000, messaging: [{ sender: { id: 'U1' }, recipient: { id: PAGE }, timestamp: 1700000000123, optin }] }],
  });

function parse(raw: string): NormalizedEvent[] {
  const result = facebookAdapter.parseWebhook(raw);
  if (!result.ok) throw new Error(result.error);
  return result.events;
}

const request: Extract<OutboundMessage, { kind: 'optin_request' }> = {
  kind: 'optin_request',
  title: 'Get our weekly deals',
  payload: 'optin:abc',
  frequency: 'WEEKLY',
  timezone: 'Asia/Bangkok',
};

describe('Messenger notification opt-ins: parse', () => {
  it('a messaging_optins event of type notification_messages becomes an optin event', () => {
    const [event] = parse(
      optinEvent({
        type: 'notification_messages',
        payload: 'optin:abc',
        notification_messages_token: 'TOKEN_1',
        notification_messages_frequency: 'WEEKLY',
        notification_messages_timezone: 'Asia/Bangkok',
        token_expiry_timestamp: 1705000000000,
        user_token_status: 'NOT_REFRESHED',
        title: 'Get our weekly deals',
      }),
    );
    expect(event).toMatchObject({
      type: 'optin',
      sender: { externalId: 'U1' },
      optin: { token: 'TOKEN_1', frequency: 'WEEKLY', payload: 'optin:abc', title: 'Get our weekly deals', timezone: 'Asia/Bangkok', status: 'active' },
    });
    expect(event.type === 'optin' && event.optin.expiresAt?.getTime()).toBe(1705000000000);
    expect(event.type === 'optin' && event.timestamp.getTime()).toBe(1700000000123);
  });

  it('"STOP NOTIFICATIONS" stops, "RESUME NOTIFICATIONS" makes it active again', () => {
    const base = { type: 'notification_messages', notification_messages_token: 'T', notification_messages_frequency: 'DAILY' };
    expect(parse(optinEvent({ ...base, notification_messages_status: 'STOP NOTIFICATIONS' }))[0]).toMatchObject({ optin: { status: 'stopped', frequency: 'DAILY' } });
    expect(parse(optinEvent({ ...base, notification_messages_status: 'RESUME NOTIFICATIONS' }))[0]).toMatchObject({ optin: { status: 'active' } });
  });

  it('without a token or with an unknown frequency it is kept as unsupported, with a reason', () => {
    const [noToken] = parse(optinEvent({ type: 'notification_messages', notification_messages_frequency: 'WEEKLY' }));
    expect(noToken).toMatchObject({ type: 'unsupported', description: expect.stringContaining('notification_messages_token') });
    const [badFrequency] = parse(optinEvent({ type: 'notification_messages', notification_messages_token: 'T', notification_messages_frequency: 'HOURLY' }));
    expect(badFrequency).toMatchObject({ type: 'unsupported', description: expect.stringContaining('HOURLY') });
  });

  it('other opt-ins (the checkbox plugin) stay unsupported', () => {
    const [event] = parse(optinEvent({ ref: 'checkout', user_ref: 'UREF' }));
    expect(event).toMatchObject({ type: 'unsupported', description: 'Opted in to messages' });
  });
});

describe('Messenger notification opt-ins: build and send', () => {
  it('an opt-in request is a notification_messages template', () => {
    const built = buildMessengerMessages(request);
    expect(built).toEqual({
      ok: true,
      parts: [
        {
          label: 'optin_request',
          body: {
            attachment: {
              type: 'template',
              payload: {
                template_type: 'notification_messages',
                title: 'Get our weekly deals',
                payload: 'optin:abc',
                notification_messages_frequency: 'WEEKLY',
                notification_messages_reoptin: 'ENABLED',
                notification_messages_timezone: 'Asia/Bangkok',
              },
            },
          },
        },
      ],
    });
  });

  it('refuses an empty or too long title, and Instagram', () => {
    expect(buildMessengerMessages({ ...request, title: '  ' })).toMatchObject({ ok: false, code: 'empty' });
    expect(buildMessengerMessages({ ...request, title: 'x'.repeat(66) })).toMatchObject({ ok: false, code: 'too_long' });
    expect(buildMessengerMessages(request, INSTAGRAM_PROFILE)).toMatchObject({ ok: false, code: 'unsupported' });
  });

  it('a notification is addressed to the token alone, without messaging_type or tag', async () => {
    const fake = fakeFetch(jsonResponse(200, { message_id: 'm_n' }));
    const result = await facebookAdapter.send(
      { kind: 'text', text: 'Our sale starts today' },
      { recipient: 'PSID_1', idempotencyKey: 'k', notificationToken: 'TOKEN_1' },
      { appSecret: 's', pageAccessToken: 'PT', verifyToken: 'v' },
      { ...API, accountId: PAGE },
      { fetch: fake.fetch },
    );
    expect(result).toEqual({ ok: true, externalId: 'm_n' });
    expect(fake.calls[0].body).toEqual({ recipient: { notification_messages_token: 'TOKEN_1' }, message: { text: 'Our sale starts today' } });
  });
});
