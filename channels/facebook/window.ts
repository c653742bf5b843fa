import type { ReplyWindow } from '../types';
import { addMs, DAY_MS } from '../shared/window';

/** 24 h standard messaging, then HUMAN_AGENT-tagged replies until day 7, then nothing. */
export function messengerReplyWindow(lastCustomerMessageAt: Date | null, now: Date): ReplyWindow {
  return sendApiReplyWindow('Messenger', 'a page', lastCustomerMessageAt, now);
}

/** The Send API's rule, the same on Messenger and Instagram. */
export function sendApiReplyWindow(label: string, who: string, lastCustomerMessageAt: Date | null, now: Date): ReplyWindow {
  if (!lastCustomerMessageAt) return { state: 'closed', reason: `${label} does not let ${who} message someone who has not written first` };
  const elapsed = now.getTime() - lastCustomerMessageAt.getTime();
  if (elapsed <= DAY_MS) return { state: 'open', closesAt: addMs(lastCustomerMessageAt, DAY_MS) };
  if (elapsed <= 7 * DAY_MS) {
    return {
      state: 'human_agent',
      closesAt: addMs(lastCustomerMessageAt, 7 * DAY_MS),
      reason: 'More than 24 h since the customer wrote: a human agent may reply (HUMAN_AGENT tag) until 7 days have passed',
    };
  }
  return { state: 'closed', reason: `More than 7 days since the customer wrote: ${label} accepts no reply until they write again` };
}
