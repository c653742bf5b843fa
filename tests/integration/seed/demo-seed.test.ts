import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import {
  slaRules,
  slaTargets,
  collectionPoints,
  collections,
  files,
  notifications,
  orderItems,
  orders,
  orderStatuses,
  productVariants,
  reminders,
  products,
  flows,
  auditLog,
  channels,
  contactIdentities,
  contacts,
  conversations,
  memberships,
  messages,
  readCursors,
  users,
  workspaces,
} from '@/db/schema';
import { messengerReplyWindow } from '@/channels/facebook/window';
import { databaseHasWorkspaces, seedDemoShop, type DemoLogin } from '@/demo/seed/demo';
import { DEMO_ORDERS } from '@/demo/seed/demo-orders';
import { DEMO_REMINDER_CUSTOMER, DEMO_REMINDER_MINUTES, DEMO_REMINDER_NOTE } from '@/demo/seed/demo-reminder';
import { fireOverdueReminders } from '@/lib/reminders/fire';
import { verifyPassword } from '@/lib/auth/password';
import { decryptJson } from '@/lib/crypto/secrets';

const now = new Date('2026-11-20T09:30:00.000Z');
const encryptionKey = randomBytes(32).toString('base64');

let db: Db;
let pool: Pool;
let emptyBefore: boolean;
let workspaceId: string;
let logins: DemoLogin[];

type Conversation = typeof conversations.$inferSelect;
type Message = typeof messages.$inferSelect;
let convs: Conversation[];
let msgsByConversation: Map<string, Message[]>;
let staff: Record<'ana' | 'ben' | 'chloe', string>;

beforeAll(async () => {
  ({ db, pool } = createDb(process.env.DATABASE_URL!, 4));
  emptyBefore = !(await databaseHasWorkspaces(db));
  ({ workspaceId, logins } = await seedDemoShop(db, { encryptionKey, now }));

  convs = await db.select().from(conversations).where(eq(conversations.workspaceId, workspaceId));
  const all = await db
    .select()
    .from(messages)
    .where(eq(messages.workspaceId, workspaceId))
    .orderBy(messages.createdAt, messages.id);
  msgsByConversation = new Map();
  for (const m of all) {
    const list = msgsByConversation.get(m.conversationId) ?? [];
    list.push(m);
    msgsByConversation.set(m.conversationId, list);
  }
  const people = await db.select({ id: users.id, email: users.email }).from(users);
  const idOf = (email: string) => people.find((p) => p.email === email)!.id;
  staff = {
    ana: idOf('admin@demo.baton.chat'),
    ben: idOf('ben@demo.baton.chat'),
    chloe: idOf('chloe@demo.baton.chat'),
  };
});

afterAll(async () => {
  await pool?.end();
});

describe('demo shop seed', () => {
  it('reports an empty database before and a seeded one after', async () => {
    expect(emptyBefore).toBe(true);
    expect(await databaseHasWorkspaces(db)).toBe(true);
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
    expect(ws).toMatchObject({ name: 'Demo Shop', slug: 'demo-shop', routingMode: 'manual', timezone: 'Asia/Bangkok' });
  });

  it('returns the three demo logins, and each signs in with its password', async () => {
    expect(logins.map((l) => [l.email, l.role, l.name])).toEqual([
      ['admin@demo.baton.chat', 'admin', 'Ana Admin'],
      ['ben@demo.baton.chat', 'agent', 'Ben Carter'],
      ['chloe@demo.baton.chat', 'agent', 'Chloe Tan'],
    ]);
    for (const login of logins) {
      expect(login.password).toBe('baton-demo');
      const [user] = await db.select().from(users).where(eq(users.email, login.email));
      expect(user.name).toBe(login.name);
      expect(user.passwordHash).not.toContain(login.password);
      expect(await verifyPassword(login.password, user.passwordHash)).toBe(true);
      expect(await verifyPassword('wrong-password', user.passwordHash)).toBe(false);
      const [seat] = await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, user.id), eq(memberships.workspaceId, workspaceId)));
      expect(seat.role).toBe(login.role);
    }
  });

  it('makes Ana a member of both workspaces and Ben and Chloe only of the demo shop', async () => {
    const seats = await db.select().from(memberships);
    const workspacesOf = (userId: string) => seats.filter((s) => s.userId === userId).map((s) => s.workspaceId);
    const [second] = await db.select().from(workspaces).where(eq(workspaces.slug, 'second-shop'));
    expect(second.name).toBe('Second Shop');
    expect(workspacesOf(staff.ana).sort()).toEqual([workspaceId, second.id].sort());
    expect(workspacesOf(staff.ben)).toEqual([workspaceId]);
    expect(workspacesOf(staff.chloe)).toEqual([workspaceId]);
    const availability = seats.filter((s) => s.workspaceId === workspaceId).map((s) => s.availability);
    expect(availability).toContain('online');
    expect(availability).toContain('away');

    const secondConvs = await db.select().from(conversations).where(eq(conversations.workspaceId, second.id));
    expect(secondConvs.length).toBeGreaterThanOrEqual(2);
    const secondChannels = await db.select().from(channels).where(eq(channels.workspaceId, second.id));
    expect(secondChannels.map((c) => c.kind)).toEqual(['web']);
  });

  it('gives each agent a capacity with room above their open conversations, so automatic routing can hand out requests', async () => {
    const seats = await db.select().from(memberships).where(eq(memberships.workspaceId, workspaceId));
    for (const seat of seats) {
      const open = convs.filter((c) => c.status === 'open' && c.handler === 'agent' && c.assigneeId === seat.userId).length;
      expect(open, `open conversations of ${seat.userId}`).toBeLessThan(seat.capacity);
    }
    // The requests waiting at the start: some fit, so switching to automatic visibly assigns.
    const waiting = convs.filter((c) => c.status === 'open' && c.handler === 'queue' && !c.assigneeId).length;
    expect(waiting).toBeGreaterThan(0);
  });

  it('records hand-offs as the bot runtime does, so the hand-off message can estimate the wait from them', () => {
    const handOffs = [...msgsByConversation.values()].flat().filter((m) => m.kind === 'status' && (m.payload as { event?: string } | null)?.event === 'bot_hand_off');
    expect(handOffs.length).toBeGreaterThan(0);
    expect([...msgsByConversation.values()].flat().filter((m) => (m.payload as { event?: string } | null)?.event === 'handoff')).toEqual([]);
  });

  it('connects one channel of every kind', async () => {
    const rows = await db.select().from(channels).where(eq(channels.workspaceId, workspaceId));
    expect(rows.map((c) => c.kind).sort()).toEqual(['facebook', 'line', 'web', 'whatsapp']);
    const byKind = Object.fromEntries(rows.map((c) => [c.kind, c]));
    expect(byKind.facebook.externalId).toMatch(/^\d{15}$/);
    expect(byKind.whatsapp.externalId).toMatch(/^\d{15}$/);
    expect(byKind.whatsapp.settings).toHaveProperty('displayPhoneNumber');
    expect(byKind.line.externalId).toMatch(/^U[0-9a-f]{32}$/);
    expect(byKind.web.externalId.length).toBeGreaterThanOrEqual(16);
  });

  it('stores channel secrets encrypted, readable only with the key', async () => {
    const rows = await db.select().from(channels);
    const expectedKeys: Record<string, string[]> = {
      facebook: ['appSecret', 'pageAccessToken', 'verifyToken'],
      whatsapp: ['accessToken', 'appSecret', 'verifyToken'],
      line: ['channelAccessToken', 'channelSecret'],
      web: ['hmacToken'],
    };
    for (const channel of rows) {
      expect(channel.secretsEncrypted).toMatch(/^v1\./);
      const secrets = decryptJson<Record<string, string>>(channel.secretsEncrypted!, encryptionKey);
      expect(Object.keys(secrets).sort()).toEqual(expectedKeys[channel.kind]);
      for (const value of Object.values(secrets)) {
        expect(value.length).toBeGreaterThanOrEqual(16);
        expect(channel.secretsEncrypted).not.toContain(value);
        expect(JSON.stringify(channel.settings)).not.toContain(value);
      }
      expect(() => decryptJson(channel.secretsEncrypted!, randomBytes(32).toString('base64'))).toThrow();
    }
  });

  it('has customers on every channel, each known by an identity in that channel’s format', async () => {
    const people = await db.select().from(contacts).where(eq(contacts.workspaceId, workspaceId));
    expect(people.length).toBeGreaterThanOrEqual(36);
    const identities = await db
      .select({ externalId: contactIdentities.externalId, contactId: contactIdentities.contactId, kind: channels.kind })
      .from(contactIdentities)
      .innerJoin(channels, eq(channels.id, contactIdentities.channelId))
      .where(eq(contactIdentities.workspaceId, workspaceId));
    const formats: Record<string, RegExp> = {
      facebook: /^\d{16}$/,
      whatsapp: /^\d{8,15}$/,
      line: /^U[0-9a-f]{32}$/,
      web: /^v_[0-9a-f]+$/,
    };
    for (const contact of people) {
      const own = identities.filter((i) => i.contactId === contact.id);
      expect(own.length, contact.name).toBeGreaterThanOrEqual(1);
      for (const i of own) expect(i.externalId).toMatch(formats[i.kind]);
      if (own.some((i) => i.kind === 'whatsapp')) {
        expect(contact.phone?.replace(/\D/g, '')).toBe(own.find((i) => i.kind === 'whatsapp')!.externalId);
      }
      expect(convs.some((c) => c.contactId === contact.id), `${contact.name} has a conversation`).toBe(true);
    }
    for (const kind of Object.keys(formats)) {
      expect(identities.filter((i) => i.kind === kind).length, kind).toBeGreaterThanOrEqual(8);
    }
    expect(people.some((p) => Object.keys(p.customData).length > 0)).toBe(true);
  });

  it('covers every inbox state', async () => {
    const open = convs.filter((c) => c.status === 'open');
    // Bot conversations run the seeded welcome flow (a real flow id, so the bot can continue).
    const [welcome] = await db.select().from(flows).where(and(eq(flows.workspaceId, workspaceId), eq(flows.name, 'Welcome')));
    expect(open.some((c) => c.handler === 'bot' && c.botState?.flowId === welcome.id && !c.botState.paused)).toBe(true);
    expect(open.every((c) => c.botState?.flowId !== 'welcome')).toBe(true);
    expect(open.some((c) => c.handler === 'queue' && c.teamId === null)).toBe(true);
    expect(open.some((c) => c.handler === 'queue' && c.teamId !== null)).toBe(true);
    for (const id of Object.values(staff)) {
      expect(open.some((c) => c.handler === 'agent' && c.assigneeId === id && c.assignedAt)).toBe(true);
    }
    expect(open.some((c) => c.handler === 'agent' && c.botState?.paused === true)).toBe(true);
    expect(convs.some((c) => c.followUp)).toBe(true);
    expect(open.some((c) => c.slaDueAt && c.slaDueAt > now)).toBe(true);
    expect(open.filter((c) => c.slaDueAt && c.slaDueAt < now)).toHaveLength(1);
    // Each reply owed is a pending target of the demo's SLA rule, as the live tracker keeps it.
    const [standard] = await db.select().from(slaRules).where(eq(slaRules.workspaceId, convs[0].workspaceId));
    expect(standard).toMatchObject({ name: 'Standard', firstResponseMinutes: 15, enabled: true });
    const pendingTargets = await db.select().from(slaTargets).where(eq(slaTargets.ruleId, standard.id));
    for (const c of open.filter((o) => o.slaDueAt)) {
      expect(c).toMatchObject({ slaRuleId: standard.id, slaDueKind: c.lastAgentMessageAt ? 'next_response' : 'first_response' });
      expect(pendingTargets.find((t) => t.conversationId === c.id)).toMatchObject({ dueAt: c.slaDueAt, metAt: null, kind: c.slaDueKind });
    }

    const done = convs.filter((c) => c.status === 'resolved');
    expect(done.length).toBeGreaterThanOrEqual(5);
    for (const c of done) {
      expect(c.resolvedAt).toBeInstanceOf(Date);
      expect(Object.values(staff)).toContain(c.resolvedById);
    }
    // Some customers come back: a resolved conversation and a current open one.
    expect(
      done.some((r) => open.some((o) => o.contactId === r.contactId && o.channelId === r.channelId)),
    ).toBe(true);
    // Every open bot/queue conversation is unassigned; every agent one has an assignee.
    for (const c of open) {
      if (c.handler === 'agent') expect(c.assigneeId).not.toBeNull();
      else expect(c.assigneeId).toBeNull();
      if (c.handler === 'bot') expect(c.botState).not.toBeNull();
    }
  });

  it('never has two open conversations for the same contact and channel', () => {
    const keys = convs.filter((c) => c.status === 'open').map((c) => `${c.contactId}/${c.channelId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps each conversation’s summary fields in agreement with its messages', () => {
    for (const c of convs) {
      const list = msgsByConversation.get(c.id) ?? [];
      expect(list.length, c.id).toBeGreaterThanOrEqual(3);
      expect(list.length, c.id).toBeLessThanOrEqual(12);
      const last = list[list.length - 1];
      expect(c.lastMessageAt.getTime()).toBe(last.createdAt.getTime());
      expect(c.lastMessageKind).toBe(last.kind);
      expect(c.lastMessagePreview).toBeTruthy();
      const lastInbound = list.filter((m) => m.direction === 'inbound').at(-1);
      expect(c.lastCustomerMessageAt?.getTime()).toBe(lastInbound?.createdAt.getTime());
      const lastAgent = list.filter((m) => m.direction === 'outbound' && m.senderKind === 'agent').at(-1);
      expect(c.lastAgentMessageAt?.getTime()).toBe(lastAgent?.createdAt.getTime());
      expect(c.version).toBeGreaterThan(list.length);
      expect(c.createdAt.getTime()).toBe(list[0].createdAt.getTime());
      for (const m of list) {
        expect(m.createdAt.getTime()).toBeLessThan(now.getTime());
        expect(m.channelId).toBe(c.channelId);
      }
      if (c.resolvedAt) {
        const line = list.filter((m) => m.kind === 'status' && m.body?.startsWith('Resolved by')).at(-1);
        expect(line?.createdAt.getTime()).toBe(c.resolvedAt.getTime());
      }
    }
  });

  it('has messages of every sort the inbox renders', () => {
    const all = [...msgsByConversation.values()].flat();
    const some = (pred: (m: Message) => boolean) => expect(all.some(pred)).toBe(true);
    some((m) => m.direction === 'inbound' && m.senderKind === 'customer' && m.status === 'received' && !!m.externalId);
    some((m) => m.senderKind === 'bot' && m.direction === 'outbound');
    some((m) => m.senderKind === 'agent' && m.direction === 'outbound' && !!m.senderUserId);
    some((m) => m.status === 'failed' && /outside of allowed window/.test(m.error ?? ''));
    some((m) => m.kind === 'status' && m.direction === 'internal' && m.senderKind === 'system');
    some((m) => m.kind === 'note' && m.direction === 'internal' && m.senderKind === 'agent');
    some((m) => m.kind === 'image' && m.attachments[0]?.kind === 'image' && m.attachments[0].url.startsWith('/api/files/'));
    some((m) => m.kind === 'location' && typeof m.payload?.latitude === 'number');
    some((m) => m.kind === 'product' && typeof m.payload?.price === 'number' && typeof m.payload?.sku === 'string');
    expect(all.some((m) => m.direction === 'inbound' && m.externalId?.startsWith('wamid.'))).toBe(true);
    expect(all.some((m) => m.direction === 'inbound' && m.externalId?.startsWith('m_'))).toBe(true);
  });

  it('ships its pictures as the workspace’s own files: nothing points at another site', async () => {
    const own = new Set((await db.select({ id: files.id }).from(files).where(eq(files.workspaceId, workspaceId))).map((f) => f.id));
    const fileIdOf = (url: string) => /\/api\/files\/([0-9a-f-]{36})/.exec(url)?.[1];
    const productImages = (await db.select({ images: products.images }).from(products).where(eq(products.workspaceId, workspaceId))).flatMap((p) => p.images);
    const collectionImages = (await db.select({ url: collections.imageUrl }).from(collections).where(eq(collections.workspaceId, workspaceId))).map((c) => c.url!);
    const all = [...msgsByConversation.values()].flat();
    const attachmentUrls = all.flatMap((m) => m.attachments.map((a) => a.url));
    const cardImages = all.flatMap((m) => (m.kind === 'product' && typeof m.payload?.imageUrl === 'string' ? [m.payload.imageUrl] : []));
    const urls = [...productImages, ...collectionImages, ...attachmentUrls, ...cardImages];
    expect(productImages.length).toBeGreaterThan(4);
    expect(cardImages.length).toBeGreaterThan(2);
    for (const url of urls) expect(own.has(fileIdOf(url) ?? ''), url).toBe(true);
    // Platforms fetch product pictures themselves: those links are absolute and signed.
    for (const url of [...productImages, ...cardImages]) expect(url).toMatch(/^http:\/\/localhost:\d+\/api\/files\/[0-9a-f-]{36}\?exp=\d+&sig=/);
  });

  it('gives Ben and Chloe read cursors so some conversations are unread and some are not', async () => {
    const cursors = await db
      .select()
      .from(readCursors)
      .where(inArray(readCursors.conversationId, convs.map((c) => c.id)));
    for (const id of [staff.ben, staff.chloe]) {
      const unread = cursors
        .filter((r) => r.userId === id)
        .map(
          (r) =>
            (msgsByConversation.get(r.conversationId) ?? []).filter(
              (m) => m.direction === 'inbound' && m.createdAt > r.lastReadAt,
            ).length,
        );
      expect(unread.some((n) => n === 0)).toBe(true);
      expect(unread.some((n) => n > 0)).toBe(true);
    }
  });

  it('records audit entries for resolved conversations', async () => {
    const rows = await db.select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId));
    const resolvedCount = convs.filter((c) => c.status === 'resolved').length;
    expect(rows.filter((r) => r.action === 'conversation.resolved')).toHaveLength(resolvedCount);
  });

  it('has a Messenger conversation past the 7-day window, so the composer shows why it cannot reply', async () => {
    const [facebook] = await db.select().from(channels).where(and(eq(channels.workspaceId, workspaceId), eq(channels.kind, 'facebook')));
    const closed = convs.filter(
      (c) => c.channelId === facebook.id && c.status === 'open' && messengerReplyWindow(c.lastCustomerMessageAt, now).state === 'closed',
    );
    expect(closed.length).toBeGreaterThanOrEqual(1);
    for (const c of closed) expect(now.getTime() - c.lastCustomerMessageAt!.getTime()).toBeGreaterThan(7 * 86_400_000);
    const [somchai] = await db.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.name, 'Somchai Rattanakul')));
    expect(closed.map((c) => c.contactId)).toContain(somchai.id);
  });

  it('has orders in every status, delivered and picked up at each collection point, of customers with conversations', async () => {
    const rows = await db.select().from(orders).where(eq(orders.workspaceId, workspaceId));
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.length).toBeLessThanOrEqual(8);
    expect(new Set(rows.map((o) => o.status))).toEqual(new Set(orderStatuses));
    expect(rows.some((o) => o.delivery?.address && !o.collectionPointId)).toBe(true);
    const points = await db.select().from(collectionPoints).where(eq(collectionPoints.workspaceId, workspaceId));
    expect(points.length).toBeGreaterThanOrEqual(2);
    for (const point of points) expect(rows.some((o) => o.collectionPointId === point.id && !o.delivery), point.name).toBe(true);

    const people = await db.select().from(contacts).where(eq(contacts.workspaceId, workspaceId));
    for (const o of rows) {
      const conversation = convs.find((c) => c.id === o.conversationId);
      expect(conversation?.contactId, `#${o.number}`).toBe(o.contactId);
      expect(o.createdAt.getTime()).toBeLessThan(now.getTime());
      expect(o.updatedAt.getTime()).toBeGreaterThanOrEqual(o.createdAt.getTime());
      const items = await db.select().from(orderItems).where(eq(orderItems.orderId, o.id));
      expect(items.length).toBeGreaterThan(0);
      expect(o.totalMinor).toBe(items.reduce((sum, i) => sum + i.unitPriceMinor * i.quantity, 0));
      // The number is the one the customer's conversation or their data quotes, where one does.
      const customer = people.find((p) => p.id === o.contactId)!;
      const quoted =
        customer.customData['Last order'] === `#${o.number}` ||
        [...msgsByConversation.values()].flat().some((m) => convs.find((c) => c.id === m.conversationId)?.contactId === o.contactId && m.body?.includes(`#${o.number}`));
      const spec = DEMO_ORDERS.find((d) => d.number === o.number)!;
      expect(customer.name).toBe(spec.customer);
      if (spec.customer !== 'Yui Tanaka' && spec.customer !== 'Oat Chaiwat') expect(quoted, `#${o.number} quoted`).toBe(true);
    }
    // A set line keeps its components; the totals the conversations quote hold.
    const byNumber = new Map(rows.map((o) => [o.number, o]));
    expect(byNumber.get(1049)?.totalMinor).toBe(198_000);
    expect(byNumber.get(1055)?.totalMinor).toBe(258_000);
    const setLines = await db.select().from(orderItems).where(eq(orderItems.sku, 'BEACH-DAY-SET'));
    expect(setLines[0]?.components?.map((c) => c.sku).sort()).toEqual(['CANVAS-TOTE', 'STRAW-HAT']);

    // Purchase data comes from the live orders (a cancelled one counts for nothing).
    const mint = people.find((p) => p.name === 'Mint Chaiyasit')!;
    expect(mint.customData).toMatchObject({ last_order: '#1055', orders_count: '1' });
    const oat = people.find((p) => p.name === 'Oat Chaiwat')!;
    expect(oat.customData).toMatchObject({ orders_count: '0' });
    expect(oat.customData).not.toHaveProperty('last_order');
  });

  it('leaves the catalogue’s stock as declared, and numbers the next order after the seeded ones', async () => {
    const stockOf = async (sku: string) => (await db.select({ stock: products.stock }).from(products).where(and(eq(products.workspaceId, workspaceId), eq(products.sku, sku))))[0].stock;
    expect(await stockOf('STRAW-HAT')).toBe(12);
    expect(await stockOf('CANVAS-TOTE')).toBe(40);
    expect(await stockOf('CERAMIC-MUG')).toBe(1);
    const variants = await db.select({ sku: productVariants.sku, stock: productVariants.stock }).from(productVariants).where(eq(productVariants.workspaceId, workspaceId));
    expect(Object.fromEntries(variants.map((v) => [v.sku, v.stock]))).toEqual({ 'LINEN-SHIRT-S': 5, 'LINEN-SHIRT-M': 8, 'LINEN-SHIRT-L': 0 });

    const highest = Math.max(...DEMO_ORDERS.map((o) => o.number));
    const [next] = await db
      .insert(orders)
      .values({ workspaceId, status: 'pending_payment', totalMinor: 100, currency: 'THB' })
      .returning({ id: orders.id, number: orders.number });
    expect(next.number).toBe(highest + 1);
    await db.delete(orders).where(eq(orders.id, next.id));
  });

  it('sets the admin a reminder due minutes after the seed, which the reminders sweep fires into their bell', async () => {
    const [reminder] = await db.select().from(reminders).where(eq(reminders.workspaceId, workspaceId));
    expect(reminder).toMatchObject({ userId: staff.ana, status: 'pending', note: DEMO_REMINDER_NOTE });
    expect(reminder.dueAt.getTime()).toBe(now.getTime() + DEMO_REMINDER_MINUTES * 60_000);
    const conversation = convs.find((c) => c.id === reminder.conversationId)!;
    expect(conversation).toMatchObject({ status: 'open', handler: 'agent', assigneeId: staff.ana });
    const [customer] = await db.select().from(contacts).where(eq(contacts.id, conversation.contactId));
    expect(customer.name).toBe(DEMO_REMINDER_CUSTOMER);
    const [created] = await db.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, 'reminder.created')));
    expect(created).toMatchObject({ actorUserId: staff.ana, targetId: reminder.id });

    // Not yet at the start, fired by the sweep once due.
    const minutes = (m: number) => new Date(now.getTime() + m * 60_000);
    expect(await fireOverdueReminders(db, { now: minutes(1) })).toBe(0);
    expect(await fireOverdueReminders(db, { now: minutes(DEMO_REMINDER_MINUTES + 1) })).toBe(1);
    const bell = await db.select().from(notifications).where(and(eq(notifications.userId, staff.ana), eq(notifications.kind, 'reminder_due')));
    expect(bell).toHaveLength(1);
    expect(bell[0]).toMatchObject({ conversationId: conversation.id, title: `Reminder: ${DEMO_REMINDER_CUSTOMER}`, body: DEMO_REMINDER_NOTE });
  });

  it('fails on a second run instead of duplicating the shop', async () => {
    await expect(seedDemoShop(db, { encryptionKey, now })).rejects.toThrow(/already seeded.*demo-shop/);
    expect(await db.select().from(workspaces)).toHaveLength(2);
    expect(await db.select().from(users)).toHaveLength(3);
  });
});
