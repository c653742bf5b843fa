import { realtimeChannels } from '@/lib/realtime/channels';
import type { Stack } from './stack';
import { signedRealtimeClient } from './traffic';

/**
 * A signed-in agent's inbox as the realtime server sees it: a member of the workspace's
 * presence channel under their user id, which is what automatic routing asks for "online".
 */
export function onlineAs(stack: Stack, user: { id: string; name: string }) {
  const client = signedRealtimeClient(stack, user);
  const channel = client.subscribe(realtimeChannels.workspacePresence(stack.world.workspace.id));
  const subscribed = new Promise<void>((resolve) => channel.bind('pusher:subscription_succeeded', () => resolve()));
  return { subscribed, close: () => client.disconnect() };
}
