import type { ReplyWindow } from '../types';
import { addMs, DAY_MS } from '../shared/window';

/** Each customer message opens a 24 h service window; outside it only templates are delivered. */
export function whatsAppReplyWindow(lastCustomerMessageAt: Date | null, now: Date): ReplyWindow {
  if (!lastCustomerMessageAt) {
    return { state: 'templates_only', reason: 'The customer has not written yet: WhatsApp only delivers approved templates' };
  }
  if (now.getTime() - lastCustomerMessageAt.getTime() <= DAY_MS) {
    return { state: 'open', closesAt: addMs(lastCustomerMessageAt, DAY_MS) };
  }
  return { state: 'templates_only', reason: 'More than 24 h since the customer wrote: WhatsApp only delivers approved templates' };
}
