// The realtime server as a process of its own, so a fault test can kill it and start it again
// on the same port (the app's configuration does not change, as with a restarted soketi).
import { stopWhenLauncherGone } from '../../../background/launcher-watch';
import { clientEventChannelPrefixes } from '../../../lib/realtime/channels';
import { startPusherServer } from '../../../realtime-server';

const server = await startPusherServer({
  appId: process.env.PUSHER_APP_ID!,
  key: process.env.PUSHER_KEY!,
  secret: process.env.PUSHER_SECRET!,
  host: '127.0.0.1',
  port: Number(process.env.PUSHER_PORT),
  clientEventChannelPrefixes,
});
console.log(`realtime server listening on ${server.port}`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
stopWhenLauncherGone();
