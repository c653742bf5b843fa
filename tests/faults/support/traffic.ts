import { createHash } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import Pusher, { type PresenceChannel } from 'pusher-js';
import PusherServer from 'pusher';
import { getDb } from '@/lib/db';
import { conversations, inboundEvents, messages } from '@/db/schema';
import { whatsappWebhook } from '@/fake-platforms';
import { realtimeChannels } from '@/lib/realtime/channels';
import type { Stack } from './stack';

// What a fault test sends and what it counts: a bounded stream of signed WhatsApp webhooks
// (customers × numbered messages), sent the way Meta does (a customer's next message after the
// previous one was accepted; a delivery answered with anything but 200 retried with backoff),
// and the accounts a fault report needs: answered 200, stored, processed, shown on an agent's
// socket, lost, duplicated, out of order.

export type Delivery = { customer: string; n: number; text: string; wamid: string; body: string; headers: Record<string, string>; eventKey: string };

/** `group` (digits) names the customers: plans of one group are the same customers' messages. */
export function plannedDeliveries(stack: Stack, options: { customers: number; perCustomer: number; group: string; tag: string }): Delivery[][] {
  const { world } = stack;
  let at = Date.now() - 3_600_000;
  return Array.from({ length: options.customers }, (_, c) => {
    const customer = `66${options.group.padEnd(4, '0').slice(0, 4)}${String(c).padStart(5, '0')}`;
    return Array.from({ length: options.perCustomer }, (_, i) => {
      const text = `${options.tag} ${customer} #${i + 1}`;
      const hook = whatsappWebhook(
        { phoneNumberId: world.whatsapp.phoneNumberId, waId: customer, name: `Customer ${c}`, text, timestamp: new Date((at += 1_000)) },
        world.whatsapp.secrets.appSecret,
      );
      return {
        customer,
        n: i + 1,
        text,
        wamid: hook.messageId!,
        body: hook.body,
        headers: hook.headers,
        eventKey: createHash('sha256').update(hook.body).digest('hex'),
      };
    });
  });
}

export type SendLog = {
  /** Deliveries answered 200 (each counted once). */
  accepted: Set<string>;
  /** Every answer by status ('error' for no answer at all). */
  answers: Map<string, number>;
};

/**
 * Sends every customer's deliveries in order, customers side by side, round-robin over the
 * web processes. A non-200 answer or no answer is retried (backoff 100 ms doubling to 2 s)
 * until `deadlineMs` from the start, as a platform does.
 */
export async function sendAsPlatform(stack: Stack, plan: Delivery[][], options: { deadlineMs?: number; spacingMs?: number } = {}): Promise<SendLog> {
  const log: SendLog = { accepted: new Set(), answers: new Map() };
  const count = (status: string) => log.answers.set(status, (log.answers.get(status) ?? 0) + 1);
  const deadline = Date.now() + (options.deadlineMs ?? 120_000);
  let turn = 0;
  const url = () => `${stack.webUrls[turn++ % stack.webUrls.length]}/api/webhooks/whatsapp/${stack.world.whatsapp.channel.id}`;

  await Promise.all(
    plan.map(async (deliveries) => {
      for (const d of deliveries) {
        let backoff = 100;
        for (;;) {
          const status = await fetch(url(), { method: 'POST', headers: d.headers, body: d.body, signal: AbortSignal.timeout(10_000) })
            .then(async (r) => {
              await r.arrayBuffer();
              return String(r.status);
            })
            .catch(() => 'error');
          count(status);
          if (status === '200') {
            log.accepted.add(d.wamid);
            break;
          }
          if (Date.now() > deadline) break;
          await new Promise((r) => setTimeout(r, backoff));
          backoff = Math.min(2_000, backoff * 2);
        }
        if (options.spacingMs) await new Promise((r) => setTimeout(r, options.spacingMs));
      }
    }),
  );
  return log;
}

/**
 * An agent's live view through the real pusher-js client: the workspace channel tells of
 * conversations, whose channels it then joins; every inbound message.created is noted.
 * Channel authorization is signed with the app's secret (the app's own endpoint would do the
 * same after its session check, which is not what these tests are about).
 */
/** The app's server SDK for the stack's realtime server (signs authorizations, asks its HTTP API). */
const realtimeServerOf = (stack: Stack) =>
  new PusherServer({ appId: stack.pusher.appId, key: stack.pusher.key, secret: stack.pusher.secret, host: '127.0.0.1', port: String(stack.realtimePort) });

/** A real pusher-js client of the stack's realtime server whose channels are authorized with the app's secret, as `member` on presence channels. */
export function signedRealtimeClient(stack: Stack, member: { id: string; name: string }): Pusher {
  const signer = realtimeServerOf(stack);
  return new Pusher(stack.pusher.key, {
    cluster: 'mt1',
    wsHost: '127.0.0.1',
    wsPort: stack.realtimePort,
    forceTLS: false,
    enabledTransports: ['ws'],
    channelAuthorization: {
      endpoint: '/unused',
      transport: 'ajax',
      customHandler: ({ socketId, channelName }, callback) =>
        callback(null, signer.authorizeChannel(socketId, channelName, channelName.startsWith('presence-') ? { user_id: member.id, user_info: { name: member.name } } : undefined)),
    },
  });
}

export function agentSocket(stack: Stack) {
  const client = signedRealtimeClient(stack, { id: 'fault-agent', name: 'Fault agent' });
  const server = realtimeServerOf(stack);
  const seen = new Set<string>();
  const joined = new Set<string>();
  const states: string[] = [];
  client.connection.bind('state_change', (s: { current: string }) => states.push(s.current));
  const join = (conversationId: string): Promise<void> => {
    if (joined.has(conversationId)) return Promise.resolve();
    joined.add(conversationId);
    const channel = client.subscribe(realtimeChannels.conversation(conversationId));
    channel.bind('message.created', (data: { message: { direction: string; body: string | null } }) => {
      if (data.message.direction === 'inbound' && data.message.body) seen.add(data.message.body);
    });
    return new Promise((resolve) => channel.bind('pusher:subscription_succeeded', () => resolve()));
  };
  const workspace = client.subscribe(realtimeChannels.workspace(stack.world.workspace.id));
  for (const event of ['conversation.created', 'conversation.updated']) workspace.bind(event, (c: { id: string }) => void join(c.id));
  const subscribed = new Promise<void>((resolve) => workspace.bind('pusher:subscription_succeeded', () => resolve()));
  const presence = client.subscribe(realtimeChannels.workspacePresence(stack.world.workspace.id)) as PresenceChannel;
  return {
    subscribed,
    /** Whether the realtime server lists this agent as online on the workspace's presence channel. */
    async listedOnline(): Promise<boolean> {
      if (!presence.subscribed || !presence.members.me) return false;
      const response = await server.get({ path: `/channels/${realtimeChannels.workspacePresence(stack.world.workspace.id)}/users` });
      const body = (await response.json()) as { users: { id: string }[] };
      return body.users.some((u) => u.id === 'fault-agent');
    },
    /** Texts of inbound messages this agent was shown live. */
    seen,
    states,
    join,
    /** Joins every conversation of the workspace that exists now (as a page load would). */
    async joinExisting() {
      const rows = await getDb().select({ id: conversations.id }).from(conversations).where(eq(conversations.workspaceId, stack.world.workspace.id));
      await Promise.all(rows.map((r) => join(r.id)));
    },
    get connected() {
      return client.connection.state === 'connected';
    },
    close: () => client.disconnect(),
  };
}

export type FaultAccount = {
  sent: number;
  answered200: number;
  stored: number;
  processed: number;
  shownLive: number | null;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  answers: Record<string, number>;
};

/** What became of the plan: read from the database once every accepted delivery settled. */
export async function account(plan: Delivery[][], sent: SendLog, shownLive: Set<string> | null): Promise<FaultAccount> {
  const all = plan.flat();
  const db = getDb();
  const keys = all.map((d) => d.eventKey);
  const events = await db.select({ key: inboundEvents.eventKey, status: inboundEvents.status }).from(inboundEvents).where(inArray(inboundEvents.eventKey, keys));
  const stored = messagesByWamid(
    await db
      .select({ wamid: messages.externalId, body: messages.body, conversationId: messages.conversationId, seq: messages.seq })
      .from(messages)
      .where(and(inArray(messages.externalId, all.map((d) => d.wamid)), eq(messages.direction, 'inbound')))
      .orderBy(asc(messages.seq)),
  );
  let outOfOrder = 0;
  for (const deliveries of plan) {
    const order = deliveries.flatMap((d) => (stored.get(d.wamid) ?? []).map((m) => ({ n: d.n, seq: m.seq })));
    order.sort((a, b) => a.seq - b.seq);
    for (let i = 1; i < order.length; i++) if (order[i].n < order[i - 1].n) outOfOrder += 1;
  }
  return {
    sent: all.length,
    answered200: sent.accepted.size,
    stored: events.length,
    processed: events.filter((e) => e.status === 'processed').length,
    shownLive: shownLive ? all.filter((d) => shownLive.has(d.text)).length : null,
    lost: all.filter((d) => sent.accepted.has(d.wamid) && !stored.has(d.wamid)).length,
    duplicated: [...stored.values()].reduce((n, rows) => n + rows.length - 1, 0),
    outOfOrder,
    answers: Object.fromEntries(sent.answers),
  };
}

function messagesByWamid<T extends { wamid: string | null }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) if (r.wamid) map.set(r.wamid, [...(map.get(r.wamid) ?? []), r]);
  return map;
}

/** Deliveries of the plan processed so far (all of them processed: the plan has settled). */
export async function processedCount(plan: Delivery[][]): Promise<number> {
  const keys = plan.flat().map((d) => d.eventKey);
  const rows = await getDb().select({ status: inboundEvents.status }).from(inboundEvents).where(inArray(inboundEvents.eventKey, keys));
  return rows.filter((r) => r.status === 'processed').length;
}
