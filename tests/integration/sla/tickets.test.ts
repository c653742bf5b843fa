import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { notifications, teamMembers, teams, ticketEvents, ticketSlaTargets, tickets, workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { authorizeMemberChannel } from '@/lib/realtime/authorize';
import { realtimeChannels } from '@/lib/realtime/channels';
import { notifyTicketSlaBreaches } from '@/lib/notifications/sla';
import { recordTicketSlaBreaches } from '@/lib/sla/breaches';
import { saveSlaRule, type SlaRuleInput } from '@/lib/sla/rules-admin';
import { addComment } from '@/lib/tickets/comment';
import { createTicket } from '@/lib/tickets/create';
import { getTicketDetail } from '@/lib/tickets/detail';
import { listTickets } from '@/lib/tickets/list';
import { updateTicket } from '@/lib/tickets/update';
import { bulkUpdateTickets } from '@/lib/tickets/bulk-update';
import { addMember, createUser, createWorkspace } from '../support/fixtures';
import { nextEvent, startTestRealtime } from '../support/realtime';

// Ticket SLA rules on the real verbs: a new ticket gets the first matching ticket rule's
// targets, a priority change brings another rule in, the clock stops while the ticket waits
// on the customer, and the minutely check records a miss once, in the history, and tells
// who has the ticket.

const MIN = 60_000;
const db = () => getDb();

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());

type Person = { id: string; ctx: ActorContext };
let ana: Person; // agent
let ben: Person; // admin
let cleo: Person; // agent on the Billing team
let billing: { id: string };

async function person(workspaceId: string, name: string, role: 'agent' | 'admin'): Promise<Person> {
  const user = await createUser(db(), name);
  await addMember(db(), workspaceId, user.id, role);
  return { id: user.id, ctx: { workspaceId, actor: { id: user.id, name, email: user.email, role } } };
}

beforeEach(async () => {
  const ws = await createWorkspace(db(), 'Ticket SLA Shop');
  ana = await person(ws.id, 'Ana', 'agent');
  ben = await person(ws.id, 'Ben', 'admin');
  cleo = await person(ws.id, 'Cleo', 'agent');
  [billing] = await db().insert(teams).values({ workspaceId: ws.id, name: 'Billing' }).returning();
  await db().insert(teamMembers).values({ workspaceId: ws.id, teamId: billing.id, userId: cleo.id });
});

const rule = (overrides: Partial<SlaRuleInput> = {}): SlaRuleInput => ({
  name: 'Tickets',
  appliesTo: 'ticket',
  enabled: true,
  channelKinds: [],
  teamIds: [],
  tags: [],
  customFieldKey: '',
  customFieldValue: '',
  priorities: [],
  ticketPriorities: [],
  ticketTypes: [],
  firstResponseMinutes: 60,
  nextResponseMinutes: null,
  resolutionMinutes: 240,
  businessHours: false,
  ...overrides,
});

const ticketRow = async (id: string) => (await db().select().from(tickets).where(eq(tickets.id, id)))[0];
const targetsOf = (ticketId: string) => db().select().from(ticketSlaTargets).where(eq(ticketSlaTargets.ticketId, ticketId)).orderBy(asc(ticketSlaTargets.kind), asc(ticketSlaTargets.startedAt));
const pendingOf = async (ticketId: string) => (await targetsOf(ticketId)).filter((t) => !t.metAt && !t.cancelledAt);
const since = (t: { dueAt: Date; startedAt: Date }) => (t.dueAt.getTime() - t.startedAt.getTime()) / MIN;

/** What an agent edits, at the version the ticket has now. */
async function edit(who: Person, id: string, patch: Parameters<typeof updateTicket>[2]['patch']) {
  const t = await ticketRow(id);
  return updateTicket(db(), who.ctx, { ticketId: id, version: t.version, patch });
}

/** Moves a ticket's clocks back, as if `minutes` had passed since they were set. */
async function travel(ticketId: string, minutes: number) {
  const back = sql`interval '${sql.raw(String(minutes))} minutes'`;
  await db()
    .update(ticketSlaTargets)
    .set({
      startedAt: sql`${ticketSlaTargets.startedAt} - ${back}`,
      dueAt: sql`${ticketSlaTargets.dueAt} - ${back}`,
      pausedAt: sql`${ticketSlaTargets.pausedAt} - ${back}`,
    })
    .where(eq(ticketSlaTargets.ticketId, ticketId));
  await db()
    .update(tickets)
    .set({ createdAt: sql`${tickets.createdAt} - ${back}`, slaDueAt: sql`${tickets.slaDueAt} - ${back}`, slaDueStartedAt: sql`${tickets.slaDueStartedAt} - ${back}`, slaPausedAt: sql`${tickets.slaPausedAt} - ${back}` })
    .where(eq(tickets.id, ticketId));
}

describe('which ticket rule applies', () => {
  it('the first enabled ticket rule that matches, by position; conversation rules and turned-off rules never', async () => {
    await saveSlaRule(db(), ben.ctx, rule({ name: 'Chats', appliesTo: 'conversation', firstResponseMinutes: 5, nextResponseMinutes: 5 }));
    await saveSlaRule(db(), ben.ctx, rule({ name: 'Off', enabled: false, firstResponseMinutes: 1 }));
    const urgent = await saveSlaRule(db(), ben.ctx, rule({ name: 'Urgent problems', ticketPriorities: ['urgent'], ticketTypes: ['problem', 'incident'], firstResponseMinutes: 15, resolutionMinutes: 120 }));
    const vip = await saveSlaRule(db(), ben.ctx, rule({ name: 'VIP billing', teamIds: [billing.id], tags: ['vip'], firstResponseMinutes: 30, resolutionMinutes: null }));
    const general = await saveSlaRule(db(), ben.ctx, rule({ name: 'General' }));

    const a = await createTicket(db(), ana.ctx, { subject: 'Refund not received', priority: 'urgent', type: 'problem' });
    const b = await createTicket(db(), ana.ctx, { subject: 'Invoice copy', teamId: billing.id, tags: ['VIP'] });
    const c = await createTicket(db(), ana.ctx, { subject: 'Urgent question', priority: 'urgent', type: 'question' });
    const solved = await createTicket(db(), ana.ctx, { subject: 'Done already', status: 'solved' });

    const ta = await ticketRow(a.id);
    expect(ta).toMatchObject({ slaRuleId: urgent.id, slaDueKind: 'first_response' });
    expect(ta.slaDueAt).toEqual(new Date(ta.createdAt.getTime() + 15 * MIN));
    expect((await targetsOf(a.id)).map((t) => [t.kind, since(t)])).toEqual([
      ['first_response', 15],
      ['resolution', 120],
    ]);
    // VIP billing sets no resolution target: only the first response runs.
    expect((await targetsOf(b.id)).map((t) => [t.kind, since(t)])).toEqual([['first_response', 30]]);
    expect((await ticketRow(b.id)).slaRuleId).toBe(vip.id);
    expect((await ticketRow(c.id)).slaRuleId).toBe(general.id);
    expect(await ticketRow(solved.id)).toMatchObject({ slaRuleId: null, slaDueAt: null });
    expect(await targetsOf(solved.id)).toEqual([]);
  });

  it('another workspace’s rules never apply', async () => {
    const other = await createWorkspace(db(), 'Other');
    const otherAdmin = await person(other.id, 'Olga', 'admin');
    await saveSlaRule(db(), otherAdmin.ctx, rule({ name: 'Everything elsewhere', firstResponseMinutes: 1 }));
    const mine = await createTicket(db(), ana.ctx, { subject: 'Mine' });
    expect(await ticketRow(mine.id)).toMatchObject({ slaRuleId: null, slaDueAt: null });
    expect(await targetsOf(mine.id)).toEqual([]);
  });

  it('a change of priority looks at the rules again and recomputes the due times from the creation', async () => {
    const urgent = await saveSlaRule(db(), ben.ctx, rule({ name: 'Urgent', ticketPriorities: ['urgent'], firstResponseMinutes: 15, resolutionMinutes: 60 }));
    const general = await saveSlaRule(db(), ben.ctx, rule({ name: 'General', firstResponseMinutes: 240, resolutionMinutes: 1440 }));
    const { id } = await createTicket(db(), ana.ctx, { subject: 'Payment failed' });
    const created = (await ticketRow(id)).createdAt;
    expect((await ticketRow(id)).slaRuleId).toBe(general.id);

    await edit(ana, id, { priority: 'urgent' });
    const t = await ticketRow(id);
    expect(t).toMatchObject({ slaRuleId: urgent.id, slaDueKind: 'first_response' });
    expect(t.slaDueAt).toEqual(new Date(created.getTime() + 15 * MIN));
    expect((await pendingOf(id)).map((p) => [p.kind, p.ruleId, since(p), p.startedAt.getTime()])).toEqual([
      ['first_response', urgent.id, 15, created.getTime()],
      ['resolution', urgent.id, 60, created.getTime()],
    ]);
    // The general rule's targets are cancelled, not left to breach.
    expect((await targetsOf(id)).filter((p) => p.ruleId === general.id).every((p) => p.cancelledAt !== null)).toBe(true);

    // A bulk edit back to normal brings the general rule back.
    await bulkUpdateTickets(db(), ben.ctx, { ticketIds: [id], patch: { priority: 'normal' } });
    expect((await ticketRow(id)).slaRuleId).toBe(general.id);
    expect((await ticketRow(id)).slaDueAt).toEqual(new Date(created.getTime() + 240 * MIN));
  });

  it('a change of team, type or tags too; a ticket no rule matches any more has no targets', async () => {
    await saveSlaRule(db(), ben.ctx, rule({ name: 'Billing', teamIds: [billing.id] }));
    const { id } = await createTicket(db(), ana.ctx, { subject: 'Invoice' });
    expect((await ticketRow(id)).slaRuleId).toBeNull();
    await edit(ana, id, { teamId: billing.id });
    const t = await ticketRow(id);
    expect(t.slaRuleId).not.toBeNull();
    expect(t.slaDueAt!.getTime()).toBeGreaterThan(Date.now() + 55 * MIN);
    await edit(ana, id, { teamId: null });
    expect(await ticketRow(id)).toMatchObject({ slaRuleId: null, slaDueAt: null });
    expect(await pendingOf(id)).toEqual([]);
  });
});

describe('ticket targets over time', () => {
  it('count business hours when the rule says so', async () => {
    // Closed today and tomorrow in the shop's calendar: the first response is due after the next opening.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await db()
      .update(workspaces)
      .set({
        timezone: 'UTC',
        settings: {
          businessHours: {
            enabled: true,
            days: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'], sat: [], sun: [] },
            holidays: [
              { date: day(0), name: 'Closed' },
              { date: day(1), name: 'Closed' },
            ],
            awayMessage: '',
          },
        },
      })
      .where(eq(workspaces.id, ana.ctx.workspaceId));
    await saveSlaRule(db(), ben.ctx, rule({ businessHours: true, firstResponseMinutes: 30, resolutionMinutes: 600 }));
    const { id } = await createTicket(db(), ana.ctx, { subject: 'Over the holidays' });
    const t = await ticketRow(id);
    expect(t.slaDueAt!.getTime()).toBeGreaterThan(Date.now() + 86_400_000);
    expect(t.slaDueAt!.getUTCHours() * 60 + t.slaDueAt!.getUTCMinutes()).toBe(9 * 60 + 30);
    // Ten business hours: a whole eight-hour day, then two more on the next open day.
    const resolution = (await targetsOf(id)).find((p) => p.kind === 'resolution')!;
    expect(resolution.dueAt.getUTCHours()).toBe(11);
    expect(resolution.businessHours).toBe(true);
  });

  it('stop while the ticket is pending, and resume from where they were when it is opened again', async () => {
    await saveSlaRule(db(), ben.ctx, rule({ firstResponseMinutes: 60, resolutionMinutes: 240 }));
    const { id } = await createTicket(db(), ana.ctx, { subject: 'Which size?', assigneeId: ana.id });
    const resolutionDue = (await pendingOf(id)).find((p) => p.kind === 'resolution')!.dueAt;

    // Asking the customer: the status change answers the first response; the resolution stops.
    await edit(ana, id, { status: 'pending' });
    let t = await ticketRow(id);
    expect(t.slaDueAt).toBeNull();
    expect(t.slaPausedAt).not.toBeNull();
    const [first] = (await targetsOf(id)).filter((p) => p.kind === 'first_response');
    expect(first.metAt).not.toBeNull();
    expect(first.breachedAt).toBeNull();
    const [paused] = await pendingOf(id);
    expect(paused).toMatchObject({ kind: 'resolution' });
    expect(paused.pausedAt).not.toBeNull();

    // Five hours waiting on the customer: past the old due time, yet nothing is breached.
    await travel(id, 300);
    expect((await recordTicketSlaBreaches(db())).filter((b) => b.ticketId === id)).toEqual([]);
    expect((await listTickets(db(), ana.ctx, { sla: 'breached' })).rows).toEqual([]);

    // On hold is still waiting; open again, the clock runs on with the time it had left.
    await edit(ana, id, { status: 'on_hold' });
    expect((await pendingOf(id))[0].pausedAt).not.toBeNull();
    await edit(ana, id, { status: 'open' });
    t = await ticketRow(id);
    const [running] = await pendingOf(id);
    expect(running.pausedAt).toBeNull();
    expect(running.pausedMs).toBeGreaterThanOrEqual(300 * MIN);
    // Left when paused: the original due time minus when it stopped; given again from now.
    const left = resolutionDue.getTime() - paused.pausedAt!.getTime();
    expect(Math.abs(running.dueAt.getTime() - (Date.now() + left))).toBeLessThan(5_000);
    expect(t).toMatchObject({ slaDueKind: 'resolution', slaPausedAt: null });
    expect(t.slaDueAt).toEqual(running.dueAt);

    // Solved: met, and the ticket shows no target.
    await edit(ana, id, { status: 'solved' });
    expect(await ticketRow(id)).toMatchObject({ slaRuleId: null, slaDueAt: null, slaPausedAt: null });
    const resolution = (await targetsOf(id)).find((p) => p.kind === 'resolution')!;
    expect(resolution.metAt).not.toBeNull();
    expect(resolution.breachedAt).toBeNull();
  });

  it('a target met after its due time, before the sweep saw it, is breached once with its history line; reopening starts a new resolution', async () => {
    await saveSlaRule(db(), ben.ctx, rule({ firstResponseMinutes: 10, resolutionMinutes: 120 }));
    const { id } = await createTicket(db(), ana.ctx, { subject: 'Late answer' });
    await travel(id, 15);
    await edit(ben, id, { status: 'pending' });
    const first = (await targetsOf(id)).find((p) => p.kind === 'first_response')!;
    expect(first.metAt).not.toBeNull();
    expect(first.breachedAt).toEqual(first.dueAt);
    expect((await recordTicketSlaBreaches(db())).filter((b) => b.ticketId === id)).toEqual([]);
    const lines = await db().select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, id), eq(ticketEvents.kind, 'sla_breached')));
    expect(lines.map((l) => l.data)).toEqual([{ target: 'first_response', dueAt: first.dueAt.toISOString() }]);

    await edit(ben, id, { status: 'solved' });
    expect((await ticketRow(id)).slaDueAt).toBeNull();
    await edit(ben, id, { status: 'open' });
    const t = await ticketRow(id);
    expect(t.slaDueKind).toBe('resolution');
    expect(Math.abs(t.slaDueAt!.getTime() - (Date.now() + 120 * MIN))).toBeLessThan(5_000);
  });

  it('a comment by someone other than the creator is the first response; the creator’s own is not', async () => {
    await saveSlaRule(db(), ben.ctx, rule());
    const { id } = await createTicket(db(), ana.ctx, { subject: 'Call the courier' });
    await addComment(db(), ana.ctx, { ticketId: id, body: 'Note to self' });
    expect((await ticketRow(id)).slaDueKind).toBe('first_response');
    await addComment(db(), cleo.ctx, { ticketId: id, body: 'I called them' });
    expect((await ticketRow(id)).slaDueKind).toBe('resolution');
    expect((await targetsOf(id)).find((p) => p.kind === 'first_response')!.metAt).not.toBeNull();
  });
});

describe('a missed ticket target', () => {
  it('is recorded once with a history line, notifies the assignee, is found by the filter and goes out live', async () => {
    await saveSlaRule(db(), ben.ctx, rule({ firstResponseMinutes: null, resolutionMinutes: 1 }));
    const { id, number } = await createTicket(db(), ben.ctx, { subject: 'Broken zip', assigneeId: ana.id });
    const client = realtime.connect(async (socketId, channelName) => {
      const result = await authorizeMemberChannel(db(), { id: ben.id, name: 'Ben' }, { socketId, channelName });
      return result.ok ? result.body : { error: result.error };
    });
    const channel = client.subscribe(realtimeChannels.workspace(ana.ctx.workspaceId));
    await nextEvent(channel, 'pusher:subscription_succeeded');
    const live = nextEvent<{ id: string; slaDueAt: string }>(channel, 'ticket.updated');

    await travel(id, 2);
    const breaches = (await recordTicketSlaBreaches(db())).filter((b) => b.ticketId === id);
    expect(breaches).toEqual([{ ticketId: id, workspaceId: ana.ctx.workspaceId, kind: 'resolution', dueAt: expect.any(Date) }]);
    expect((await recordTicketSlaBreaches(db())).filter((b) => b.ticketId === id)).toEqual([]);
    const [target] = await targetsOf(id);
    expect(target.breachedAt).toEqual(target.dueAt);

    const history = await db().select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, id), eq(ticketEvents.kind, 'sla_breached')));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actorId: null, data: { target: 'resolution' } });
    const detail = await getTicketDetail(db(), ana.ctx, number);
    expect(detail!.history.map((h) => h.kind)).toContain('sla_breached');

    expect(await notifyTicketSlaBreaches(db(), breaches)).toBe(1);
    expect(await live).toMatchObject({ id, slaDueAt: target.dueAt.toISOString() });
    const told = await db().select().from(notifications).where(and(eq(notifications.kind, 'sla_breached'), eq(notifications.ticketId, id)));
    expect(told.map((n) => [n.userId, n.title, n.ticketNumber])).toEqual([[ana.id, `Ticket #${number} missed its resolution target`, number]]);

    const found = await listTickets(db(), ana.ctx, { sla: 'breached' });
    expect(found.rows.map((r) => r.id)).toEqual([id]);
    expect(found.rows[0].sla).toMatchObject({ kind: 'resolution', dueAt: target.dueAt.toISOString() });
    expect((await listTickets(db(), ana.ctx, { sla: 'soon' })).rows).toEqual([]);
  });

  it('unassigned, the team hears it; with no team either, the admins', async () => {
    await saveSlaRule(db(), ben.ctx, rule({ firstResponseMinutes: 1, resolutionMinutes: null }));
    const team = await createTicket(db(), ana.ctx, { subject: 'For billing', teamId: billing.id });
    const nobody = await createTicket(db(), ana.ctx, { subject: 'For nobody' });
    await travel(team.id, 2);
    await travel(nobody.id, 2);
    const breaches = (await recordTicketSlaBreaches(db())).filter((b) => b.ticketId === team.id || b.ticketId === nobody.id);
    expect(breaches).toHaveLength(2);
    await notifyTicketSlaBreaches(db(), breaches);
    const told = await db().select().from(notifications).where(eq(notifications.kind, 'sla_breached'));
    const to = (ticketId: string) => told.filter((n) => n.ticketId === ticketId).map((n) => n.userId);
    expect(to(team.id)).toEqual([cleo.id]);
    expect(to(nobody.id)).toEqual([ben.id]);
    expect(told.find((n) => n.ticketId === team.id)!.title).toMatch(/missed its first response target$/);
  });

  it('the list sorts by what is due soonest and finds what is due soon', async () => {
    await saveSlaRule(db(), ben.ctx, rule({ name: 'Urgent', ticketPriorities: ['urgent'], firstResponseMinutes: 10, resolutionMinutes: null }));
    await saveSlaRule(db(), ben.ctx, rule({ name: 'General', firstResponseMinutes: 120, resolutionMinutes: null }));
    const later = await createTicket(db(), ana.ctx, { subject: 'Later' });
    const sooner = await createTicket(db(), ana.ctx, { subject: 'Sooner', priority: 'urgent' });
    const none = await createTicket(db(), ana.ctx, { subject: 'No SLA', status: 'closed' });
    const sorted = await listTickets(db(), ana.ctx, { sort: 'sla' });
    expect(sorted.rows.map((r) => r.id)).toEqual([sooner.id, later.id, none.id]);
    // Eight of ten minutes gone: in the last quarter.
    await travel(sooner.id, 8);
    expect((await listTickets(db(), ana.ctx, { sla: 'soon' })).rows.map((r) => r.id)).toEqual([sooner.id]);
  });
});
