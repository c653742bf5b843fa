import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { contactIdentities, conversations, type CallRow } from '@/db/schema';
import { realtimeChannels } from '@/lib/realtime/channels';
import type { RealtimeEvent } from '@/lib/realtime/publisher';
import type { CallView } from './rules';

/**
 * The visitor's own channels for a conversation (one per browser the contact chats from on
 * that website channel): ringing reaches them there, since a visitor listens to the assist
 * channel only once they answer.
 */
export async function visitorChannelsOf(tx: DbOrTx, conversationId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: contactIdentities.id })
    .from(conversations)
    .innerJoin(contactIdentities, and(eq(contactIdentities.contactId, conversations.contactId), eq(contactIdentities.channelId, conversations.channelId)))
    .where(eq(conversations.id, conversationId));
  return rows.map((r) => realtimeChannels.visitor(r.id));
}

export function callView(call: CallRow, agentName: string | null): CallView {
  return { id: call.id, conversationId: call.conversationId, kind: call.kind, status: call.status, agentName };
}

export function ringingEvents(visitorChannels: string[], view: CallView): RealtimeEvent[] {
  return visitorChannels.map((channel) => ({ channel, name: 'call.ringing', data: view }));
}

export function answeredEvents(call: CallRow): RealtimeEvent[] {
  return [{ channel: realtimeChannels.assist(call.conversationId), name: 'call.answered', data: { id: call.id } }];
}

/** Both sides hear that the call ended: the agent and an answered visitor on the assist channel, a still ringing widget on its own. */
export function endedEvents(call: CallRow, visitorChannels: string[]): RealtimeEvent[] {
  const data = { id: call.id, reason: call.endReason, endedBy: call.endedBy };
  return [realtimeChannels.assist(call.conversationId), ...visitorChannels].map((channel) => ({ channel, name: 'call.ended', data }));
}
