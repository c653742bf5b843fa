import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../types';
import { B2 } from '@/tests/support/channels/vectors';
import { whatsappAdapter } from '.';

function envelope(value: object, field = 'messages') {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field,
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550001111', phone_number_id: 'PN_1' },
              contacts: [{ profile: { name: 'Kerry' }, wa_id: '16505551234' }],
              ...value,
            },
          },
        ],
      },
    ],
  });
}
const msg = (id: string, body: object) => ({ from: '16505551234', id, timestamp: '1700000000', ...body });

function parse(raw: string): NormalizedEvent[] {
  const result = whatsappAdapter.parseWebhook(raw);
  if (!result.ok) throw new Error(result.error);
  return result.events;
}
const contentOf = (raw: string) => {
  const event = parse(raw)[0];
  if (event.type !== 'message') throw new Error(`expected a message, got ${event.type}`);
  return event.content;
};

describe('WhatsApp webhook parsing', () => {
  it('B2: a text message with the sender name and phone; unix-second string timestamps', () => {
    const [event] = parse(B2);
    expect(event).toMatchObject({
      type: 'message',
      externalMessageId: 'wamid.TEST1',
      sender: { externalId: '16505551234', name: 'Kerry', phone: '+16505551234' },
      content: { kind: 'text', text: 'hi' },
    });
    expect(event.type === 'message' && event.timestamp.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(whatsappAdapter.accountIds(B2)).toEqual(['PHONE_NUMBER_ID']);
  });

  it('media types carry media id, mime type, sha256, caption and filename', () => {
    const image = contentOf(envelope({ messages: [msg('w1', { type: 'image', image: { id: 'MEDIA_1', mime_type: 'image/jpeg', sha256: 'abc', caption: 'my order' } })] }));
    expect(image).toEqual({ kind: 'media', media: [{ kind: 'image', mediaId: 'MEDIA_1', mimeType: 'image/jpeg', sha256: 'abc' }], caption: 'my order' });
    const doc = contentOf(envelope({ messages: [msg('w2', { type: 'document', document: { id: 'MEDIA_2', mime_type: 'application/pdf', sha256: 'd', filename: 'invoice.pdf' } })] }));
    expect(doc).toMatchObject({ kind: 'media', media: [{ kind: 'file', mediaId: 'MEDIA_2', name: 'invoice.pdf' }] });
    for (const type of ['audio', 'video', 'sticker'] as const) {
      const content = contentOf(envelope({ messages: [msg('w3', { type, [type]: { id: 'M', mime_type: 'x/y', sha256: 's' } })] }));
      expect(content).toMatchObject({ kind: 'media', media: [{ kind: type, mediaId: 'M' }] });
    }
  });

  it('location, contacts, interactive replies, template buttons', () => {
    expect(contentOf(envelope({ messages: [msg('w', { type: 'location', location: { latitude: 37.48, longitude: -122.14, name: 'HQ', address: '1 Hacker Way' } })] }))).toEqual({
      kind: 'location',
      latitude: 37.48,
      longitude: -122.14,
      name: 'HQ',
      address: '1 Hacker Way',
    });
    expect(
      contentOf(
        envelope({
          messages: [msg('w', { type: 'contacts', contacts: [{ name: { formatted_name: 'Jane Doe', first_name: 'Jane' }, phones: [{ phone: '+1 650 555 0000', wa_id: '16505550000', type: 'CELL' }], emails: [{ email: 'j@d.test' }] }] })],
        }),
      ),
    ).toEqual({ kind: 'contacts', contacts: [{ name: 'Jane Doe', phones: ['+1 650 555 0000'], emails: ['j@d.test'] }] });
    expect(contentOf(envelope({ messages: [msg('w', { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'YES', title: 'Yes please' } } })] }))).toEqual({
      kind: 'text',
      text: 'Yes please',
      payload: 'YES',
    });
    expect(contentOf(envelope({ messages: [msg('w', { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'SIZE_M', title: 'M', description: 'Medium' } } })] }))).toEqual({
      kind: 'text',
      text: 'M',
      payload: 'SIZE_M',
    });
    expect(contentOf(envelope({ messages: [msg('w', { type: 'button', button: { payload: 'STOP', text: 'Stop promotions' } })] }))).toEqual({
      kind: 'text',
      text: 'Stop promotions',
      payload: 'STOP',
    });
  });

  it('replies carry context.id', () => {
    const [event] = parse(envelope({ messages: [msg('w9', { type: 'text', text: { body: 'this' }, context: { from: '15550001111', id: 'wamid.ORIG' } })] }));
    expect(event).toMatchObject({ type: 'message', replyToExternalId: 'wamid.ORIG' });
  });

  it('reactions, unsupported and unknown types stay visible as unsupported content, with errors[] text', () => {
    const events = parse(
      envelope({
        messages: [
          msg('w_r', { type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '👍' } }),
          msg('w_u', { type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }] }),
          msg('w_o', { type: 'order', order: {} }),
        ],
      }),
    );
    expect(events.map((e) => e.type === 'message' && e.content.kind)).toEqual(['unsupported', 'unsupported', 'unsupported']);
    const descriptions = events.map((e) => (e.type === 'message' && e.content.kind === 'unsupported' ? e.content.description : ''));
    expect(descriptions[0]).toContain('👍');
    expect(descriptions[1]).toContain('131051: Message type unknown (Message type is currently not supported.)');
    expect(descriptions[2]).toContain('order');
  });

  it('statuses become status events, before the messages of the same value; failed carries code: title (details)', () => {
    const events = parse(
      envelope({
        messages: [msg('w_in', { type: 'text', text: { body: 'hello' } })],
        statuses: [
          { id: 'wamid.OUT1', status: 'delivered', timestamp: '1744609250', recipient_id: '16505551234', conversation: { id: 'c' }, pricing: {} },
          {
            id: 'wamid.OUT2',
            status: 'failed',
            timestamp: '1744609253',
            recipient_id: '16505551234',
            errors: [
              {
                code: 131047,
                title: 'Re-engagement message',
                message: 'Re-engagement message',
                error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
              },
            ],
          },
        ],
      }),
    );
    expect(events.map((e) => e.type)).toEqual(['status', 'status', 'message']);
    expect(events[0]).toMatchObject({ externalMessageId: 'wamid.OUT1', status: 'delivered', recipientExternalId: '16505551234' });
    expect(events[1]).toMatchObject({
      status: 'failed',
      error: '131047: Re-engagement message (Message failed to send because more than 24 hours have passed since the customer last replied to this number.)',
    });
    expect(events[1].type === 'status' && events[1].timestamp.getTime()).toBe(1744609253000);
  });

  it('every entry and change is processed in order; account ids from each metadata', () => {
    const change = (pn: string, id: string) => ({
      field: 'messages',
      value: { metadata: { phone_number_id: pn }, contacts: [], messages: [msg(id, { type: 'text', text: { body: id } })] },
    });
    const raw = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: 'W', changes: [change('PN_A', 'a1'), change('PN_A', 'a2')] }, { id: 'W', changes: [change('PN_B', 'b1')] }],
    });
    expect(parse(raw).map((e) => e.type === 'message' && e.externalMessageId)).toEqual(['a1', 'a2', 'b1']);
    expect(whatsappAdapter.accountIds(raw)).toEqual(['PN_A', 'PN_B']);
  });

  it('non-message fields and broken items are kept as unsupported; malformed bodies are ok:false', () => {
    expect(parse(envelope({ event: 'APPROVED' }, 'message_template_status_update'))[0]).toMatchObject({ type: 'unsupported' });
    const events = parse(envelope({ messages: [{ type: 'text' }, msg('good', { type: 'text', text: { body: 'x' } })] }));
    expect(events.map((e) => e.type)).toEqual(['unsupported', 'message']);
    expect(whatsappAdapter.parseWebhook('{')).toMatchObject({ ok: false });
    expect(whatsappAdapter.parseWebhook('{"object":"page","entry":[]}')).toMatchObject({ ok: false });
    expect(whatsappAdapter.parseWebhook('null')).toMatchObject({ ok: false });
  });
});
