import Pusher from 'pusher-js';
import PusherServer from 'pusher';
import { realtimeChannels } from '@/lib/realtime/channels';
import type { Stack } from './stack';

/**
 * A signed-in agent's inbox as the realtime server sees it: a member of the workspace's
 * presence channel under their user id, which is what automatic routing asks for "online".
 * Authorization is signed with the app's secret, as in `agentSocket` (traffic.ts).
 */
export function onlineAs(stack: Stack, user: { id: string; name: string }) {
  const signer = new PusherServer({ appId: stack.pusher.appId, key: stack.pusher.key, secret: stack.pusher.secret, host: '127.0.0.1', port: String(stack.realtimePort) });
  const client = new Pusher(stack.pusher.key, {
    cluster: 'mt1',
    wsHost: '127.0.0.1',
    wsPort: stack.realtimePort,
    forceTLS: false,
    enabledTransports: ['ws'],
    channelAuthorization: {
      endpoint: '/unused',
      transport: 'ajax',
      customHandler: ({ socketId, channelName }, callback) =>
        callback(null, signer.authorizeChannel(socketId, channelName, { user_id: user.id, user_info: { name: user.name } })),
    },
  });
  const channel = client.subscribe(realtimeChannels.workspacePresence(stack.world.workspace.id));
  const subscribed = new Promise<void>((resolve) => channel.bind('pusher:subscription_succeeded', () => resolve()));
  return { subscribed, close: () => client.disconnect() };
}
