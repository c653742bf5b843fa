import { realtimeChannels } from '@/lib/realtime/channels';
import type { RealtimeEvent } from '@/lib/realtime/publisher';

// Customer changes go out on the workspace channel: every open inbox showing this
// customer refetches its panel. Payloads carry ids only, never personal data.

export function contactUpdated(workspaceId: string, contactId: string, updatedAt: Date): RealtimeEvent {
  return { channel: realtimeChannels.workspace(workspaceId), name: 'contact.updated', data: { contactId, updatedAt: updatedAt.toISOString() } };
}

export function contactDeleted(workspaceId: string, contactId: string, conversationIds: string[]): RealtimeEvent {
  return { channel: realtimeChannels.workspace(workspaceId), name: 'contact.deleted', data: { contactId, conversationIds } };
}
