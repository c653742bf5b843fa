import type { OutboundMessage } from '@/channels/types';
import type { Tx } from '@/db/client';
import type { HandOffReason } from '@/lib/conversations/state-machine';
import { acknowledgesHandOff, buildHandOffMessage, type AwayContext } from './message';
import { isOpen, nextOpening } from '@/lib/business-hours/calendar';
import { businessHoursOf } from '@/lib/business-hours/schedule';
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
    timezone: string;
    at?: Date;
  },
): Promise<OutboundMessage | null> {
  const flowSaidSo = input.flowSaidSo ?? false;
  if (!acknowledgesHandOff({ reason: input.reason, flowSaidSo })) return null;
  const settings = readHandOffMessage(input.settings);
  const away = awayContext({ settings: input.settings, timezone: input.timezone }, input.at ?? new Date());
  // The estimate costs a few queries: only when the message will carry it.
  const waitMs = !away && settings.enabled && settings.includeWait ? await expectedWaitMs(tx, input.workspaceId, input.conversation) : null;
  const text = buildHandOffMessage({ reason: input.reason, flowSaidSo, settings, waitMs, away });
  return text === null ? null : { kind: 'text', text };
}

/** Null while the shop is open (or keeps no hours). */
function awayContext(workspace: { settings: Record<string, unknown>; timezone: string }, at: Date): AwayContext | null {
  const hours = businessHoursOf(workspace);
  if (!hours || isOpen(hours, at)) return null;
  return { text: hours.awayMessage, reopensAt: nextOpening(hours, at), timeZone: hours.timeZone };
}

async function expectedWaitMs(tx: Tx, workspaceId: string, conversation: { id: string; teamId: string | null }): Promise<number | null> {
  return estimateWaitMs(await loadWaitBasis(tx, { workspaceId, conversationId: conversation.id, teamId: conversation.teamId }));
}
