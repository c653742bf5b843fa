import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { contacts, contactTags, conversations, tags, workspaces } from '@/db/schema';
import { loadChannel } from '@/lib/channel-config/load';
import { assignConversation } from '@/lib/inbox/ops/assign';
import { applyCustomerMessage } from '@/lib/ingest/apply-message';
import { routeRequest } from '@/lib/routing/route';
import { saveRoutingRule, type RoutingRuleInput } from '@/lib/routing/rules-admin';
import { saveSlaRule } from '@/lib/sla/rules-admin';
import type { ActorContext } from '@/lib/auth/action-core';
import { auditActions, createRoutingWorld, reload, statusLines } from './world';

// Routing rules on new requests: the first matching rule sends the request to its team or
// agent through the one writer; capacity and availability still hold; with no match the
// workspace's mode applies as before.

const blank: RoutingRuleInput = {
  name: 'Rule',
  enabled: true,
  channelKinds: [],
  teamIds: [],
  tags: [],
  customFieldKey: '',
  customFieldValue: '',
  priorities: [],
  businessHours: 'any',
  languages: [],
  actionKind: 'team',
  actionTeamId: null,
  actionAgentId: null,
};

type World = Awaited<ReturnType<typeof createRoutingWorld>>;

async function customerOf(world: World, request: { contactId: string }, details: { tags?: string[]; language?: string }) {
  const db = getDb();
  if (details.language) await db.update(contacts).set({ language: details.language }).where(eq(contacts.id, request.contactId));
  for (const name of details.tags ?? []) {
    const [tag] = await db.insert(tags).values({ workspaceId: world.workspace.id, name }).onConflictDoNothing().returning();
    const id = tag?.id ?? (await db.select().from(tags).where(and(eq(tags.workspaceId, world.workspace.id), eq(tags.name, name))))[0].id;
    await db.insert(contactTags).values({ contactId: request.contactId, tagId: id });
  }
}

async function adminOf(world: World): Promise<ActorContext> {
  return world.member('Admin', { role: 'admin', present: false });
}

describe('a rule that matches sends the new request where it says', () => {
  it('to a team: narrowed to it, with the status line, a version bump and an audit row (manual mode)', async () => {
    const world = await createRoutingWorld({ mode: 'manual' });
    const admin = await adminOf(world);
    const sales = await world.team('Sales');
    const rule = await saveRoutingRule(getDb(), admin, { ...blank, name: 'VIP customers', tags: ['vip'], actionTeamId: sales.id });
    const vip = await world.request();
    await customerOf(world, vip, { tags: ['VIP'] });
    const other = await world.request();

    expect(await routeRequest(getDb(), world.workspace.id, vip.id, { online: world.lookup })).toBeNull();
    const routed = await reload(vip.id);
    expect(routed).toMatchObject({ handler: 'queue', assigneeId: null, teamId: sales.id, version: vip.version + 1 });
    expect(await statusLines(vip.id)).toEqual(['Routed to Sales by rule “VIP customers”']);
    const [audit] = await auditActions(world.workspace.id, 'conversation.route_by_rule');
    expect(audit).toMatchObject({ targetId: vip.id, actorUserId: null, data: { ruleId: rule.id, ruleName: 'VIP customers' } });

    // No tag, no match: as before, it waits in Requests for everyone.
    await routeRequest(getDb(), world.workspace.id, other.id, { online: world.lookup });
    expect(await reload(other.id)).toMatchObject({ teamId: null, version: other.version });
    expect(await statusLines(other.id)).toEqual([]);
  });

  it('a rule that also sets the priority says so in the same line, and an SLA rule on that priority then applies', async () => {
    const world = await createRoutingWorld({ mode: 'manual' });
    const admin = await adminOf(world);
    const sales = await world.team('Sales');
    await saveRoutingRule(getDb(), admin, { ...blank, name: 'VIP customers', tags: ['vip'], actionTeamId: sales.id, setPriority: 'urgent' });
    const urgentSla = await saveSlaRule(getDb(), admin, {
      name: 'Urgent',
      enabled: true,
      channelKinds: [],
      teamIds: [],
      tags: [],
      customFieldKey: '',
      customFieldValue: '',
      priorities: ['urgent'],
      firstResponseMinutes: 5,
      nextResponseMinutes: null,
      resolutionMinutes: null,
      businessHours: false,
    });
    const vip = await world.request();
    await customerOf(world, vip, { tags: ['vip'] });
    await routeRequest(getDb(), world.workspace.id, vip.id, { online: world.lookup });
    expect(await reload(vip.id)).toMatchObject({ teamId: sales.id, priority: 'urgent', slaRuleId: urgentSla.id, slaDueKind: 'first_response', version: vip.version + 1 });
    expect(await statusLines(vip.id)).toEqual(['Routed to Sales by rule “VIP customers”, priority Urgent']);

    // Already in the team: the rule still sets the priority, with a line of its own.
    const again = await world.request(sales.id);
    await customerOf(world, again, { tags: ['vip'] });
    await routeRequest(getDb(), world.workspace.id, again.id, { online: world.lookup });
    expect(await reload(again.id)).toMatchObject({ teamId: sales.id, priority: 'urgent' });
    expect(await statusLines(again.id)).toEqual(['Priority set to Urgent by rule “VIP customers”']);
  });

  it('to a team in automatic mode: one of the team’s available members gets it', async () => {
    const world = await createRoutingWorld();
    const admin = await adminOf(world);
    await world.member('Ana');
    const ben = await world.member('Ben');
    const thai = await world.team('Thai desk', ben);
    await saveRoutingRule(getDb(), admin, { ...blank, name: 'Thai speakers', languages: ['th'], actionTeamId: thai.id });
    const r = await world.request();
    await customerOf(world, r, { language: 'th' });

    expect((await routeRequest(getDb(), world.workspace.id, r.id, { online: world.lookup }))?.agentId).toBe(ben.actor.id);
    expect(await statusLines(r.id)).toEqual(['Routed to Thai desk by rule “Thai speakers”', 'Assigned to Ben automatically']);
  });

  it('to an agent who can take it: assigned to them, even in manual mode', async () => {
    const world = await createRoutingWorld({ mode: 'manual' });
    const admin = await adminOf(world);
    const ana = await world.member('Ana');
    await saveRoutingRule(getDb(), admin, { ...blank, name: 'Wholesale', tags: ['wholesale'], actionKind: 'agent', actionAgentId: ana.actor.id });
    const r = await world.request();
    await customerOf(world, r, { tags: ['Wholesale'] });

    expect(await routeRequest(getDb(), world.workspace.id, r.id, { online: world.lookup })).toMatchObject({ agentId: ana.actor.id, agentName: 'Ana' });
    expect(await reload(r.id)).toMatchObject({ handler: 'agent', assigneeId: ana.actor.id, version: r.version + 1 });
    expect(await statusLines(r.id)).toEqual(['Assigned to Ana by rule “Wholesale”']);
    expect((await auditActions(world.workspace.id, 'conversation.route_by_rule')).length).toBe(1);
  });

  it('the first matching rule wins; a disabled rule is skipped', async () => {
    const world = await createRoutingWorld({ mode: 'manual' });
    const admin = await adminOf(world);
    const [a, b, c] = [await world.team('A'), await world.team('B'), await world.team('C')];
    await saveRoutingRule(getDb(), admin, { ...blank, name: 'Off', enabled: false, actionTeamId: a.id });
    await saveRoutingRule(getDb(), admin, { ...blank, name: 'Web', channelKinds: ['web'], actionTeamId: b.id });
    await saveRoutingRule(getDb(), admin, { ...blank, name: 'Everything', actionTeamId: c.id });
    const r = await world.request();
    await routeRequest(getDb(), world.workspace.id, r.id, { online: world.lookup });
    expect(await statusLines(r.id)).toEqual(['Routed to B by rule “Web”']);
  });

  it('business hours: an “outside business hours” rule applies only while the shop is closed', async () => {
    const world = await createRoutingWorld({ mode: 'manual' });
    const days = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['09:00-17:00']]));
    await getDb()
      .update(workspaces)
      .set({ timezone: 'UTC', settings: { businessHours: { enabled: true, days, holidays: [], awayMessage: 'Closed' } } })
      .where(eq(workspaces.id, world.workspace.id));
    const admin = await adminOf(world);
    const night = await world.team('Night shift');
    await saveRoutingRule(getDb(), admin, { ...blank, name: 'After hours', businessHours: 'closed', actionTeamId: night.id });
    const [day, late] = [await world.request(), await world.request()];
    await routeRequest(getDb(), world.workspace.id, day.id, { online: world.lookup, now: new Date('2026-12-02T10:00:00Z') });
    await routeRequest(getDb(), world.workspace.id, late.id, { online: world.lookup, now: new Date('2026-12-02T20:00:00Z') });
    expect((await reload(day.id)).teamId).toBeNull();
    expect((await reload(late.id)).teamId).toBe(night.id);
  });
});

describe('capacity and availability still hold', () => {
  async function agentRule(world: World, fallback: { id: string } | null) {
    const admin = await adminOf(world);
    const ana = await world.member('Ana', { capacity: 1 });
    await saveRoutingRule(getDb(), admin, { ...blank, name: 'Ana’s customers', tags: ['ana'], actionKind: 'agent', actionAgentId: ana.actor.id, actionTeamId: fallback?.id ?? null });
    return ana;
  }

  it('the rule’s agent at capacity does not get it: it waits for the rule’s team, where routing gives it to a member', async () => {
    const world = await createRoutingWorld();
    const ben = await world.member('Ben');
    const support = await world.team('Support', ben);
    const ana = await agentRule(world, support);
    const first = await world.request();
    await customerOf(world, first, { tags: ['ana'] });
    expect((await routeRequest(getDb(), world.workspace.id, first.id, { online: world.lookup }))?.agentId).toBe(ana.actor.id);

    const second = await world.request();
    await customerOf(world, second, { tags: ['ana'] });
    expect((await routeRequest(getDb(), world.workspace.id, second.id, { online: world.lookup }))?.agentId).toBe(ben.actor.id);
    expect(await statusLines(second.id)).toEqual(['Ana is not available: routed to Support by rule “Ana’s customers”', 'Assigned to Ben automatically']);
    expect((await reload(second.id)).teamId).toBe(support.id);
  });

  it('the rule’s agent away (or offline) does not get it; with no team named it waits in Requests (manual mode)', async () => {
    const world = await createRoutingWorld({ mode: 'manual' });
    const admin = await adminOf(world);
    const ana = await world.member('Ana', { availability: 'away' });
    const cy = await world.member('Cy', { present: false });
    await saveRoutingRule(getDb(), admin, { ...blank, name: 'Ana', tags: ['ana'], actionKind: 'agent', actionAgentId: ana.actor.id });
    await saveRoutingRule(getDb(), admin, { ...blank, name: 'Cy', tags: ['cy'], actionKind: 'agent', actionAgentId: cy.actor.id });
    const [r1, r2] = [await world.request(), await world.request()];
    await customerOf(world, r1, { tags: ['ana'] });
    await customerOf(world, r2, { tags: ['cy'] });
    expect(await routeRequest(getDb(), world.workspace.id, r1.id, { online: world.lookup })).toBeNull();
    expect(await routeRequest(getDb(), world.workspace.id, r2.id, { online: world.lookup })).toBeNull();
    expect(await reload(r1.id)).toMatchObject({ handler: 'queue', assigneeId: null, teamId: null });
    expect(await statusLines(r1.id)).toEqual(['Ana is not available: waiting in Requests (rule “Ana”)']);
    expect(await reload(r2.id)).toMatchObject({ handler: 'queue', assigneeId: null });
  });
});

describe('no rule matches: the workspace mode applies as today', () => {
  it('automatic: the next available agent; manual: it waits unnarrowed', async () => {
    const auto = await createRoutingWorld();
    const admin = await adminOf(auto);
    const sales = await auto.team('Sales');
    await saveRoutingRule(getDb(), admin, { ...blank, name: 'VIP', tags: ['vip'], actionTeamId: sales.id });
    const ana = await auto.member('Ana');
    const r = await auto.request();
    expect((await routeRequest(getDb(), auto.workspace.id, r.id, { online: auto.lookup }))?.agentId).toBe(ana.actor.id);
    expect(await statusLines(r.id)).toEqual(['Assigned to Ana automatically']);
    expect(await auditActions(auto.workspace.id, 'conversation.route_by_rule')).toEqual([]);
  });
});

describe('through the inbound pipeline', () => {
  it('a conversation opened straight as a request is routed by rule once; the customer’s next message does not route it again', async () => {
    const world = await createRoutingWorld({ mode: 'manual' });
    const admin = await adminOf(world);
    const [web, support] = [await world.team('Web desk'), await world.team('Support')];
    await saveRoutingRule(getDb(), admin, { ...blank, name: 'Website visitors', channelKinds: ['web'], actionTeamId: web.id });
    const loaded = (await loadChannel(getDb(), world.channel.id))!;
    const visitor = randomUUID();
    const say = (text: string) =>
      applyCustomerMessage(getDb(), loaded, null, { externalMessageId: randomUUID(), sender: { externalId: visitor, name: 'Vi' }, timestamp: new Date(), content: { kind: 'text', text }, raw: {} }, { onStored: async () => {} });

    const events = await say('hello');
    const [c] = await getDb().select().from(conversations).where(eq(conversations.channelId, world.channel.id));
    expect(c).toMatchObject({ handler: 'queue', teamId: web.id });
    expect(events.some((e) => e.name === 'conversation.updated' && (e.data as { teamId?: string }).teamId === web.id)).toBe(true);
    expect(await statusLines(c.id)).toEqual(['New request', 'Routed to Web desk by rule “Website visitors”']);

    // An agent moves it; the customer writes again: the rule does not pull it back.
    await assignConversation(getDb(), admin, { conversationId: c.id, to: `team:${support.id}` });
    await say('still there?');
    expect((await reload(c.id)).teamId).toBe(support.id);
    expect((await statusLines(c.id)).filter((l) => l?.includes('by rule'))).toHaveLength(1);
  });
});
