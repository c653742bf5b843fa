// The embedded realtime server (realtime-server) in a process of its own, for the fan-out
// benchmark: the clients and the server must not share one event loop, or the figure would
// measure the harness. Reports its port over IPC, and its CPU and memory when asked.
import { performance } from 'node:perf_hooks';
import { startPusherServer } from '../../realtime-server';

const app = JSON.parse(process.env.BENCH_PUSHER_APP ?? '{}') as { appId: string; key: string; secret: string };
const server = await startPusherServer({ ...app, host: '127.0.0.1', port: 0 });
let elu = performance.eventLoopUtilization();
let cpu = process.cpuUsage();
let peakRss = 0;
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);

process.send?.({ type: 'ready', port: server.port });
process.on('message', (msg: { type: string }) => {
  if (msg.type === 'mark') {
    elu = performance.eventLoopUtilization();
    cpu = process.cpuUsage();
    peakRss = process.memoryUsage().rss;
    process.send?.({ type: 'marked' });
  }
  if (msg.type === 'stats') {
    const used = process.cpuUsage(cpu);
    process.send?.({
      type: 'stats',
      elu: performance.eventLoopUtilization(elu).utilization,
      cpuSeconds: (used.user + used.system) / 1e6,
      rssMb: process.memoryUsage().rss / 1024 / 1024,
      peakRssMb: peakRss / 1024 / 1024,
    });
  }
  if (msg.type === 'stop') {
    clearInterval(rssTimer);
    void server.close().then(() => process.exit(0));
  }
});
