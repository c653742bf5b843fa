import { describe, expect, it } from 'vitest';
import { asksForHuman, DEFAULT_HAND_OFF_PHRASES } from './settings';
import { isOpen } from '@/lib/business-hours/calendar';
import { businessHoursOf } from '@/lib/business-hours/schedule';
import { matchTrigger } from './triggers';

const flows = [
  { id: 'welcome-fb', triggers: { welcomeChannels: ['facebook' as const] } },
  { id: 'sale', triggers: { keywords: ['sale', 'promo code'], patterns: ['^order\\s*#?\\d+$'] } },
  { id: 'checkout', triggers: { payloads: ['BUY:*'] } },
  { id: 'track', triggers: { payloads: ['TRACK'] } },
];

describe('matchTrigger', () => {
  it('payloads first (exact, then prefix with the rest as payloadArg)', () => {
    expect(matchTrigger(flows, { text: 'Track my order', payload: 'TRACK', channel: 'facebook', newConversation: true })).toMatchObject({ flowId: 'track', via: 'payload' });
    expect(matchTrigger(flows, { text: 'Buy', payload: 'BUY:abc', channel: 'line', newConversation: false })).toEqual({ flowId: 'checkout', variables: { payloadArg: 'abc' }, via: 'payload' });
  });

  it('keywords as whole words, then patterns, then the channel welcome flow for new conversations', () => {
    expect(matchTrigger(flows, { text: 'Is there a SALE?', channel: 'line', newConversation: false })?.flowId).toBe('sale');
    expect(matchTrigger(flows, { text: 'wholesale prices', channel: 'line', newConversation: false })).toBeNull();
    expect(matchTrigger(flows, { text: 'Order #1052', channel: 'line', newConversation: false })).toMatchObject({ flowId: 'sale', via: 'pattern' });
    expect(matchTrigger(flows, { text: 'hello', channel: 'facebook', newConversation: true })).toMatchObject({ flowId: 'welcome-fb', via: 'welcome' });
    expect(matchTrigger(flows, { text: 'hello', channel: 'whatsapp', newConversation: true })).toBeNull();
    expect(matchTrigger(flows, { text: 'hello', channel: 'facebook', newConversation: false })).toBeNull();
  });
});

describe('hand-off phrases and business hours', () => {
  it('matches phrases as whole words', () => {
    expect(asksForHuman('AGENT!', DEFAULT_HAND_OFF_PHRASES)).toBe(true);
    expect(asksForHuman('can I talk to someone please', DEFAULT_HAND_OFF_PHRASES)).toBe(true);
    expect(asksForHuman('agents of shield', DEFAULT_HAND_OFF_PHRASES)).toBe(false);
    expect(asksForHuman('', DEFAULT_HAND_OFF_PHRASES)).toBe(false);
  });

  it('business hours in the workspace timezone; none configured = open', () => {
    const settings = { businessHours: { days: { mon: ['09:00-18:00'] } } };
    const open = (s: Record<string, unknown>, timezone: string, at: Date) => isOpen(businessHoursOf({ settings: s, timezone }), at);
    expect(open({}, 'UTC', new Date())).toBe(true);
    // Monday 2025-01-06 10:00 in Bangkok = 03:00 UTC.
    expect(open(settings, 'Asia/Bangkok', new Date('2025-01-06T03:00:00Z'))).toBe(true);
    expect(open(settings, 'UTC', new Date('2025-01-06T03:00:00Z'))).toBe(false);
    expect(open(settings, 'Asia/Bangkok', new Date('2025-01-07T03:00:00Z'))).toBe(false);
  });
});
