import type { ChannelBase } from '@/channels/adapter';
import type { ChannelKind, OutboundMessage, ReplyWindow } from '@/channels/types';
import type { OptinAvailability } from '@/lib/messenger-optins/availability';

export type SendMode = { ok: true; humanAgentTag: boolean; notificationToken?: string } | { ok: false; reason: string };

/**
 * Whether a message may go out now under the channel's reply window, and how. The
 * composer asks the same question (replyWindow) to explain itself before anyone types.
 * Past Messenger's 7 days, when even the HUMAN_AGENT tag no longer applies, an agent's text
 * goes out as an opt-in notification when the customer has a usable opt-in (`notification`):
 * within the 7 days the tag carries it, and the period's one notification is kept for later.
 */
export function decideSendMode(
  channel: ChannelBase<ChannelKind>,
  input: {
    lastCustomerMessageAt: Date | null;
    now: Date;
    senderKind: string;
    contentKind: OutboundMessage['kind'];
    notification?: OptinAvailability | null;
  },
): SendMode {
  const window: ReplyWindow = channel.replyWindow(input.lastCustomerMessageAt, input.now);
  if (window.state === 'closed' && input.senderKind === 'agent' && input.contentKind === 'text' && input.notification?.usable) {
    return { ok: true, humanAgentTag: false, notificationToken: input.notification.token };
  }
  switch (window.state) {
    case 'open':
      return { ok: true, humanAgentTag: false };
    case 'human_agent':
      // Meta allows the HUMAN_AGENT tag for people only, never for automated messages.
      return input.senderKind === 'agent' ? { ok: true, humanAgentTag: true } : { ok: false, reason: window.reason };
    case 'templates_only':
      return input.contentKind === 'template' ? { ok: true, humanAgentTag: false } : { ok: false, reason: window.reason };
    case 'closed': {
      const why = input.notification && !input.notification.usable && input.senderKind === 'agent' ? ` ${input.notification.reason}.` : '';
      return { ok: false, reason: `${window.reason}${why}` };
    }
  }
}
