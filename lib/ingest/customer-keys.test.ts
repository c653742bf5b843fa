import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '@/channels/types';
import { customerKeysOf } from './customer-keys';

const at = new Date(0);

describe('customerKeysOf', () => {
  it('names each customer a delivery is about once: who wrote, and who the page’s own messages and receipts went to', () => {
    const events: NormalizedEvent[] = [
      { type: 'message', externalMessageId: 'm1', sender: { externalId: 'U1' }, timestamp: at, content: { kind: 'text', text: 'hi' }, raw: {} },
      { type: 'message', externalMessageId: 'm2', sender: { externalId: 'U1' }, timestamp: at, content: { kind: 'text', text: 'again' }, raw: {} },
      { type: 'echo', externalMessageId: 'm3', recipient: { externalId: 'U2' }, timestamp: at, content: { kind: 'text', text: 'from the page' }, raw: {} },
      { type: 'watermark', kind: 'read', recipientExternalId: 'U3', watermark: at, raw: {} },
      { type: 'unsupported', eventId: 'e1', description: 'a reaction', timestamp: at, raw: {} },
    ] as NormalizedEvent[];
    expect(customerKeysOf('ch', events)).toEqual(['ch:U1', 'ch:U2', 'ch:U3']);
  });
});
