import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, memberships, messages, notifications, slaTargets, teams, workspaces } from '@/db/schema';
import { notifySlaBreaches } from '@/lib/notifications/sla';
import { assignConversation } from '@/lib/inbox/ops/assign';
import { deleteTeam } from '@/lib/teams/manage';
import type { ActorContext } from '@/lib/auth/action-core';
import { addContactTag } from '@/lib/contacts/add-tag';
import { resolveConversation } from '@/lib/inbox/ops/resolve';
import { setPriority } from '@/lib/inbox/ops/set-priority';
import { sendReply } from '@/lib/inbox/send-reply';
import { recordSlaBreaches } from '@/lib/sla/breaches';
import { saveSlaRule, type SlaRuleInput } from '@/lib/sla/rules-admin';
import { createUser } from '../support/fixtures';
import { startTestRealtime } from '../support/realtime';
import { createWidgetWorld, newVisitor, resetLimits, sendText } from '../widget/helpers';

// The SLA lifecycle on the real paths: a customer's message opens a request (first reply
// and resolution start), an agent's reply meets the reply owed, the customer writing again
// owes a next reply, the breach check records a miss once, resolving meets the resolution.

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(async () => realtime?.close());

const MIN = 60_000;

const rule = (overrides: Partial<SlaRuleInput> = {}): SlaRuleInput => ({
  name: 'Standard',
  enabled: true,
  channelKinds: [],
  teamIds: [],
  tags: [],
  customFieldKey: '',
  customFieldValue: '',
  priorities: [],
  firstResponseMinutes: 10,
  nextResponseMinutes: 5,
  resolutionMinutes: 60,
  businessHours: false,
  ...overrides,
});

async function world() {
  resetLimits();
  const w = await createWidgetWorld();
  const user = await createUser(w.db, 'Ana');
  await w.db.insert(memberships).values({ workspaceId: w.workspace.id, userId: user.id, role: 'admin' });
  const ana: ActorContext = { workspaceId: w.workspace.id, actor: { id: user.id, name: 'Ana', role: 'admin', email: user.email } };
  const visitor = await newVisitor(w.client);
  const customerWrites = async (text: string) => {
    const sent = await sendText(w.client, visitor.visitorToken, text);
    const [m] = await w.db.select().from(messages).where(eq(messages.id, sent.body.message.id));
    return m;
  };
  const targets = async (conversationId: string) =>
    w.db.select().from(slaTargets).where(eq(slaTargets.conversationId, conversationId)).orderBy(asc(slaTargets.startedAt), asc(slaTargets.kind));
  const conversation = async (id: string) => (await w.db.select().from(conversations).where(eq(conversations.id, id)))[0];
  return { ...w, ana, customerWrites, targets, conversation };
}

describe('SLA lifecycle', () => {
  it('opens, is met by replies, owes a next reply, records a breach once, and is met by the resolve', async () => {
    const w = await world();
    const standard = await saveSlaRule(w.db, w.ana, rule());

    const first = await w.customerWrites('Hello, where is my order?');
    const opened = first.createdAt;
    let c = await w.conversation(first.conversationId);
    expect(c).toMatchObject({ handler: 'queue', slaRuleId: standard.id, slaDueKind: 'first_response' });
    expect(c.slaDueAt).toEqual(new Date(opened.getTime() + 10 * MIN));
    expect((await w.targets(c.id)).map((t) => [t.kind, t.dueAt.getTime() - t.startedAt.getTime()])).toEqual([
      ['first_response', 10 * MIN],
      ['resolution', 60 * MIN],
    ]);

    // The agent's reply meets the first reply; the resolution is what is due next.
    await sendReply(w.db, w.ana, { conversationId: c.id, text: 'Let me check', note: false });
    c = await w.conversation(c.id);
    expect(c.slaDueKind).toBe('resolution');
    const frt = (await w.targets(c.id)).find((t) => t.kind === 'first_response')!;
    expect(frt.metAt).not.toBeNull();
    expect(frt.breachedAt).toBeNull();

    // An internal note is not a reply.
    await w.customerWrites('Any news?');
    await sendReply(w.db, w.ana, { conversationId: c.id, text: 'Courier says Friday', note: true });
    c = await w.conversation(c.id);
    expect(c.slaDueKind).toBe('next_response');
    const nrt = (await w.targets(c.id)).find((t) => t.kind === 'next_response')!;
    expect(nrt.metAt).toBeNull();
    expect(c.slaDueAt).toEqual(nrt.dueAt);

    // The check records the miss once, at the due time.
    const breached = await recordSlaBreaches(w.db, new Date(nrt.dueAt.getTime() + MIN));
    expect(breached).toContainEqual({ conversationId: c.id, kind: 'next_response' });
    expect((await w.targets(c.id)).find((t) => t.kind === 'next_response')!.breachedAt).toEqual(nrt.dueAt);
    const again = await recordSlaBreaches(w.db, new Date(nrt.dueAt.getTime() + MIN));
    expect((await w.targets(c.id)).filter((t) => t.breachedAt !== null)).toHaveLength(1);
    expect(again.filter((b) => b.conversationId === c.id)).toEqual([]);
    // Ana has the conversation (her reply claimed it): she hears about the miss, once.
    await notifySlaBreaches(w.db, breached.filter((b) => b.conversationId === c.id));
    const told = await w.db.select().from(notifications).where(and(eq(notifications.userId, w.ana.actor.id), eq(notifications.kind, 'sla_breached')));
    expect(told.map((n) => n.title)).toEqual([expect.stringMatching(/^Reply target missed: .+ is waiting$/)]);

    // A late reply still meets it; the breach stays on record.
    await sendReply(w.db, w.ana, { conversationId: c.id, text: 'It ships Friday', note: false });
    const late = (await w.targets(c.id)).find((t) => t.kind === 'next_response')!;
    expect(late.metAt).not.toBeNull();
    expect(late.breachedAt).toEqual(nrt.dueAt);

    await resolveConversation(w.db, w.ana, { conversationId: c.id });
    c = await w.conversation(c.id);
    expect(c).toMatchObject({ status: 'resolved', slaRuleId: null, slaDueAt: null, slaDueKind: null });
    const resolution = (await w.targets(c.id)).find((t) => t.kind === 'resolution')!;
    expect(resolution.metAt).toEqual(c.resolvedAt);
    expect(resolution.breachedAt).toBeNull();
  });

  it('applies the first matching rule in order, and looks again when the priority or the customer’s tags change', async () => {
    const w = await world();
    await saveSlaRule(w.db, w.ana, rule({ name: 'WhatsApp only', channelKinds: ['whatsapp'], firstResponseMinutes: 1 }));
    const urgent = await saveSlaRule(w.db, w.ana, rule({ name: 'Urgent', priorities: ['urgent'], firstResponseMinutes: 2, resolutionMinutes: null }));
    const vip = await saveSlaRule(w.db, w.ana, rule({ name: 'VIP', tags: ['vip'], firstResponseMinutes: 30, resolutionMinutes: null }));

    const first = await w.customerWrites('Hi');
    let c = await w.conversation(first.conversationId);
    expect(c.slaRuleId).toBeNull(); // web, no priority, no tags: nothing matches
    expect(await w.targets(c.id)).toEqual([]);

    // Tagged VIP: the VIP rule applies from now, and the reply is owed.
    await addContactTag(w.db, w.ana, { contactId: c.contactId, name: 'VIP' });
    c = await w.conversation(c.id);
    expect(c).toMatchObject({ slaRuleId: vip.id, slaDueKind: 'first_response' });
    const vipTarget = (await w.targets(c.id))[0];
    expect(vipTarget.dueAt.getTime() - vipTarget.startedAt.getTime()).toBe(30 * MIN);

    // Urgent comes first in the order: it takes over, counted from when the reply was first owed.
    await setPriority(w.db, w.ana, { conversationId: c.id, priority: 'urgent' });
    c = await w.conversation(c.id);
    expect(c).toMatchObject({ priority: 'urgent', slaRuleId: urgent.id, slaDueKind: 'first_response' });
    const pending = (await w.targets(c.id)).filter((t) => !t.metAt && !t.cancelledAt);
    expect(pending).toHaveLength(1);
    expect(pending[0].startedAt).toEqual(vipTarget.startedAt);
    expect(pending[0].dueAt.getTime() - pending[0].startedAt.getTime()).toBe(2 * MIN);
    const line = await w.db
      .select({ body: messages.body })
      .from(messages)
      .where(and(eq(messages.conversationId, c.id), eq(messages.kind, 'status')));
    expect(line.map((l) => l.body)).toContain('Ana set the priority to Urgent');
  });

  it('matches on the team: assigned to the team the rule applies, the team deleted it stops', async () => {
    const w = await world();
    const [sales] = await w.db.insert(teams).values({ workspaceId: w.workspace.id, name: 'Sales' }).returning();
    const salesRule = await saveSlaRule(w.db, w.ana, rule({ name: 'Sales', teamIds: [sales.id], firstResponseMinutes: 20 }));
    const first = await w.customerWrites('Do you do wholesale?');
    let c = await w.conversation(first.conversationId);
    expect(c.slaRuleId).toBeNull();

    await assignConversation(w.db, w.ana, { conversationId: c.id, to: `team:${sales.id}` });
    c = await w.conversation(c.id);
    expect(c).toMatchObject({ teamId: sales.id, slaRuleId: salesRule.id, slaDueKind: 'first_response' });

    await deleteTeam(w.db, w.ana, { teamId: sales.id });
    c = await w.conversation(c.id);
    expect(c).toMatchObject({ teamId: null, slaRuleId: null, slaDueAt: null });
    expect((await w.targets(c.id)).every((t) => t.cancelledAt !== null)).toBe(true);
  });

  it('counts business time when the rule says so', async () => {
    const w = await world();
    // Closed today and tomorrow in the shop's calendar: the first reply is due after the next opening.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await w.db
      .update(workspaces)
      .set({
        timezone: 'UTC',
        settings: {
          businessHours: {
            enabled: true,
            days: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'], sat: [], sun: [] },
            holidays: [{ date: day(0), name: 'Closed' }, { date: day(1), name: 'Closed' }],
            awayMessage: '',
          },
        },
      })
      .where(eq(workspaces.id, w.workspace.id));
    await saveSlaRule(w.db, w.ana, rule({ businessHours: true, firstResponseMinutes: 30, resolutionMinutes: null }));
    const first = await w.customerWrites('Hello?');
    const c = await w.conversation(first.conversationId);
    const due = c.slaDueAt!;
    expect(due.getTime()).toBeGreaterThan(Date.now() + 86_400_000);
    expect(due.getUTCHours() * 60 + due.getUTCMinutes()).toBe(9 * 60 + 30);
  });
});
