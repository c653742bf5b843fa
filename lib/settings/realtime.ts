import { realtimeChannels } from '@/lib/realtime/channels';
import { publish } from '@/lib/realtime/publisher';

export type InboxConfigSection = 'shortcuts' | 'text_blocks' | 'templates' | 'customer_fields';

/**
 * Tells every open inbox of the workspace that something the composer or the customer
 * panel uses changed, so it refetches (`inbox_config.updated` on the workspace channel).
 */
export async function publishInboxConfigChanged(workspaceId: string, section: InboxConfigSection): Promise<void> {
  await publish([{ channel: realtimeChannels.workspace(workspaceId), name: 'inbox_config.updated', data: { section, at: new Date().toISOString() } }]);
}
