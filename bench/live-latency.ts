// Live delivery latency: the time from a webhook POST to the `message.created` event at a
// pusher-js client subscribed as an agent to that conversation's private channel (authorized
// with the app's realtime secret, as /api/realtime/auth does), first on an idle app, then
// under a background load of signed deliveries at 200 messages/s.
//
//   npx tsx bench/live-latency.ts [--background=200] [--seconds=25] [--probe-every=100]
//
// Budget: p50 ≤ 20 ms, p99 ≤ 100 ms under 200 messages/s.
import { pathToFileURL } from 'node:url';
import type { Channel } from 'pusher-js';
import { useApp } from './lib/app';
import { numberOption, sleep, wallNow } from './lib/env';
import { keepAliveAgent, openLoop, sendOnce } from './lib/load';
import { agentClient, connected, subscribed } from './lib/pusher-client';
import { ms, Report, summarize } from './lib/report';
import { delivery, type Sender } from './lib/webhooks';
import { buildDeliveries, prepareIngest } from './ingest';

type Probe = { conversationId: string; sender: Sender };
type Sample = { kind: string; latency: number; toResponse: number };

export async function runLiveLatency(): Promise<Report> {
  const report = new Report('live-latency');
  const background = numberOption('background', 200);
  const seconds = numberOption('seconds', 25);
  const probeEvery = numberOption('probe-every', 100);
  report.header(`webhook POST → message.created at a subscribed pusher-js agent, idle and under ${background} msg/s`);

  const app = await useApp();
  const ctx = await prepareIngest(app).catch(async (e: unknown) => {
    await app.stop();
    throw e;
  });
  const client = agentClient({ ...app.secrets.pusher, port: app.pusherPort });
  try {
    // Probe conversations: open ones on each webhook channel, with the identity that writes in them.
    const rows = await ctx.pool.query<{ conversationId: string; channelId: string; kind: Sender['kind']; externalId: string; name: string }>(
      `select cv.id as "conversationId", ci.channel_id as "channelId", ch.kind, ci.external_id as "externalId", c.name
         from conversations cv
         join contact_identities ci on ci.contact_id = cv.contact_id and ci.channel_id = cv.channel_id
         join channels ch on ch.id = cv.channel_id and ch.kind in ('facebook', 'whatsapp', 'line')
         join contacts c on c.id = cv.contact_id
        where cv.workspace_id = $1 and cv.status = 'open'
        order by md5(cv.id::text) limit 30`,
      [ctx.workspaceId],
    );
    const probes: Probe[] = rows.rows
      .filter((r) => ctx.signers.some((s) => s.channelId === r.channelId))
      .map((r) => ({ conversationId: r.conversationId, sender: { channelId: r.channelId, kind: r.kind, externalId: r.externalId, name: r.name } }));
    if (probes.length === 0) throw new Error('No open conversation on a webhook channel to probe');

    await connected(client);
    const pending = new Map<string, (at: number) => void>();
    const channels: Channel[] = [];
    for (const p of probes) {
      const channel = await subscribed(client, `private-conversation-${p.conversationId}`);
      channel.bind('message.created', (data: { message?: { body?: string | null } }) => {
        const at = wallNow();
        const token = /\[probe (\w+)\]/.exec(data.message?.body ?? '')?.[1];
        if (token) pending.get(token)?.(at);
      });
      channels.push(channel);
    }
    console.log(`  agent subscribed to ${channels.length} conversation channels`);

    const probeAgent = keepAliveAgent(8);
    const base = new URL(app.url);
    const signerOf = new Map(ctx.signers.map((s) => [s.channelId, s]));
    const probe = async (i: number): Promise<Sample | null> => {
      const p = probes[i % probes.length];
      const token = `${Date.now().toString(36)}x${i}`;
      const req = delivery(signerOf.get(p.sender.channelId)!, p.sender, `Is this still available? [probe ${token}]`);
      const got = new Promise<number>((resolve) => pending.set(token, resolve));
      const start = wallNow();
      const res = await sendOnce(base, probeAgent, req);
      const responded = wallNow();
      const timeout = sleep(10_000).then(() => NaN);
      const at = await Promise.race([got, timeout]);
      pending.delete(token);
      if (res.status !== 200 || !Number.isFinite(at)) return null;
      return { kind: p.sender.kind, latency: at - start, toResponse: responded - start };
    };
    const probeFor = async (durationMs: number): Promise<{ samples: Sample[]; lost: number }> => {
      const out: Promise<Sample | null>[] = [];
      const start = performance.now();
      let i = 0;
      while (performance.now() - start < durationMs) {
        out.push(probe(i++));
        await sleep(probeEvery);
      }
      const results = await Promise.all(out);
      return { samples: results.filter((r): r is Sample => r !== null), lost: results.filter((r) => r === null).length };
    };

    // Warm-up, then idle.
    await probeFor(2000);
    const idle = await probeFor(Math.min(10_000, seconds * 400));
    const idleS = summarize(idle.samples.map((s) => s.latency));
    console.log(`  idle:            n=${idleS.n}  p50 ${ms(idleS.p50)} ms  p99 ${ms(idleS.p99)} ms  max ${ms(idleS.max)} ms  (lost ${idle.lost})`);

    // Under background load: the probes run alongside an open-loop load of other customers.
    const requests = buildDeliveries(ctx, Math.round(background * (seconds + 2)), `bench background ${background}/s`);
    const loadAgent = keepAliveAgent(256);
    const loadRun = openLoop({ url: app.url, rate: background, durationMs: (seconds + 2) * 1000, make: (i) => requests[i], agent: loadAgent, graceMs: 20_000 });
    await sleep(2000); // let the load reach its rate first
    const loaded = await probeFor(seconds * 1000);
    const load = await loadRun;
    loadAgent.destroy();
    probeAgent.destroy();
    const s = summarize(loaded.samples.map((x) => x.latency));
    const resp = summarize(loaded.samples.map((x) => x.toResponse));
    const loadS = summarize(load.latencies);
    console.log(`  under ${background}/s: n=${s.n}  p50 ${ms(s.p50)} ms  p99 ${ms(s.p99)} ms  max ${ms(s.max)} ms  (lost ${loaded.lost}; POST answered p50 ${ms(resp.p50)} ms)`);
    console.log(`  background load: sent ${load.sent}, answered ${load.achievedRate.toFixed(0)}/s, time-to-200 p50 ${ms(loadS.p50)} p99 ${ms(loadS.p99)} ms`);
    const byKind: Record<string, { n: number; p50: number; p99: number }> = {};
    for (const kind of ['facebook', 'whatsapp', 'line']) {
      const k = summarize(loaded.samples.filter((x) => x.kind === kind).map((x) => x.latency));
      if (k.n) byKind[kind] = { n: k.n, p50: k.p50, p99: k.p99 };
      const ki = summarize(idle.samples.filter((x) => x.kind === kind).map((x) => x.latency));
      if (ki.n) console.log(`    ${kind.padEnd(9)} idle p50 ${ms(ki.p50)} p99 ${ms(ki.p99)} ms · loaded p50 ${ms(k.p50)} p99 ${ms(k.p99)} ms`);
    }

    report.add({ name: `p50 under ${background} msg/s`, value: s.p50, unit: 'ms', budget: { op: '<=', value: 20 }, note: `${s.n} probes, ${loaded.lost} lost; background answered ${load.achievedRate.toFixed(0)}/s` });
    report.add({ name: `p99 under ${background} msg/s`, value: s.p99, unit: 'ms', budget: { op: '<=', value: 100 }, note: `max ${ms(s.max)} ms` });
    report.add({ name: 'p50 idle', value: idleS.p50, unit: 'ms', budget: { op: '<=', value: 20 }, note: `${idleS.n} probes` });
    report.add({ name: 'p99 idle', value: idleS.p99, unit: 'ms', budget: { op: '<=', value: 100 } });
    report.details = { idle: idleS, loaded: s, postAnswered: resp, background: { ...load, latencies: undefined, summary: loadS }, byKind };
  } finally {
    client.disconnect();
    await ctx.pool.end();
    await app.stop();
  }
  report.finish();
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runLiveLatency()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
