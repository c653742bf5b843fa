import type { OutboundMessage } from '@/channels/types';
import type { Tx } from '@/db/client';
import type { HandOffReason } from '@/lib/conversations/state-machine';
import { acknowledgesHandOff, buildHandOffMessage } from './message';
import { readHandOffMessage } from './settings';
import { loadWaitBasis } from './wait-basis';
import { estimateWaitMs } from './wait-estimate';

/**
 * What the bot tells the customer it just handed to Requests (in the hand-off's own
 * transaction), or null when nothing is said. The caller queues it like the bot's other
 * messages, so it reaches every channel the same way.
 */
export async function handOffAcknowledgement(
  tx: Tx,
  input: {
    workspaceId: string;
    settings: Record<string, unknown>;
    conversation: { id: string; teamId: string | null };
    reason: HandOffReason;
    flowSaidSo?: boolean;
  },
): Promise<OutboundMessage | null> {
  const flowSaidSo = input.flowSaidSo ?? false;
  if (!acknowledgesHandOff({ reason: input.reason, flowSaidSo })) return null;
  const settings = readHandOffMessage(input.settings);
  // The estimate costs a few queries: only when the message will carry it.
  const waitMs = settings.enabled && settings.includeWait ? await expectedWaitMs(tx, input.workspaceId, input.conversation) : null;
  const text = buildHandOffMessage({ reason: input.reason, flowSaidSo, settings, waitMs });
  return text === null ? null : { kind: 'text', text };
}

async function expectedWaitMs(tx: Tx, workspaceId: string, conversation: { id: string; teamId: string | null }): Promise<number | null> {
  return estimateWaitMs(await loadWaitBasis(tx, { workspaceId, conversationId: conversation.id, teamId: conversation.teamId }));
}
