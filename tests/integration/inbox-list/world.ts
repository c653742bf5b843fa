import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import type { ChannelKind } from '@/db/schema/channels';
import { channels, contacts, contactTags, conversations, customerFields, memberships, messages, readCursors, tags, teams, users, workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';

// A generated workspace for the list tests: thousands of conversations over hundreds of
// customers, four channels, four agents, two teams, tags and custom data, unread messages
// and read cursors — inserted in bulk, and kept in memory as the independent model the
// tests compare the SQL with.

export type ModelConversation = {
  id: string;
  workspaceId: string;
  contactId: string;
  channelId: string;
  status: 'open' | 'resolved';
  handler: 'bot' | 'queue' | 'agent';
  assigneeId: string | null;
  teamId: string | null;
  followUp: boolean;
  lastMessageAt: Date;
  slaDueAt: Date | null;
  /** Inbound messages after the acting agent's read cursor. */
  unreadForMe: number;
};

export type ModelContact = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  tags: string[];
  customData: Record<string, string>;
};

export type World = {
  workspaceId: string;
  me: ActorContext;
  agents: { id: string; name: string }[];
  teams: { id: string; name: string }[];
  channels: { id: string; kind: ChannelKind; name: string }[];
  contacts: Map<string, ModelContact>;
  conversations: ModelConversation[];
  /** Customer field labels by their custom data key. */
  fieldLabels: ReadonlyMap<string, string>;
};

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}

const FIRST = ['Somchai', 'Ploy', 'Nok', 'Mai', 'Anan', 'Kevin', 'Grace', 'Laura', 'Emily', 'Marco', 'Siti', 'Hannah', 'Oat', 'Fah', 'Daniel', 'Rachel', 'Ton', 'Jessica'];
const LAST = ['Wongsa', 'Tan', 'Lim', 'Rossi', 'Schmidt', 'Park', 'Chan', 'Suksawat', 'Villanueva', 'Rahman', 'Lee', 'Boonmee'];
const DOMAINS = ['example.com', 'mail.test', 'shop.example.org'];
const CITIES = ['Bangkok', 'Chiang Mai', 'Phuket', 'Singapore', 'Kuala Lumpur', 'Khon Kaen'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];
const COLOURS = ['Navy', 'Olive', 'Coral', 'Ivory'];
export const TAG_NAMES = ['VIP', 'New customer', 'Wholesale', 'Complaint', 'Returning', '100% Cotton fan', 'snake_case'];

const MINUTE = 60_000;
export const NOW = new Date(Date.UTC(2026, 5, 1, 12, 0, 0));

async function insertChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function buildWorld(
  db: Db,
  options: {
    seed: number;
    name: string;
    contacts: number;
    conversations: number;
    me?: { id: string; name: string; email: string };
    /** The label of the customer field kept under the `fav_colour` key. */
    colourLabel?: string;
  },
): Promise<World> {
  const rnd = prng(options.seed);
  // Free-form keys and a field's key, drawn apart so the rest of the data stays as it was.
  const keysRnd = prng(options.seed + 1000);
  const [ws] = await db.insert(workspaces).values({ name: options.name, slug: `${options.name.toLowerCase().replace(/\W+/g, '-')}-${randomUUID().slice(0, 8)}` }).returning();

  // Agents: "me" (possibly shared with another workspace) and three colleagues.
  const newUsers = ['Ana Admin', 'Ben Carter', 'Chloe Tan'].map((name) => ({
    id: randomUUID(),
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 8)}@example.test`,
    passwordHash: 'not-used',
  }));
  const me = options.me ?? { id: randomUUID(), name: 'Me Agent', email: `me.${randomUUID().slice(0, 8)}@example.test` };
  await db.insert(users).values([...(options.me ? [] : [{ ...me, passwordHash: 'not-used' }]), ...newUsers]);
  const agents = [me, ...newUsers].map((u) => ({ id: u.id, name: u.name }));
  await db.insert(memberships).values(agents.map((a) => ({ workspaceId: ws.id, userId: a.id, role: 'agent' as const })));

  const teamRows = await db
    .insert(teams)
    .values([{ workspaceId: ws.id, name: 'Sales' }, { workspaceId: ws.id, name: 'Support' }])
    .returning({ id: teams.id, name: teams.name });

  const channelRows = await db
    .insert(channels)
    .values((['facebook', 'whatsapp', 'line', 'web'] as const).map((kind) => ({ workspaceId: ws.id, kind, name: `${options.name} ${kind}`, externalId: randomUUID() })))
    .returning({ id: channels.id, kind: channels.kind, name: channels.name });

  const tagRows = await db
    .insert(tags)
    .values(TAG_NAMES.map((name) => ({ workspaceId: ws.id, name })))
    .returning({ id: tags.id, name: tags.name });

  const fieldLabels = new Map([['fav_colour', options.colourLabel ?? 'Favourite colour']]);
  await db.insert(customerFields).values([...fieldLabels].map(([key, label]) => ({ workspaceId: ws.id, key, label })));

  // Customers.
  const contactModels: ModelContact[] = [];
  for (let i = 0; i < options.contacts; i++) {
    const first = rnd.pick(FIRST);
    const last = rnd.pick(LAST);
    const customData: Record<string, string> = {};
    if (rnd.chance(0.5)) customData.City = rnd.pick(CITIES);
    if (rnd.chance(0.3)) customData.Size = rnd.pick(SIZES);
    if (rnd.chance(0.3)) customData['Last order'] = `#${10000 + rnd.int(0, 9999)}`;
    if (rnd.chance(0.05)) customData.Note = 'Wants 100% refund';
    if (keysRnd.chance(0.2)) customData['Preferred size'] = keysRnd.pick(SIZES);
    if (keysRnd.chance(0.1)) customData.last_order = String(5000 + keysRnd.int(0, 999));
    if (keysRnd.chance(0.2)) customData.fav_colour = keysRnd.pick(COLOURS);
    const digits = String(rnd.int(10_000_000, 99_999_999));
    contactModels.push({
      id: randomUUID(),
      name: rnd.chance(0.1) ? `${first} ${last}` : `${first} ${last} ${i}`,
      email: rnd.chance(0.6) ? `${first.toLowerCase()}.${last.toLowerCase()}${i}@${rnd.pick(DOMAINS)}` : null,
      phone: rnd.chance(0.5)
        ? rnd.chance(0.5)
          ? `+66 8${digits.slice(0, 1)} ${digits.slice(1, 4)} ${digits.slice(4)}`
          : `08${digits.slice(0, 1)}-${digits.slice(1, 4)}-${digits.slice(4)}`
        : null,
      tags: TAG_NAMES.filter(() => rnd.chance(0.12)),
      customData,
    });
  }
  await insertChunks(contactModels, 500, (chunk) =>
    db.insert(contacts).values(chunk.map((c) => ({ id: c.id, workspaceId: ws.id, name: c.name, email: c.email, phone: c.phone, customData: c.customData }))),
  );
  const tagId = new Map(tagRows.map((t) => [t.name, t.id]));
  const links = contactModels.flatMap((c) => c.tags.map((t) => ({ contactId: c.id, tagId: tagId.get(t)! })));
  await insertChunks(links, 1000, (chunk) => db.insert(contactTags).values(chunk));

  // Conversations: at most one open per customer and channel (the database insists).
  const pairs = contactModels.flatMap((c) => channelRows.map((ch) => [c.id, ch.id] as const));
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  let nextPair = 0;
  const models: ModelConversation[] = [];
  const messageRows: (typeof messages.$inferInsert)[] = [];
  const cursorRows: (typeof readCursors.$inferInsert)[] = [];
  const shared: Date[] = [];
  for (let i = 0; i < options.conversations; i++) {
    const resolved = rnd.chance(0.3) || nextPair >= pairs.length;
    const [contactId, channelId] = resolved ? [rnd.pick(contactModels).id, rnd.pick(channelRows).id] : pairs[nextPair++];
    const handler: ModelConversation['handler'] = resolved
      ? rnd.chance(0.8)
        ? 'agent'
        : 'queue'
      : rnd.pick(['bot', 'queue', 'agent', 'agent'] as const);
    const assigneeId = handler === 'agent' ? (rnd.chance(0.3) ? me.id : rnd.pick(agents).id) : null;
    const teamId = handler !== 'bot' && rnd.chance(0.25) ? rnd.pick(teamRows).id : null;
    // Whole minutes over 30 days, and every tenth conversation shares another's exact
    // time: ties the keyset cursor must break by id.
    const lastMessageAt =
      shared.length > 0 && rnd.chance(0.1) ? rnd.pick(shared) : new Date(NOW.getTime() - rnd.int(0, 30 * 24 * 60) * MINUTE);
    shared.push(lastMessageAt);
    const slaDueAt = !resolved && rnd.chance(0.4) ? new Date(NOW.getTime() + rnd.int(-24, 60) * 10 * MINUTE) : null;
    const id = randomUUID();

    // 0–3 customer messages ending at the last activity; my read cursor somewhere near it.
    const inbound = rnd.int(0, 3);
    const inboundTimes = Array.from({ length: inbound }, (_, k) => new Date(lastMessageAt.getTime() - k * 2 * MINUTE));
    for (const at of inboundTimes) {
      messageRows.push({ workspaceId: ws.id, conversationId: id, channelId, direction: 'inbound', senderKind: 'customer', kind: 'text', body: 'hi', createdAt: at });
    }
    // An agent reply and a note never count as unread.
    if (rnd.chance(0.3)) {
      messageRows.push({ workspaceId: ws.id, conversationId: id, channelId, direction: 'outbound', senderKind: 'agent', kind: 'text', body: 'hello', status: 'sent', createdAt: new Date(lastMessageAt.getTime() + 1000) });
    }
    let myCursor: Date | null = null;
    if (rnd.chance(0.6)) {
      myCursor = new Date(lastMessageAt.getTime() - rnd.int(-1, 5) * MINUTE);
      cursorRows.push({ conversationId: id, userId: me.id, lastReadAt: myCursor });
    }
    // A colleague's cursor must not change my unread count.
    if (rnd.chance(0.3)) cursorRows.push({ conversationId: id, userId: newUsers[0].id, lastReadAt: new Date(lastMessageAt.getTime() + MINUTE) });
    const unreadForMe = inboundTimes.filter((at) => myCursor === null || at.getTime() > myCursor.getTime()).length;

    models.push({
      id,
      workspaceId: ws.id,
      contactId,
      channelId,
      status: resolved ? 'resolved' : 'open',
      handler,
      assigneeId,
      teamId,
      followUp: rnd.chance(0.15),
      lastMessageAt,
      slaDueAt,
      unreadForMe,
    });
  }
  await insertChunks(models, 500, (chunk) =>
    db.insert(conversations).values(
      chunk.map((c) => ({
        id: c.id,
        workspaceId: c.workspaceId,
        contactId: c.contactId,
        channelId: c.channelId,
        status: c.status,
        handler: c.handler,
        assigneeId: c.assigneeId,
        teamId: c.teamId,
        followUp: c.followUp,
        lastMessageAt: c.lastMessageAt,
        lastMessagePreview: 'hi',
        lastMessageKind: 'text',
        slaDueAt: c.slaDueAt,
        resolvedAt: c.status === 'resolved' ? c.lastMessageAt : null,
      })),
    ),
  );
  await insertChunks(messageRows, 1000, (chunk) => db.insert(messages).values(chunk));
  await insertChunks(cursorRows, 1000, (chunk) => db.insert(readCursors).values(chunk));

  return {
    workspaceId: ws.id,
    me: { workspaceId: ws.id, actor: { id: me.id, name: me.name, email: me.email, role: 'agent' } },
    agents,
    teams: teamRows,
    channels: channelRows,
    contacts: new Map(contactModels.map((c) => [c.id, c])),
    conversations: models,
    fieldLabels,
  };
}

// ---------- the independent model of the list ----------

export type ModelFilters = {
  tab: 'active' | 'requests' | 'bot' | 'all' | 'resolved';
  assigned?: string;
  status?: 'follow-up' | 'unread' | 'unresolved' | 'resolved';
  channel?: string;
  sort: 'newest' | 'sla';
  q?: string;
};

/**
 * What the search should find in a customer, and why (match kinds), written independently
 * of lib/inbox/search.ts. Custom data matches by value, key, or the label of its field.
 */
export function modelSearch(contact: ModelContact, q: string, fieldLabels: ReadonlyMap<string, string> = new Map()): Set<string> {
  const needle = q.toLowerCase();
  const has = (v: string | null) => v !== null && v.toLowerCase().includes(needle);
  const kinds = new Set<string>();
  if (has(contact.name)) kinds.add('name');
  if (has(contact.email)) kinds.add('email');
  const digits = /^[\d\s()+.-]+$/.test(q) ? q.replace(/\D/g, '') : '';
  if (has(contact.phone) || (digits.length >= 4 && contact.phone !== null && contact.phone.replace(/\D/g, '').includes(digits))) kinds.add('phone');
  if (contact.tags.some(has)) kinds.add('tag');
  if (Object.entries(contact.customData).some(([key, value]) => has(value) || has(key) || has(fieldLabels.get(key) ?? null))) kinds.add('data');
  return kinds;
}

export function modelMatches(world: World, c: ModelConversation, f: ModelFilters): boolean {
  const me = world.me.actor.id;
  const wantStatus = f.tab === 'resolved' ? (f.status === 'unresolved' ? null : 'resolved') : f.status === 'resolved' ? 'resolved' : 'open';
  if (c.status !== wantStatus) return false;
  const agentIs = (id: string) => c.handler === 'agent' && c.assigneeId === id;
  if (f.tab === 'active' && !agentIs(me)) return false;
  if (f.tab === 'requests' && c.handler !== 'queue') return false;
  if (f.tab === 'bot' && c.handler !== 'bot') return false;
  if (f.assigned === 'me' && !agentIs(me)) return false;
  if (f.assigned === 'bot' && c.handler !== 'bot') return false;
  if (f.assigned === 'unassigned' && !(c.handler === 'queue' && c.teamId === null)) return false;
  if (f.assigned?.startsWith('agent:') && !agentIs(f.assigned.slice(6))) return false;
  if (f.assigned?.startsWith('team:') && c.teamId !== f.assigned.slice(5)) return false;
  if (f.status === 'follow-up' && !c.followUp) return false;
  if (f.status === 'unread' && c.unreadForMe === 0) return false;
  if (f.channel && c.channelId !== f.channel) return false;
  if (f.q && modelSearch(world.contacts.get(c.contactId)!, f.q, world.fieldLabels).size === 0) return false;
  return true;
}

export function modelOrder(a: ModelConversation, b: ModelConversation, sort: 'newest' | 'sla'): number {
  if (sort === 'sla') {
    const as = a.slaDueAt?.getTime() ?? Number.POSITIVE_INFINITY;
    const bs = b.slaDueAt?.getTime() ?? Number.POSITIVE_INFINITY;
    if (as !== bs) return as - bs;
  }
  if (a.lastMessageAt.getTime() !== b.lastMessageAt.getTime()) return b.lastMessageAt.getTime() - a.lastMessageAt.getTime();
  return a.id < b.id ? 1 : -1;
}

export function modelList(world: World, f: ModelFilters): ModelConversation[] {
  return world.conversations.filter((c) => modelMatches(world, c, f)).sort((a, b) => modelOrder(a, b, f.sort));
}
