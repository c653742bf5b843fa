import type { NormalizedEvent } from '@/channels/types';

/** The key that orders one customer's messages: their channel and their id on it. */
export const customerKey = (channelId: string, externalId: string) => `${channelId}:${externalId}`;

/** The customer an event is about: who wrote, or who the page's own message and receipts went to. */
function customerOf(event: NormalizedEvent): string | undefined {
  switch (event.type) {
    case 'message':
    case 'reaction':
    case 'deletion':
    case 'follow':
    case 'unfollow':
    case 'typing':
    case 'optin':
      return event.sender.externalId;
    case 'unsupported':
      return event.sender?.externalId;
    case 'echo':
      return event.recipient.externalId;
    case 'status':
    case 'watermark':
      return event.recipientExternalId;
  }
}

/** Every customer a delivery's events are about, as keys (a Messenger batch may hold several). */
export function customerKeysOf(channelId: string, events: readonly NormalizedEvent[]): string[] {
  const keys = new Set<string>();
  for (const event of events) {
    const id = customerOf(event);
    if (id) keys.add(customerKey(channelId, id));
  }
  return [...keys];
}
