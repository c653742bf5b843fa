import type { ChannelBase } from '@/channels/adapter';
import type { ChannelKind, OutboundMessage, ReplyWindow } from '@/channels/types';

export type SendMode = { ok: true; humanAgentTag: boolean } | { ok: false; reason: string };

/**
 * Whether a message may go out now under the channel's reply window, and how. The
 * composer asks the same question (replyWindow) to explain itself before anyone types.
 */
export function decideSendMode(
  channel: ChannelBase<ChannelKind>,
  input: { lastCustomerMessageAt: Date | null; now: Date; senderKind: string; contentKind: OutboundMessage['kind'] },
): SendMode {
  const window: ReplyWindow = channel.replyWindow(input.lastCustomerMessageAt, input.now);
  switch (window.state) {
    case 'open':
      return { ok: true, humanAgentTag: false };
    case 'human_agent':
      // Meta allows the HUMAN_AGENT tag for people only, never for automated messages.
      return input.senderKind === 'agent' ? { ok: true, humanAgentTag: true } : { ok: false, reason: window.reason };
    case 'templates_only':
      return input.contentKind === 'template' ? { ok: true, humanAgentTag: false } : { ok: false, reason: window.reason };
    case 'closed':
      return { ok: false, reason: window.reason };
  }
}
