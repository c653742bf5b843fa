import { and, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations } from '@/db/schema';
import { countInboxTabs, filterConditions, getInboxRows, listConversations } from '@/lib/inbox/list';
import { listFiltersSchema, type InboxRow } from '@/lib/inbox/list-query';
import { resolveSearch } from '@/lib/inbox/search';
import type { ActorContext } from '@/lib/auth/action-core';
import { buildWorld, modelList, modelMatches, modelSearch, prng, type ModelFilters, type World } from './world';

// The list query against an independent in-memory model, on a generated workspace of
// 3,000 conversations (and a second workspace of 600 with the same names, tags and data).

let a: World;
let b: World;

beforeAll(async () => {
  const db = getDb();
  a = await buildWorld(db, { seed: 1, name: 'Shop A', contacts: 900, conversations: 3000 });
  // The same agent belongs to B, whose customers share A's names, tags and custom data
  // keys; B names the colour field differently.
  b = await buildWorld(db, {
    seed: 2,
    name: 'Shop B',
    contacts: 200,
    conversations: 600,
    me: { id: a.me.actor.id, name: a.me.actor.name, email: a.me.actor.email },
    colourLabel: 'Lieblingsfarbe',
  });
}, 120_000);

/** Walks every page; checks page sizes, cursors, and that no row appears twice. */
async function walk(ctx: ActorContext, filters: ModelFilters, limit: number): Promise<InboxRow[]> {
  const seen = new Set<string>();
  const rows: InboxRow[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await listConversations(getDb(), ctx, { ...filters, cursor, limit });
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    for (const r of page.rows) {
      expect(seen.has(r.id), `row ${r.id} appeared twice`).toBe(false);
      seen.add(r.id);
      rows.push(r);
    }
    if (!page.nextCursor) return rows;
    expect(page.rows.length).toBe(limit);
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

async function expectList(filters: ModelFilters, limit = 100, ctx: ActorContext = a.me, world: World = a) {
  const rows = await walk(ctx, filters, limit);
  const expected = modelList(world, filters);
  expect(rows.map((r) => r.id), JSON.stringify(filters)).toEqual(expected.map((c) => c.id));
  return rows;
}

const tabs = ['active', 'requests', 'bot', 'all', 'resolved'] as const;

describe('tabs and order', () => {
  it('walks every tab page by page: complete, no duplicates, newest first with ties broken by id', async () => {
    for (const tab of tabs) {
      const rows = await expectList({ tab, sort: 'newest' }, 97);
      if (tab === 'all') expect(rows.length).toBeGreaterThan(1500);
    }
    // The data has real ties on last activity, so the id tie-break is exercised.
    const times = a.conversations.map((c) => c.lastMessageAt.getTime());
    expect(new Set(times).size).toBeLessThan(times.length - 100);
  });

  it('sorts by SLA: due soonest first, no SLA last, stable across pages', async () => {
    for (const tab of tabs) await expectList({ tab, sort: 'sla' }, 61);
    const rows = await walk(a.me, { tab: 'all', sort: 'sla' }, 100);
    const firstWithout = rows.findIndex((r) => r.slaDueAt === null);
    expect(firstWithout).toBeGreaterThan(0);
    expect(rows.slice(firstWithout).every((r) => r.slaDueAt === null)).toBe(true);
  });

  it('fills each row from its conversation, customer, channel, assignee, team and my read cursor', async () => {
    const rows = await walk(a.me, { tab: 'all', sort: 'newest' }, 100);
    const byId = new Map(a.conversations.map((c) => [c.id, c]));
    for (const r of rows) {
      const c = byId.get(r.id)!;
      expect(r.contact.name).toBe(a.contacts.get(c.contactId)!.name);
      expect(r.channel.id).toBe(c.channelId);
      expect(r.assignee?.id ?? null).toBe(c.assigneeId);
      expect(r.team?.id ?? null).toBe(c.teamId);
      expect(r.slaDueAt).toBe(c.slaDueAt?.toISOString() ?? null);
      expect(r.unreadCount, `unread of ${r.id}`).toBe(c.unreadForMe);
      expect(r.matches).toBeUndefined();
    }
  });
});

describe('filters', () => {
  const filterValues = (w: World): Array<Partial<ModelFilters>> => [
    { assigned: 'me' },
    { assigned: `agent:${w.agents[2].id}` },
    { assigned: 'bot' },
    { assigned: 'unassigned' },
    { assigned: `team:${w.teams[0].id}` },
    { status: 'follow-up' },
    { status: 'unread' },
    { status: 'unresolved' },
    { status: 'resolved' },
    ...w.channels.map((c) => ({ channel: c.id })),
  ];

  it('each filter on each tab returns exactly the matching rows', async () => {
    for (const tab of tabs) {
      for (const f of filterValues(a)) {
        await expectList({ tab, sort: 'newest', ...f }, 100);
      }
    }
  }, 120_000);

  it('filters combine (with sort and search) and every combination is exact', async () => {
    const rnd = prng(42);
    const values = filterValues(a);
    const terms = ['tan', 'VIP', 'bangkok', 'example', '', '', ''];
    for (let i = 0; i < 40; i++) {
      const f: ModelFilters = { tab: rnd.pick(tabs), sort: rnd.pick(['newest', 'sla'] as const) };
      for (const v of [rnd.pick(values), rnd.pick(values), rnd.pick(values)]) Object.assign(f, v);
      const q = rnd.pick(terms);
      if (q) f.q = q;
      await expectList(f, 100);
    }
  }, 120_000);

  it('an impossible combination (Resolved tab, unresolved) is empty', async () => {
    expect((await listConversations(getDb(), a.me, { tab: 'resolved', status: 'unresolved' })).rows).toEqual([]);
  });
});

describe('search', () => {
  // Each term is chosen so the generated data has matches of its kind.
  const sample = () => [...a.contacts.values()];
  const terms = (): string[] => {
    const withEmail = sample().find((c) => c.email)!;
    const withPhone = sample().find((c) => c.phone?.startsWith('+66'))!;
    const withDashes = sample().find((c) => c.phone?.includes('-'))!;
    const withOrder = sample().find((c) => c.customData['Last order'])!;
    return [
      'somchai', // name, case-insensitive
      sample()[5].name, // a whole name
      'Wongsa 1', // part of a name across the space
      withEmail.email!.split('@')[0], // email local part
      'shop.example', // email domain
      withPhone.phone!.replace(/\D/g, '').slice(3, 10), // phone digits, stored with spaces
      withDashes.phone!.slice(0, 7), // phone as stored
      'vip', // tag, case-insensitive
      'custom', // part of a tag ("New customer")
      '100%', // a literal percent sign (tag "100% Cotton fan" and data "Wants 100% refund")
      'e_c', // a literal underscore ("snake_case"), not a wildcard
      'chiang', // custom data value
      withOrder.customData['Last order']!, // an order number kept in custom data
      'Preferred size', // a custom data key, with its space
      'last_order', // a custom data key, its underscore literal
      'favourite', // the label of the customer field kept under "fav_colour"
      'nobody-has-this',
    ];
  };

  it('finds customers by name, email, phone, tag and custom data key, label and value, on every tab', async () => {
    let matchedKinds = new Set<string>();
    for (const q of terms()) {
      for (const tab of ['all', 'resolved', 'requests'] as const) {
        const rows = await expectList({ tab, sort: 'newest', q }, 100);
        for (const r of rows) {
          const expectedKinds = modelSearch(a.contacts.get(r.contact.id)!, q, a.fieldLabels);
          // Every reason is reported, each with a value (or, for custom data, a name) that contains the term.
          expect(new Set(r.matches!.map((m) => m.kind)), `${q}: ${r.contact.name}`).toEqual(expectedKinds);
          for (const m of r.matches!) {
            const digits = q.replace(/\D/g, '');
            const has = (text: string) => text.toLowerCase().includes(q.toLowerCase());
            const contains = has(m.value) || (m.kind === 'data' && has(m.label)) || (m.kind === 'phone' && m.value.replace(/\D/g, '').includes(digits));
            expect(contains, `${m.kind} ${m.value} for ${q}`).toBe(true);
          }
          matchedKinds = new Set([...matchedKinds, ...expectedKinds]);
        }
      }
    }
    expect(matchedKinds).toEqual(new Set(['name', 'email', 'phone', 'tag', 'data']));
    // The wildcard characters were literal.
    expect(modelList(a, { tab: 'all', sort: 'newest', q: 'e_c' }).length).toBeLessThan(modelList(a, { tab: 'all', sort: 'newest', q: 'e' }).length);
  }, 120_000);

  it('finds customers by a custom data key or the label of its field, whatever the value, and says which entry', async () => {
    for (const [q, label] of [
      ['Preferred size', 'Preferred size'],
      ['last_order', 'last_order'],
      ['FAVOURITE col', 'Favourite colour'],
    ] as const) {
      const expected = modelList(a, { tab: 'all', sort: 'newest', q });
      expect(expected.length, `${q} has customers to find`).toBeGreaterThan(0);
      const rows = await expectList({ tab: 'all', sort: 'newest', q }, 100);
      for (const r of rows) expect(r.matches!.filter((m) => m.kind === 'data').map((m) => m.label), r.contact.name).toContain(label);
    }
    // "last_order" is a key of its own: "Last order" does not match it.
    const withSpacedKey = [...a.contacts.values()].filter((c) => c.customData['Last order'] && !c.customData.last_order).map((c) => c.id);
    const found = await walk(a.me, { tab: 'all', sort: 'newest', q: 'last_order' }, 100);
    expect(found.some((r) => withSpacedKey.includes(r.contact.id))).toBe(false);
  });

  it('a broad search (more customers than the id list holds) gives the same rows per conversation', async () => {
    const db = getDb();
    expect((await resolveSearch(db, a.workspaceId, 'a', 10)).contactIds).toBeNull();
    expect((await resolveSearch(db, a.workspaceId, 'nobody-has-this')).contactIds).toEqual([]);
    for (const q of ['a', 'vip', 'bangkok', '08', 'size', 'favourite']) {
      for (const tab of ['all', 'resolved'] as const) {
        const filters = listFiltersSchema.parse({ tab, q });
        // Without a resolved id list the condition is checked per conversation.
        const rows = await db
          .select({ id: conversations.id })
          .from(conversations)
          .where(and(...filterConditions(a.me, filters)));
        const expected = modelList(a, { tab, sort: 'newest', q }).map((c) => c.id);
        expect(rows.map((r) => r.id).sort()).toEqual([...expected].sort());
      }
    }
  });
});

describe('tenant isolation', () => {
  it("never shows the other workspace's conversations, even for terms both share", async () => {
    const bIds = new Set(b.conversations.map((c) => c.id));
    for (const q of ['vip', 'tan', 'bangkok', 'example.com', '100%', 'preferred size']) {
      const rowsA = await walk(a.me, { tab: 'all', sort: 'newest', q }, 100);
      expect(rowsA.some((r) => bIds.has(r.id))).toBe(false);
      // B has matches for the same terms, and sees only its own.
      const rowsB = await expectList({ tab: 'all', sort: 'newest', q }, 100, b.me, b);
      expect(rowsB.length).toBeGreaterThan(0);
    }
    await expectList({ tab: 'all', sort: 'newest' }, 100, b.me, b);
    // A field label is the workspace's own: B's name for the colour field finds nothing in A.
    expect(await walk(a.me, { tab: 'all', sort: 'newest', q: 'Lieblingsfarbe' }, 100)).toEqual([]);
    expect((await expectList({ tab: 'all', sort: 'newest', q: 'Lieblingsfarbe' }, 100, b.me, b)).length).toBeGreaterThan(0);
  });

  it("filters naming the other workspace's channel, agent or team find nothing; its ids are not fetched", async () => {
    const sharedMe = a.me.actor.id;
    for (const f of [{ channel: b.channels[0].id }, { assigned: `team:${b.teams[0].id}` }, { assigned: `agent:${b.agents[1].id}` }]) {
      expect((await listConversations(getDb(), a.me, { tab: 'all', ...f })).rows).toEqual([]);
    }
    const someB = b.conversations.slice(0, 20).map((c) => c.id);
    expect(await getInboxRows(getDb(), a.me, someB)).toEqual([]);
    expect(await getInboxRows(getDb(), a.me, someB, listFiltersSchema.parse({}))).toEqual([]);
    // The agent belongs to both: "assigned to me" in A is A's only.
    const mine = await walk(a.me, { tab: 'active', sort: 'newest' }, 100);
    expect(mine.every((r) => r.assignee?.id === sharedMe && a.conversations.some((c) => c.id === r.id))).toBe(true);
  });
});

describe('tab counts', () => {
  it('agree with the rows of each tab, and stop at the cap', async () => {
    const exact = await countInboxTabs(getDb(), a.me, 1_000_000);
    for (const tab of ['active', 'requests', 'bot', 'all'] as const) {
      const n = modelList(a, { tab, sort: 'newest' }).length;
      expect(exact[tab], tab).toEqual({ count: n, capped: false });
      expect((await walk(a.me, { tab, sort: 'newest' }, 100)).length).toBe(n);
    }
    const capped = await countInboxTabs(getDb(), a.me);
    for (const tab of ['active', 'requests', 'bot', 'all'] as const) {
      const n = modelList(a, { tab, sort: 'newest' }).length;
      expect(capped[tab]).toEqual(n >= 100 ? { count: 100, capped: true } : { count: n, capped: false });
    }
    const bCounts = await countInboxTabs(getDb(), b.me, 1_000_000);
    expect(bCounts.all.count).toBe(modelList(b, { tab: 'all', sort: 'newest' }).length);
  });
});

describe('rows by id (live updates)', () => {
  it('say, per row, whether it belongs to the list under the given filters and search', async () => {
    const rnd = prng(7);
    const ids = Array.from({ length: 50 }, () => rnd.pick(a.conversations).id);
    const cases: ModelFilters[] = [
      { tab: 'all', sort: 'newest' },
      { tab: 'requests', sort: 'newest', assigned: 'unassigned' },
      { tab: 'active', sort: 'sla' },
      { tab: 'all', sort: 'newest', status: 'unread' },
      { tab: 'all', sort: 'newest', q: 'vip' },
      { tab: 'resolved', sort: 'newest', q: 'bangkok', channel: a.channels[1].id },
    ];
    for (const f of cases) {
      const result = await getInboxRows(getDb(), a.me, ids, listFiltersSchema.parse(f));
      expect(new Set(result.map((r) => r.row.id))).toEqual(new Set(ids));
      for (const { row, matches } of result) {
        const model = a.conversations.find((c) => c.id === row.id)!;
        expect(matches, `${row.id} under ${JSON.stringify(f)}`).toBe(modelMatches(a, model, f));
        expect(row.unreadCount).toBe(model.unreadForMe);
        if (f.q && matches) expect(row.matches!.length).toBeGreaterThan(0);
      }
    }
  });

  it('is bounded to 50 ids and ignores unknown ones', async () => {
    const ids = a.conversations.slice(0, 60).map((c) => c.id);
    expect(await getInboxRows(getDb(), a.me, ids)).toHaveLength(50);
    const some = await getInboxRows(getDb(), a.me, [ids[0], '00000000-0000-4000-8000-000000000000']);
    expect(some.map((r) => r.row.id)).toEqual([ids[0]]);
    expect(await db_count(ids.slice(0, 5))).toBe(5);
  });
});

async function db_count(ids: string[]) {
  const rows = await getDb().select({ id: conversations.id }).from(conversations).where(inArray(conversations.id, ids));
  return rows.length;
}

describe('cursors', () => {
  it('refuses a cursor that does not parse or belongs to the other sort', async () => {
    const page = await listConversations(getDb(), a.me, { tab: 'all', limit: 5 });
    await expect(listConversations(getDb(), a.me, { tab: 'all', sort: 'sla', cursor: page.nextCursor! })).rejects.toThrow(/order/);
    await expect(listConversations(getDb(), a.me, { tab: 'all', cursor: 'garbage' })).rejects.toThrow(/order/);
  });
});
