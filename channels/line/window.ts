import type { ReplyWindow } from '../types';

/** LINE has no reply window: push works any time to a user who has added the account. */
export function lineReplyWindow(): ReplyWindow {
  return { state: 'open', closesAt: null };
}
