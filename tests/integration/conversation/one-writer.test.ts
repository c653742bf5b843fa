import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, contacts, conversations, workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { runBotOnCustomerMessage } from '@/lib/flows/runtime';
import { assignConversation } from '@/lib/inbox/ops/assign';
import { handBack } from '@/lib/inbox/ops/hand-back';
import { resolveConversation } from '@/lib/inbox/ops/resolve';
import { takeOver } from '@/lib/inbox/ops/take-over';
import { sendReply } from '@/lib/inbox/send-reply';
import { findOrOpenConversation } from '@/lib/ingest/conversation';
import { setMemberActive } from '@/lib/members/manage';
import { routeRequest } from '@/lib/routing/route';
import { saveRoutingRule } from '@/lib/routing/rules-admin';
import { createTicketFromConversation } from '@/lib/tickets/create-from-conversation';
import { createRoutingWorld, reload, statusLines } from '../routing/world';

// Every writer of conversation state, walked one by one: each change leaves the status line
// agents read, a higher version (so stale realtime payloads are dropped) and, where a person
// or the system decided it, an audit row.

let world: Awaited<ReturnType<typeof createRoutingWorld>>;
let boss: ActorContext;
let ana: ActorContext;

beforeEach(async () => {
  world = await createRoutingWorld({ mode: 'manual' });
  boss = await world.member('Boss', { role: 'admin' });
  ana = await world.member('Ana');
});

async function audits(conversationId: string) {
  const rows = await getDb()
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, world.workspace.id), eq(auditLog.targetId, conversationId)));
  return rows.map((r) => r.action);
}

/** Runs `change` and checks the one writer's marks on the conversation. */
async function expectRecorded(conversationId: string, change: () => Promise<unknown>, line: string, audit: string | null) {
  const before = await reload(conversationId);
  const linesBefore = await statusLines(conversationId);
  await change();
  const after = await reload(conversationId);
  expect(after.version).toBeGreaterThan(before.version);
  expect(await statusLines(conversationId)).toEqual([...linesBefore, line]);
  if (audit) expect(await audits(conversationId)).toContain(audit);
  return after;
}

const flowState = { flowId: randomUUID(), flowVersion: 1, stepId: 'menu', variables: {}, paused: false };

async function botConversation() {
  const [contact] = await getDb().insert(contacts).values({ workspaceId: world.workspace.id, name: 'Mia' }).returning();
  const [c] = await getDb()
    .insert(conversations)
    .values({ workspaceId: world.workspace.id, contactId: contact.id, channelId: world.channel.id, handler: 'bot', botState: flowState })
    .returning();
  return c;
}

describe('every writer of conversation state goes through the one writer', () => {
  it('agent operations: take over, assign to an agent and a team, back to Requests, stop the flow, resolve', async () => {
    const bot = await botConversation();
    await expectRecorded(bot.id, () => takeOver(getDb(), ana, { conversationId: bot.id }), 'Ana took over from the bot', 'conversation.take_over');
    const team = await world.team('Sales', ana);
    await expectRecorded(bot.id, () => assignConversation(getDb(), boss, { conversationId: bot.id, to: `team:${team.id}` }), 'Assigned to Sales by Boss', 'conversation.assign_team');
    await expectRecorded(bot.id, () => assignConversation(getDb(), boss, { conversationId: bot.id, to: `agent:${ana.actor.id}` }), 'Assigned to Ana by Boss', 'conversation.assign_agent');
    await expectRecorded(bot.id, () => assignConversation(getDb(), boss, { conversationId: bot.id, to: 'requests' }), 'Boss moved the conversation back to Requests', 'conversation.unassign');
    await expectRecorded(bot.id, () => handBack(getDb(), boss, { conversationId: bot.id, action: 'stop' }), 'Boss stopped the bot flow', 'conversation.stop_flow');
    const resolved = await expectRecorded(bot.id, () => resolveConversation(getDb(), boss, { conversationId: bot.id }), 'Resolved by Boss', 'conversation.resolve');
    expect(resolved).toMatchObject({ status: 'resolved', resolvedById: boss.actor.id });
  });

  it('an agent’s reply claims a request', async () => {
    const request = await world.request();
    const after = await expectRecorded(
      request.id,
      () => sendReply(getDb(), ana, { conversationId: request.id, text: 'Hi, Ana here', note: false }),
      'Ana replied and took the conversation',
      'conversation.claimed_by_reply',
    );
    expect(after).toMatchObject({ handler: 'agent', assigneeId: ana.actor.id });
  });

  it('automatic routing assigns a waiting request', async () => {
    const request = await world.request();
    await getDb().update(workspaces).set({ routingMode: 'automatic' }).where(eq(workspaces.id, world.workspace.id));
    const after = await expectRecorded(
      request.id,
      () => routeRequest(getDb(), world.workspace.id, request.id, { online: world.lookup }),
      expect.stringMatching(/^Assigned to (Ana|Boss) automatically$/) as unknown as string,
      'conversation.auto_assigned',
    );
    expect(after.handler).toBe('agent');
  });

  it('a routing rule sends a new request to its team', async () => {
    const request = await world.request();
    const sales = await world.team('Sales');
    await saveRoutingRule(getDb(), boss, {
      name: 'Everyone to Sales', enabled: true, channelKinds: [], teamIds: [], tags: [], customFieldKey: '', customFieldValue: '',
      priorities: [], businessHours: 'any', languages: [], actionKind: 'team', actionTeamId: sales.id, actionAgentId: null,
    });
    const after = await expectRecorded(
      request.id,
      () => routeRequest(getDb(), world.workspace.id, request.id, { online: world.lookup }),
      'Routed to Sales by rule “Everyone to Sales”',
      'conversation.route_by_rule',
    );
    expect(after.teamId).toBe(sales.id);
  });

  it('deactivating a member returns their conversations to Requests', async () => {
    const request = await world.request();
    await takeOver(getDb(), ana, { conversationId: request.id });
    const after = await expectRecorded(
      request.id,
      () => setMemberActive(getDb(), boss, { userId: ana.actor.id, active: false }, { online: world.lookup }),
      'Ana was deactivated by Boss: back to Requests',
      'conversation.member_deactivated',
    );
    expect(after).toMatchObject({ handler: 'queue', assigneeId: null });
  });

  it('the bot hands a conversation to Requests when the customer asks for a person', async () => {
    const bot = await botConversation();
    const after = await expectRecorded(
      bot.id,
      () =>
        getDb().transaction((tx) =>
          runBotOnCustomerMessage(tx, { conversation: bot, channelKind: 'web', content: { kind: 'text', text: 'talk to an agent' }, opened: false }),
        ),
      'Customer asked for an agent',
      'conversation.bot_hand_off',
    );
    expect(after).toMatchObject({ handler: 'queue', botState: { ...flowState, paused: true } });
  });

  it('a customer’s first message opens a conversation with its line', async () => {
    const [contact] = await getDb().insert(contacts).values({ workspaceId: world.workspace.id, name: 'Noi' }).returning();
    const { conversation, opened } = await getDb().transaction((tx) =>
      findOrOpenConversation(tx, { workspaceId: world.workspace.id, channelId: world.channel.id, contactId: contact.id, at: new Date() }),
    );
    expect(opened).toBe(true);
    expect(conversation).toMatchObject({ status: 'open', handler: 'queue', version: 1 });
    expect(await statusLines(conversation.id)).toEqual(['New request']);
  });
  it('a ticket created from a conversation leaves its line and the conversation as it was', async () => {
    const bot = await botConversation();
    const after = await expectRecorded(
      bot.id,
      () => createTicketFromConversation(getDb(), ana, { conversationId: bot.id, subject: 'Parcel lost' }),
      'Ana created ticket #1',
      'conversation.ticket_created',
    );
    expect(after).toMatchObject({ status: 'open', handler: 'bot', botState: flowState });
  });
});
