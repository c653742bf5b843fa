import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import {
  channels,
  contacts,
  contactTags,
  conversations,
  csatResponses,
  flows,
  flowVersions,
  messages,
  orderItems,
  orders,
  presenceSessions,
  products,
  reportActivityPending,
  slaRules,
  slaTargets,
  tags,
  teams,
  workspaces,
} from '@/db/schema';
import { loadReports } from '@/lib/reports';
import { foldPendingActivity } from '@/lib/reports/activity';
import { conversationsCsv } from '@/lib/reports/conversations-csv';
import { reportFiltersInput, reportScope, type ReportContext } from '@/lib/reports/filters';
import { parseCsv } from '@/lib/commerce/csv';
import { addMember, createUser, createWorkspace } from '../support/fixtures';

// Every report figure against a small world computed by hand. The shop is in Bangkok
// (UTC+7, no DST); the range is Monday 2 to Sunday 8 March 2026 in the shop's days, that
// is 2026-03-01T17:00Z to 2026-03-08T17:00Z.

const at = (iso: string) => new Date(iso);
const range = { from: '2026-03-02', to: '2026-03-08' };

async function world() {
  const db = getDb();
  const ws = await createWorkspace(db, 'Reports');
  await db.update(workspaces).set({ timezone: 'Asia/Bangkok' }).where(eq(workspaces.id, ws.id));
  const ana = await createUser(db, 'Ana');
  const ben = await createUser(db, 'Ben');
  await addMember(db, ws.id, ana.id, 'admin');
  await addMember(db, ws.id, ben.id, 'agent');
  const [web] = await db.insert(channels).values({ workspaceId: ws.id, kind: 'web', name: 'Website', externalId: randomUUID() }).returning();
  const [wa] = await db.insert(channels).values({ workspaceId: ws.id, kind: 'whatsapp', name: 'WhatsApp', externalId: randomUUID() }).returning();
  const [team] = await db.insert(teams).values({ workspaceId: ws.id, name: 'Sales' }).returning();
  const [k1] = await db.insert(contacts).values({ workspaceId: ws.id, name: 'Kerry', customData: { plan: 'gold' } }).returning();
  const [k2] = await db.insert(contacts).values({ workspaceId: ws.id, name: 'Lee' }).returning();
  const [k3] = await db.insert(contacts).values({ workspaceId: ws.id, name: '=cmd()' }).returning();
  const [vip] = await db.insert(tags).values({ workspaceId: ws.id, name: 'VIP' }).returning();
  await db.insert(contactTags).values({ contactId: k1.id, tagId: vip.id });
  const [flow] = await db.insert(flows).values({ workspaceId: ws.id, name: 'Sizes' }).returning();
  await db.insert(flowVersions).values({
    flowId: flow.id,
    version: 1,
    workspaceId: ws.id,
    definition: { steps: [{ id: 'ask_size', type: 'ask_choice' }] },
  });
  const [tote] = await db.insert(products).values({ workspaceId: ws.id, sku: 'TOTE', name: 'Tote', priceMinor: 59000, currency: 'THB' }).returning();
  const [cap] = await db.insert(products).values({ workspaceId: ws.id, sku: 'CAP', name: 'Cap', priceMinor: 2500, currency: 'USD' }).returning();

  const conv = async (values: Partial<typeof conversations.$inferInsert> & { contactId: string; channelId: string }) =>
    (await db.insert(conversations).values({ workspaceId: ws.id, ...values }).returning())[0];
  // c5: opened before the range (Sunday 23:00 in Bangkok), resolved inside it (Monday 08:00).
  const c5 = await conv({ contactId: k2.id, channelId: web.id, createdAt: at('2026-03-01T16:00:00Z'), openedHandler: 'queue', reachedPeopleAt: at('2026-03-01T16:00:00Z'), status: 'resolved', resolvedAt: at('2026-03-02T01:00:00Z') });
  // c1: Monday 10:00, a request; Ana answers in 10 minutes and resolves after 2 hours.
  const c1 = await conv({ contactId: k1.id, channelId: web.id, createdAt: at('2026-03-02T03:00:00Z'), openedHandler: 'queue', reachedPeopleAt: at('2026-03-02T03:00:00Z'), firstReplyAt: at('2026-03-02T03:10:00Z'), firstReplyById: ana.id, assigneeId: ana.id, handler: 'agent', teamId: team.id, status: 'resolved', resolvedAt: at('2026-03-02T05:00:00Z') });
  // c2: Tuesday 09:00 with the bot; the customer asks for a person at step ask_size; Ben answers 30 minutes later.
  const c2 = await conv({ contactId: k2.id, channelId: wa.id, createdAt: at('2026-03-03T02:00:00Z'), openedHandler: 'bot', reachedPeopleAt: at('2026-03-03T02:20:00Z'), firstReplyAt: at('2026-03-03T02:50:00Z'), firstReplyById: ben.id, assigneeId: ben.id, handler: 'agent' });
  // c3: Wednesday 17:00, the bot alone: its flow ended and it was resolved 5 minutes later.
  const c3 = await conv({ contactId: k3.id, channelId: web.id, createdAt: at('2026-03-04T10:00:00Z'), openedHandler: 'bot', handler: 'bot', botState: null, status: 'resolved', resolvedAt: at('2026-03-04T10:05:00Z') });
  // c4: Thursday 08:00, Kerry again on the website (reopened); Ana answers in 20 minutes.
  const c4 = await conv({ contactId: k1.id, channelId: web.id, createdAt: at('2026-03-05T01:00:00Z'), openedHandler: 'queue', reachedPeopleAt: at('2026-03-05T01:00:00Z'), firstReplyAt: at('2026-03-05T01:20:00Z'), firstReplyById: ana.id, assigneeId: ana.id, handler: 'agent' });

  const msg = (c: { id: string; channelId: string }, values: Partial<typeof messages.$inferInsert> & Pick<typeof messages.$inferInsert, 'direction' | 'senderKind' | 'createdAt'>) =>
    ({ workspaceId: ws.id, conversationId: c.id, channelId: c.channelId, body: 'hi', ...values }) as typeof messages.$inferInsert;
  const customer = (c: { id: string; channelId: string }, iso: string) => msg(c, { direction: 'inbound', senderKind: 'customer', createdAt: at(iso) });
  const agent = (c: { id: string; channelId: string }, userId: string, iso: string) => msg(c, { direction: 'outbound', senderKind: 'agent', senderUserId: userId, createdAt: at(iso) });
  await db.insert(messages).values([
    customer(c5, '2026-03-01T16:00:00Z'),
    customer(c1, '2026-03-02T03:00:00Z'),
    customer(c1, '2026-03-02T03:30:00Z'),
    customer(c2, '2026-03-03T02:00:00Z'),
    customer(c3, '2026-03-04T10:00:00Z'),
    customer(c4, '2026-03-05T01:00:00Z'),
    agent(c1, ana.id, '2026-03-02T03:10:00Z'),
    agent(c1, ana.id, '2026-03-02T04:00:00Z'),
    agent(c4, ana.id, '2026-03-05T01:20:00Z'),
    agent(c2, ben.id, '2026-03-03T02:50:00Z'),
    agent(c5, ben.id, '2026-03-01T16:30:00Z'),
    msg(c3, { direction: 'outbound', senderKind: 'bot', createdAt: at('2026-03-04T10:00:01Z') }),
    msg(c2, {
      direction: 'internal',
      senderKind: 'system',
      kind: 'status',
      createdAt: at('2026-03-03T02:20:00Z'),
      payload: { event: 'bot_hand_off', reason: 'customer_asked', flowId: flow.id, flowVersion: 1, stepId: 'ask_size' },
    }),
    msg(c2, { direction: 'outbound', senderKind: 'agent', senderUserId: ben.id, kind: 'product', createdAt: at('2026-03-03T02:55:00Z'), payload: { outbound: { kind: 'product', product: { name: 'Tote', buyPayload: `BUY:${tote.id}` } } } }),
    msg(c4, { direction: 'outbound', senderKind: 'agent', senderUserId: ana.id, kind: 'product', createdAt: at('2026-03-05T01:30:00Z'), payload: { outbound: { kind: 'product', product: { name: 'Tote', buyPayload: `BUY:${tote.id}` } } } }),
  ]);

  const [rule] = await db.insert(slaRules).values({ workspaceId: ws.id, name: 'Standard', position: 0, firstResponseMinutes: 15 }).returning();
  await db.update(conversations).set({ slaRuleId: rule.id }).where(eq(conversations.id, c4.id));
  const target = (c: { id: string }, startedIso: string, extra: Partial<typeof slaTargets.$inferInsert>) =>
    ({ workspaceId: ws.id, conversationId: c.id, ruleId: rule.id, kind: 'first_response', startedAt: at(startedIso), dueAt: new Date(at(startedIso).getTime() + 15 * 60_000), ...extra }) as typeof slaTargets.$inferInsert;
  await db.insert(slaTargets).values([
    target(c1, '2026-03-02T03:00:00Z', { metAt: at('2026-03-02T03:10:00Z') }),
    target(c4, '2026-03-05T01:00:00Z', { metAt: at('2026-03-05T01:20:00Z'), breachedAt: at('2026-03-05T01:15:00Z') }),
    target(c2, '2026-03-03T02:20:00Z', {}),
    target(c3, '2026-03-04T10:00:00Z', { cancelledAt: at('2026-03-04T10:01:00Z') }),
  ]);

  const order = async (c: { id: string; contactId: string }, values: Pick<typeof orders.$inferInsert, 'source' | 'totalMinor' | 'currency' | 'status' | 'createdAt'>, productId: string) => {
    const [o] = await db.insert(orders).values({ workspaceId: ws.id, conversationId: c.id, contactId: c.contactId, ...values }).returning();
    await db.insert(orderItems).values({ orderId: o.id, productId, sku: 'X', name: 'X', quantity: 1, unitPriceMinor: values.totalMinor });
  };
  await order(c2, { source: 'flow', totalMinor: 59000, currency: 'THB', status: 'paid', createdAt: at('2026-03-03T03:00:00Z') }, tote.id);
  await order(c1, { source: 'agent', totalMinor: 10000, currency: 'THB', status: 'cancelled', createdAt: at('2026-03-02T03:20:00Z') }, tote.id);
  await order(c4, { source: 'agent', totalMinor: 2500, currency: 'USD', status: 'paid', createdAt: at('2026-03-05T01:40:00Z') }, cap.id);
  await order(c5, { source: 'agent', totalMinor: 700, currency: 'USD', status: 'paid', createdAt: at('2026-03-01T16:30:00Z') }, cap.id);

  await db.insert(presenceSessions).values([
    { workspaceId: ws.id, userId: ana.id, startedAt: at('2026-03-01T20:00:00Z'), endedAt: at('2026-03-02T02:00:00Z') },
    { workspaceId: ws.id, userId: ana.id, startedAt: at('2026-02-20T00:00:00Z'), endedAt: at('2026-02-21T00:00:00Z') },
    { workspaceId: ws.id, userId: ben.id, startedAt: at('2026-03-08T16:00:00Z'), endedAt: null },
  ]);

  // Ratings after the resolve: c1 5, c2 3, c3 4 in the range; c5 1 just before it (Sunday 23:50 in Bangkok).
  const rating = (c: { id: string; channelId: string; contactId: string }, value: number, iso: string) =>
    ({ workspaceId: ws.id, channelId: c.channelId, conversationId: c.id, contactId: c.contactId, rating: value, createdAt: at(iso) }) as typeof csatResponses.$inferInsert;
  await db.insert(csatResponses).values([rating(c1, 5, '2026-03-02T05:10:00Z'), rating(c2, 3, '2026-03-03T04:00:00Z'), rating(c3, 4, '2026-03-04T10:10:00Z'), rating(c5, 1, '2026-03-01T16:50:00Z')]);

  const admin: ReportContext = { workspaceId: ws.id, actor: { id: ana.id, role: 'admin' } };
  const agentCtx: ReportContext = { workspaceId: ws.id, actor: { id: ben.id, role: 'agent' } };
  return { db, ws, customer, agent, ana, ben, web, wa, team, vip, flow, tote, rule, c1, c2, c3, c4, c5, admin, agentCtx };
}

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
});

describe('reports on a hand-computed world', () => {
  it('counts conversations opened, resolved, reopened, by channel, and when customers write', async () => {
    const r = await loadReports(w.db, w.admin, range);
    expect(r.zone).toBe('Asia/Bangkok');
    expect(r.conversations).toMatchObject({ opened: 4, resolved: 3, reopened: 1 });
    expect(r.conversations.byChannel).toEqual([
      { channelId: w.web.id, name: 'Website', kind: 'web', opened: 3, resolved: 3 },
      { channelId: w.wa.id, name: 'WhatsApp', kind: 'whatsapp', opened: 1, resolved: 0 },
    ]);
    // Shop hours: Mon 10:00 (twice), Tue 09:00, Wed 17:00, Thu 08:00; Sunday's 23:00 is before the range.
    expect(r.conversations.heatmap).toEqual([
      { weekday: 1, hour: 10, messages: 2 },
      { weekday: 2, hour: 9, messages: 1 },
      { weekday: 3, hour: 17, messages: 1 },
      { weekday: 4, hour: 8, messages: 1 },
    ]);
  });

  it('gives the same figures once the pending counts are folded into the rollup, and counts what comes after', async () => {
    const before = await loadReports(w.db, w.admin, range);
    await foldPendingActivity(w.db);
    await foldPendingActivity(w.db); // a second fold finds nothing to add twice
    const [pending] = await w.db.select({ n: count() }).from(reportActivityPending).where(eq(reportActivityPending.workspaceId, w.ws.id));
    expect(pending.n).toBe(0);
    const after = await loadReports(w.db, w.admin, range);
    expect(after.conversations).toEqual(before.conversations);

    // Tuesday 10 March 10:45 in Bangkok, after the range: pending again until the next fold.
    const later = { from: '2026-03-09', to: '2026-03-15' };
    await w.db.insert(messages).values(w.customer(w.c2, '2026-03-10T03:45:00Z'));
    const next = await loadReports(w.db, w.admin, later);
    expect(next.conversations.heatmap).toEqual([{ weekday: 2, hour: 10, messages: 1 }]);
    expect((await loadReports(w.db, w.admin, range)).conversations).toEqual(before.conversations);
  });

  it('takes the counts of an erased customer back out, whether folded or still pending', async () => {
    const later = { from: '2026-03-16', to: '2026-03-22' };
    const [gone] = await w.db.insert(contacts).values({ workspaceId: w.ws.id, name: 'Erased' }).returning();
    const first = (await w.db.insert(conversations).values({ workspaceId: w.ws.id, contactId: gone.id, channelId: w.wa.id, createdAt: at('2026-03-16T03:00:00Z'), status: 'resolved', resolvedAt: at('2026-03-16T04:00:00Z') }).returning())[0];
    await w.db.insert(messages).values(w.customer(first, '2026-03-16T03:00:00Z'));
    await foldPendingActivity(w.db);
    const second = (await w.db.insert(conversations).values({ workspaceId: w.ws.id, contactId: gone.id, channelId: w.wa.id, createdAt: at('2026-03-17T03:00:00Z') }).returning())[0];
    await w.db.insert(messages).values(w.customer(second, '2026-03-17T03:00:00Z'));
    // Ana's replies: two on whole UTC days (the daily rollup) and one in the range's last
    // partial UTC day (Sunday 22 March 23:00 in Bangkok, read from the messages).
    await w.db.insert(messages).values([
      w.agent(first, w.ana.id, '2026-03-16T04:00:00Z'),
      w.agent(second, w.ana.id, '2026-03-17T03:30:00Z'),
      w.agent(second, w.ana.id, '2026-03-22T16:00:00Z'),
    ]);
    const ana = (r: Awaited<ReturnType<typeof loadReports>>) => r.agents.find((a) => a.userId === w.ana.id);
    const withErased = await loadReports(w.db, w.admin, later);
    expect(withErased.conversations).toMatchObject({ opened: 2, reopened: 1, heatmap: [{ weekday: 1, hour: 10, messages: 1 }, { weekday: 2, hour: 10, messages: 1 }] });
    expect(ana(withErased)).toMatchObject({ handled: 2, replies: 3 });

    await w.db.delete(contacts).where(eq(contacts.id, gone.id));
    const erased = await loadReports(w.db, w.admin, later);
    expect(erased.conversations).toMatchObject({ opened: 0, reopened: 0, byChannel: [], heatmap: [] });
    expect(ana(erased)).toMatchObject({ handled: 0, replies: 0 });
    await foldPendingActivity(w.db);
    expect((await loadReports(w.db, w.admin, later)).conversations).toMatchObject({ opened: 0, reopened: 0, byChannel: [], heatmap: [] });
  });

  it('gives first response and resolution times (median, p90) and SLA per rule', async () => {
    const r = await loadReports(w.db, w.admin, range);
    // First responses 600, 1800, 1200 s; resolutions 7200 (c1), 300 (c3), 32400 (c5).
    expect(r.responseTimes.firstResponse).toEqual({ count: 3, medianSeconds: 1200, p90Seconds: 1680 });
    expect(r.responseTimes.resolution).toEqual({ count: 3, medianSeconds: 7200, p90Seconds: 27360 });
    expect(r.responseTimes.sla).toEqual([{ ruleId: w.rule.id, rule: 'Standard', kind: 'first_response', achieved: 1, breached: 1, pending: 1 }]);
  });

  it('counts durations in business hours when asked (Mon–Fri 09:00–18:00)', async () => {
    await w.db
      .update(workspaces)
      .set({ settings: { businessHours: { enabled: true, days: { mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-18:00'], sat: [], sun: [] } } } })
      .where(eq(workspaces.id, w.ws.id));
    try {
      const r = await loadReports(w.db, w.admin, { ...range, businessHours: '1' });
      // c4 was answered at 08:20, before opening: 0. c5 waited Sunday night to Monday 08:00: 0.
      expect(r.responseTimes.firstResponse).toEqual({ count: 3, medianSeconds: 600, p90Seconds: 1560 });
      expect(r.responseTimes.resolution).toEqual({ count: 3, medianSeconds: 300, p90Seconds: 5820 });
      expect(r.responseTimes.businessHours).toBe(true);
    } finally {
      await w.db.update(workspaces).set({ settings: {} }).where(eq(workspaces.id, w.ws.id));
    }
  });

  it('gives each agent conversations handled, replies, median first response and online time', async () => {
    const r = await loadReports(w.db, w.admin, range);
    expect(r.agents).toEqual([
      // A shared product card is a reply too: Ana 3 texts + 1 card, Ben 1 text + 1 card.
      { userId: w.ana.id, name: 'Ana', handled: 2, replies: 4, medianFirstResponseSeconds: 900, onlineSeconds: 6 * 3600 },
      // Ben's reply to c5 was before the range; his open session counts up to the range's end.
      { userId: w.ben.id, name: 'Ben', handled: 1, replies: 2, medianFirstResponseSeconds: 1800, onlineSeconds: 3600 },
    ]);
  });

  it('reports the bot: handled alone, hand-offs and the step they came from, completion', async () => {
    const r = await loadReports(w.db, w.admin, range);
    expect(r.bot).toEqual({
      botConversations: 2,
      fullyByBot: 1,
      handedOff: 1,
      completed: 1,
      handOffSteps: [{ flowId: w.flow.id, flow: 'Sizes', stepId: 'ask_size', step: 'ask_size · ask choice', reason: 'customer_asked', count: 1 }],
    });
  });

  it('reports sales from chat: orders by source and currency, revenue, shared products bought', async () => {
    const r = await loadReports(w.db, w.admin, range);
    expect(r.sales.orders).toEqual([
      { source: 'agent', currency: 'THB', orders: 1, cancelled: 1, revenueMinor: 0 },
      { source: 'agent', currency: 'USD', orders: 1, cancelled: 0, revenueMinor: 2500 },
      { source: 'flow', currency: 'THB', orders: 1, cancelled: 0, revenueMinor: 59000 },
    ]);
    expect(r.sales.revenue).toEqual([
      { currency: 'THB', revenueMinor: 59000, orders: 1 },
      { currency: 'USD', revenueMinor: 2500, orders: 1 },
    ]);
    expect(r.sales.sharedProducts).toEqual([{ productId: w.tote.id, name: 'Tote', shared: 2, bought: 1 }]);
  });

  it('counts satisfaction ratings given in the range: responses, average, distribution 1–5', async () => {
    const dist = (...counts: number[]) => counts.map((count, i) => ({ rating: i + 1, count }));
    expect((await loadReports(w.db, w.admin, range)).csat).toEqual({ responses: 3, average: 4, distribution: dist(0, 0, 1, 1, 1) });
    expect((await loadReports(w.db, w.admin, { ...range, channel: w.wa.id })).csat).toEqual({ responses: 1, average: 3, distribution: dist(0, 0, 1, 0, 0) });
    expect((await loadReports(w.db, w.admin, { ...range, team: w.team.id })).csat).toEqual({ responses: 1, average: 5, distribution: dist(0, 0, 0, 0, 1) });
    expect((await loadReports(w.db, w.agentCtx, { ...range, agent: w.ana.id })).csat).toEqual({ responses: 1, average: 3, distribution: dist(0, 0, 1, 0, 0) });
    expect((await loadReports(w.db, w.admin, { from: '2026-03-01', to: '2026-03-01' })).csat).toEqual({ responses: 1, average: 1, distribution: dist(1, 0, 0, 0, 0) });
    expect((await loadReports(w.db, w.admin, { from: '2026-03-16', to: '2026-03-22' })).csat).toEqual({ responses: 0, average: null, distribution: dist(0, 0, 0, 0, 0) });
  });

  it('narrows every report by channel, team and tag', async () => {
    const byChannel = await loadReports(w.db, w.admin, { ...range, channel: w.wa.id });
    expect(byChannel.conversations).toMatchObject({ opened: 1, resolved: 0, reopened: 0 });
    expect(byChannel.conversations.heatmap).toEqual([{ weekday: 2, hour: 9, messages: 1 }]);
    const byTeam = await loadReports(w.db, w.admin, { ...range, team: w.team.id });
    expect(byTeam.conversations).toMatchObject({ opened: 1, resolved: 1 });
    const byTag = await loadReports(w.db, w.admin, { ...range, tag: w.vip.id });
    expect(byTag.conversations).toMatchObject({ opened: 2, resolved: 1, reopened: 1 });
    expect(byTag.sales.revenue).toEqual([
      { currency: 'THB', revenueMinor: 0, orders: 0 },
      { currency: 'USD', revenueMinor: 2500, orders: 1 },
    ]);
  });

  it('holds an agent to their own figures whatever the filter asks', async () => {
    const r = await loadReports(w.db, w.agentCtx, { ...range, agent: w.ana.id });
    expect(r.conversations).toMatchObject({ opened: 1, resolved: 0, reopened: 0 });
    expect(r.agents.map((a) => a.name)).toEqual(['Ben']);
    expect(r.responseTimes.firstResponse).toEqual({ count: 1, medianSeconds: 1800, p90Seconds: 1800 });
    expect(r.sales.revenue).toEqual([{ currency: 'THB', revenueMinor: 59000, orders: 1 }]);
  });

  it('refuses a range that ends before it starts', async () => {
    await expect(loadReports(w.db, w.admin, { from: '2026-03-08', to: '2026-03-02' })).rejects.toThrow('The range ends before it starts');
  });

  it('streams the Conversations CSV: one row per conversation, times with the shop offset, cells guarded', async () => {
    const scope = reportScope(w.admin, reportFiltersInput.parse(range), 'Asia/Bangkok');
    let text = '';
    for await (const chunk of conversationsCsv(w.db, scope)) text += chunk;
    const parsed = parseCsv(text.replace(/^\ufeff/, ''));
    if (!parsed.ok) throw new Error(parsed.error);
    const [header, ...rows] = parsed.rows;
    const row = (id: string) => Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[0] === id)![i]]));
    expect(rows.map((r) => r[0])).toEqual([w.c1.id, w.c2.id, w.c3.id, w.c4.id]);
    expect(row(w.c1.id)).toMatchObject({
      opened_at: '2026-03-02T10:00:00.000+07:00',
      channel: 'Website',
      customer: 'Kerry',
      tags: 'VIP',
      custom_data: '{"plan":"gold"}',
      status: 'resolved',
      team: 'Sales',
      agent: 'Ana',
      first_response_seconds: '600',
      resolution_seconds: '7200',
      sla_outcome: 'met',
      orders: '1',
      order_totals: '',
    });
    expect(row(w.c4.id)).toMatchObject({ sla_rule: 'Standard', sla_outcome: 'breached', order_totals: 'USD 25.00' });
    expect(row(w.c2.id)).toMatchObject({ sla_outcome: 'pending', order_totals: 'THB 590.00', first_response_seconds: '1800' });
    // The customer named "=cmd()" is written as text, never a formula.
    expect(text).toContain("'=cmd()");
  });
});
