// Agent sockets for the fan-out benchmark, in a process of their own: `pusherjs` pusher-js
// clients and `raw` minimal Pusher-protocol-7 WebSocket clients (connect, authorized
// subscribe, count frames: no pusher-js parsing), all on one channel. Reports per-socket
// counts and latencies (trigger time carried in the event → arrival here) over IPC.
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { agentClient, connected, serverSdk, subscribed } from './pusher-client';
import { wallNow } from './env';

type Config = { appId: string; key: string; secret: string; port: number; channel: string; pusherjs: number; raw: number; event: string };
const cfg = JSON.parse(process.env.BENCH_FANOUT_CLIENTS ?? '{}') as Config;
const signer = serverSdk(cfg);
const counts: number[] = [];
const latencies: number[] = [];
const closers: Array<() => void> = [];

async function pusherjsSocket(index: number) {
  const client = agentClient(cfg, signer);
  closers.push(() => client.disconnect());
  await connected(client, 30_000);
  const channel = await subscribed(client, cfg.channel, 30_000);
  channel.bind(cfg.event, (data: { t: number }) => {
    latencies.push(wallNow() - data.t);
    counts[index]++;
  });
}

const T = /\\"t\\":([\d.]+)/;
function rawSocket(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${cfg.port}/app/${cfg.key}?protocol=7&client=bench-raw&version=1.0`);
    closers.push(() => ws.close());
    const timer = setTimeout(() => reject(new Error('raw socket did not subscribe')), 30_000);
    ws.on('error', reject);
    ws.on('message', (buf: Buffer) => {
      const text = buf.toString();
      if (text.includes(cfg.event)) {
        const t = T.exec(text)?.[1];
        if (t) latencies.push(wallNow() - Number(t));
        counts[index]++;
      } else if (text.includes('pusher:connection_established')) {
        const socketId = JSON.parse(JSON.parse(text).data).socket_id as string;
        const { auth } = signer.authorizeChannel(socketId, cfg.channel);
        ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel: cfg.channel, auth } }));
      } else if (text.includes('pusher_internal:subscription_succeeded')) {
        clearTimeout(timer);
        resolve();
      } else if (text.includes('pusher:ping')) {
        ws.send(JSON.stringify({ event: 'pusher:pong', data: {} }));
      }
    });
  });
}

const total = cfg.pusherjs + cfg.raw;
for (let i = 0; i < total; i++) counts.push(0);
for (let i = 0; i < total; i += 50) {
  await Promise.all(Array.from({ length: Math.min(50, total - i) }, (_, j) => (i + j < cfg.pusherjs ? pusherjsSocket(i + j) : rawSocket(i + j))));
}
let elu = performance.eventLoopUtilization();
process.send?.({ type: 'ready' });
process.on('message', (msg: { type: string }) => {
  if (msg.type === 'mark') {
    elu = performance.eventLoopUtilization();
    process.send?.({ type: 'marked' });
  }
  if (msg.type === 'counts') process.send?.({ type: 'counts', counts });
  if (msg.type === 'report') {
    process.send?.({ type: 'report', counts, latencies, elu: performance.eventLoopUtilization(elu).utilization });
  }
  if (msg.type === 'stop') {
    for (const close of closers) close();
    setTimeout(() => process.exit(0), 200);
  }
});
