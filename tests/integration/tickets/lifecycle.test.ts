import { and, asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, messages, teams, ticketConversations, ticketEvents, tickets } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { bulkUpdateTickets } from '@/lib/tickets/bulk-update';
import { addComment, editComment } from '@/lib/tickets/comment';
import { createTicket } from '@/lib/tickets/create';
import { createTicketFromConversation, ticketDraftForConversation } from '@/lib/tickets/create-from-conversation';
import { getTicketDetail } from '@/lib/tickets/detail';
import { listTickets, ticketsFor } from '@/lib/tickets/list';
import { parseTicketListQuery } from '@/lib/tickets/list-query';
import { updateTicket } from '@/lib/tickets/update';
import { TICKET_STATUSES } from '@/lib/tickets/labels';
import { addMember, createConversation, createUser, createWorkspace } from '../support/fixtures';

let ana: ActorContext;
let ben: ActorContext;
let fixture: Awaited<ReturnType<typeof createConversation>>;

async function member(workspaceId: string, name: string, role: 'agent' | 'admin'): Promise<ActorContext> {
  const user = await createUser(getDb(), name);
  await addMember(getDb(), workspaceId, user.id, role);
  return { workspaceId, actor: { id: user.id, name, email: user.email, role } };
}

beforeEach(async () => {
  const ws = await createWorkspace(getDb(), 'Ticket Shop');
  ana = await member(ws.id, 'Ana', 'agent');
  ben = await member(ws.id, 'Ben', 'admin');
  fixture = await createConversation(getDb(), ws.id);
  await getDb()
    .insert(messages)
    .values([
      { workspaceId: ws.id, conversationId: fixture.conversation.id, channelId: fixture.channel.id, direction: 'inbound', senderKind: 'customer', body: 'Hello', createdAt: new Date(Date.now() - 3000) },
      { workspaceId: ws.id, conversationId: fixture.conversation.id, channelId: fixture.channel.id, direction: 'outbound', senderKind: 'agent', senderUserId: ana.actor.id, body: 'Hi, how can I help?', status: 'sent', createdAt: new Date(Date.now() - 2000) },
      { workspaceId: ws.id, conversationId: fixture.conversation.id, channelId: fixture.channel.id, direction: 'inbound', senderKind: 'customer', body: 'My parcel never arrived\nOrder 1042', createdAt: new Date(Date.now() - 1000) },
    ]);
});

const historyOf = (ticketId: string) => getDb().select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(asc(ticketEvents.createdAt), asc(ticketEvents.field));

describe('creating tickets', () => {
  it('numbers tickets per workspace from 1', async () => {
    const first = await createTicket(getDb(), ana, { subject: 'Call back about returns' });
    const second = await createTicket(getDb(), ben, { subject: 'Check stock' });
    const other = await member((await createWorkspace(getDb(), 'Other')).id, 'Cleo', 'admin');
    const elsewhere = await createTicket(getDb(), other, { subject: 'Elsewhere' });
    expect([first.number, second.number, elsewhere.number]).toEqual([1, 2, 1]);
  });

  it('from a conversation: subject prefilled, the customer, all messages linked, a status line, the conversation left as it was', async () => {
    const draft = await ticketDraftForConversation(getDb(), ana, fixture.conversation.id);
    expect(draft.subject).toBe('My parcel never arrived');
    expect(draft.messages.map((m) => m.preview)).toEqual(['Hello', 'Hi, how can I help?', 'My parcel never arrived Order 1042']);

    const created = await createTicketFromConversation(getDb(), ana, { conversationId: fixture.conversation.id, subject: draft.subject, assigneeId: ana.actor.id, priority: 'high', type: 'problem' });
    const [ticket] = await getDb().select().from(tickets).where(eq(tickets.id, created.id));
    expect(ticket).toMatchObject({ number: 1, subject: 'My parcel never arrived', contactId: fixture.contact.id, assigneeId: ana.actor.id, priority: 'high', type: 'problem', status: 'open', createdById: ana.actor.id });
    const [link] = await getDb().select().from(ticketConversations).where(eq(ticketConversations.ticketId, created.id));
    expect(link.messageIds).toHaveLength(3);

    const lines = await getDb().select().from(messages).where(and(eq(messages.conversationId, fixture.conversation.id), eq(messages.kind, 'status')));
    expect(lines.map((l) => l.body)).toEqual(['Ana created ticket #1']);
    const [audit] = await getDb().select().from(auditLog).where(and(eq(auditLog.targetId, created.id), eq(auditLog.action, 'ticket.created')));
    expect(audit.actorUserId).toBe(ana.actor.id);
    expect(await ticketsFor(getDb(), ana, { conversationId: fixture.conversation.id })).toMatchObject([{ number: 1, status: 'open' }]);
    expect(await ticketsFor(getDb(), ana, { contactId: fixture.contact.id })).toHaveLength(1);
  });

  it('links only the chosen messages, and refuses messages of another conversation', async () => {
    const draft = await ticketDraftForConversation(getDb(), ana, fixture.conversation.id);
    const created = await createTicketFromConversation(getDb(), ana, { conversationId: fixture.conversation.id, subject: 'Lost', messageIds: [draft.messages[2].id] });
    const detail = await getTicketDetail(getDb(), ana, created.number);
    expect(detail?.conversations).toMatchObject([{ id: fixture.conversation.id, customerName: 'Kerry', messages: [{ preview: 'My parcel never arrived Order 1042', fromCustomer: true }] }]);

    const other = await createConversation(getDb(), ana.workspaceId);
    const [foreign] = await getDb()
      .insert(messages)
      .values({ workspaceId: ana.workspaceId, conversationId: other.conversation.id, channelId: other.channel.id, direction: 'inbound', senderKind: 'customer', body: 'x' })
      .returning();
    await expect(createTicketFromConversation(getDb(), ana, { conversationId: fixture.conversation.id, subject: 'Lost', messageIds: [foreign.id] })).rejects.toThrow(/not in this conversation/);
  });

  it('refuses an assignee from outside the workspace', async () => {
    const outsider = await createUser(getDb(), 'Outsider');
    await expect(createTicket(getDb(), ana, { subject: 'x', assigneeId: outsider.id })).rejects.toThrow(/active member/);
  });
});

describe('the lifecycle and its history', () => {
  it('moves through every status, with a history row (actor, old, new) for each change', async () => {
    const { id } = await createTicket(getDb(), ana, { subject: 'Refund', contactId: fixture.contact.id });
    let version = 1;
    for (const status of TICKET_STATUSES.slice(1)) {
      ({ version } = await updateTicket(getDb(), status === 'closed' ? ben : ana, { ticketId: id, version, patch: { status } }));
    }
    ({ version } = await updateTicket(getDb(), ana, { ticketId: id, version, patch: { status: 'open' } }));
    const [ticket] = await getDb().select().from(tickets).where(eq(tickets.id, id));
    expect(ticket).toMatchObject({ status: 'open', solvedAt: null, version: 6 });

    const changes = (await historyOf(id)).filter((e) => e.kind === 'changed');
    expect(changes.map((e) => [e.oldValue, e.newValue, e.actorId])).toEqual([
      ['open', 'pending', ana.actor.id],
      ['pending', 'on_hold', ana.actor.id],
      ['on_hold', 'solved', ana.actor.id],
      ['solved', 'closed', ben.actor.id],
      ['closed', 'open', ana.actor.id],
    ]);
  });

  it('records solvedAt while solved or closed', async () => {
    const { id } = await createTicket(getDb(), ana, { subject: 'Refund' });
    const { version } = await updateTicket(getDb(), ana, { ticketId: id, version: 1, patch: { status: 'solved' } });
    const [solved] = await getDb().select().from(tickets).where(eq(tickets.id, id));
    expect(solved.solvedAt).toBeInstanceOf(Date);
    await updateTicket(getDb(), ana, { ticketId: id, version, patch: { status: 'closed' } });
    const [closed] = await getDb().select().from(tickets).where(eq(tickets.id, id));
    expect(closed.solvedAt?.getTime()).toBe(solved.solvedAt?.getTime());
  });

  it('records every field with names for people and teams, and nothing for an unchanged save', async () => {
    const [team] = await getDb().insert(teams).values({ workspaceId: ana.workspaceId, name: 'Returns' }).returning();
    const { id } = await createTicket(getDb(), ana, { subject: 'Refund', tags: 'vip, refund' });
    const due = '2026-12-24T10:00:00.000Z';
    const { version } = await updateTicket(getDb(), ana, {
      ticketId: id,
      version: 1,
      patch: { subject: 'Refund for order 1042', assigneeId: ben.actor.id, teamId: team.id, priority: 'urgent', dueAt: due, tags: ['vip'] },
    });
    const rows = (await historyOf(id)).filter((e) => e.kind === 'changed');
    const byField = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(byField.assigneeId).toMatchObject({ oldValue: null, newValue: ben.actor.id, data: { fromName: null, toName: 'Ben' } });
    expect(byField.teamId).toMatchObject({ newValue: team.id, data: { toName: 'Returns' } });
    expect(byField.priority).toMatchObject({ oldValue: 'normal', newValue: 'urgent' });
    expect(byField.dueAt).toMatchObject({ oldValue: null, newValue: due });
    expect(byField.tags).toMatchObject({ oldValue: ['vip', 'refund'], newValue: ['vip'] });
    expect(byField.subject).toMatchObject({ oldValue: 'Refund', newValue: 'Refund for order 1042' });

    const again = await updateTicket(getDb(), ana, { ticketId: id, version, patch: { priority: 'urgent', tags: ['vip'] } });
    expect(again).toEqual({ version, changed: 0 });
  });

  it('a stale version loses: one winner, a clear conflict, nothing written for the loser', async () => {
    const { id } = await createTicket(getDb(), ana, { subject: 'Refund' });
    const results = await Promise.allSettled([
      updateTicket(getDb(), ana, { ticketId: id, version: 1, patch: { priority: 'high' } }),
      updateTicket(getDb(), ben, { ticketId: id, version: 1, patch: { priority: 'low' } }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(UserError);
    expect(lost[0].reason).toMatchObject({ code: 'conflict' });
    expect(lost[0].reason.message).toMatch(/changed ticket #1 while you were editing/);
    expect((await historyOf(id)).filter((e) => e.kind === 'changed')).toHaveLength(1);
  });
});

describe('comments and bulk edits', () => {
  it('comments are kept in the history; the author or an admin may edit them', async () => {
    const { id } = await createTicket(getDb(), ana, { subject: 'Refund' });
    const { id: commentId } = await addComment(getDb(), ana, { ticketId: id, body: 'Asked the courier' });
    await editComment(getDb(), ana, { commentId, body: 'Asked the courier (DHL)' });
    const carl = await member(ana.workspaceId, 'Carl', 'agent');
    await expect(editComment(getDb(), carl, { commentId, body: 'hijack' })).rejects.toMatchObject({ code: 'forbidden' });
    await editComment(getDb(), ben, { commentId, body: 'Asked the courier (DHL), tracking sent' });
    const [comment] = (await historyOf(id)).filter((e) => e.kind === 'comment');
    expect(comment).toMatchObject({ actorId: ana.actor.id, body: 'Asked the courier (DHL), tracking sent' });
    expect(comment.editedAt).toBeInstanceOf(Date);
  });

  it('bulk edit sets status, priority and assignee on every selected ticket with a history row each', async () => {
    const a = await createTicket(getDb(), ana, { subject: 'A' });
    const b = await createTicket(getDb(), ana, { subject: 'B', priority: 'urgent' });
    const c = await createTicket(getDb(), ana, { subject: 'C' });
    const result = await bulkUpdateTickets(getDb(), ana, { ticketIds: [a.id, b.id], patch: { status: 'pending', priority: 'urgent', assigneeId: ben.actor.id } });
    expect(result).toEqual({ updated: 2 });
    const rows = await getDb().select().from(tickets).where(eq(tickets.workspaceId, ana.workspaceId)).orderBy(asc(tickets.number));
    expect(rows.map((r) => [r.subject, r.status, r.priority, r.assigneeId])).toEqual([
      ['A', 'pending', 'urgent', ben.actor.id],
      ['B', 'pending', 'urgent', ben.actor.id],
      ['C', 'open', 'normal', null],
    ]);
    expect((await historyOf(b.id)).filter((e) => e.kind === 'changed').map((e) => e.field)).toEqual(['assigneeId', 'status']);
    expect(c).toBeTruthy();
    await expect(bulkUpdateTickets(getDb(), ana, { ticketIds: [a.id], patch: {} })).rejects.toThrow(/Choose what to change/);
  });
});

describe('the list', () => {
  it('filters, searches and sorts', async () => {
    const [team] = await getDb().insert(teams).values({ workspaceId: ana.workspaceId, name: 'Returns' }).returning();
    await createTicket(getDb(), ana, { subject: 'Broken zip', priority: 'low', assigneeId: ana.actor.id, tags: ['vip'], type: 'problem' });
    await createTicket(getDb(), ana, { subject: 'Late parcel', priority: 'urgent', teamId: team.id, contactId: fixture.contact.id, dueAt: new Date(Date.now() - 3_600_000).toISOString() });
    const solved = await createTicket(getDb(), ana, { subject: 'Wrong size', description: 'Customer wants a medium', dueAt: new Date(Date.now() - 3_600_000).toISOString() });
    await updateTicket(getDb(), ana, { ticketId: solved.id, version: 1, patch: { status: 'solved' } });

    const subjects = async (params: Record<string, string>) => (await listTickets(getDb(), ana, parseTicketListQuery(params))).rows.map((r) => r.subject);
    expect(await subjects({})).toEqual(['Wrong size', 'Late parcel', 'Broken zip']);
    expect(await subjects({ sort: 'priority' })).toEqual(['Late parcel', 'Wrong size', 'Broken zip']);
    expect(await subjects({ sort: 'created' })).toEqual(['Wrong size', 'Late parcel', 'Broken zip']);
    expect(await subjects({ assignee: 'me' })).toEqual(['Broken zip']);
    expect(await subjects({ assignee: 'none' })).toEqual(['Wrong size', 'Late parcel']);
    expect(await subjects({ team: team.id })).toEqual(['Late parcel']);
    expect(await subjects({ tag: 'VIP' })).toEqual(['Broken zip']);
    expect(await subjects({ type: 'problem' })).toEqual(['Broken zip']);
    expect(await subjects({ status: 'active' })).toEqual(['Late parcel', 'Broken zip']);
    expect(await subjects({ status: 'solved' })).toEqual(['Wrong size']);
    expect(await subjects({ overdue: '1' })).toEqual(['Late parcel']);
    expect(await subjects({ q: '#1' })).toEqual(['Broken zip']);
    expect(await subjects({ q: 'medium' })).toEqual(['Wrong size']);
    expect(await subjects({ q: 'kerry' })).toEqual(['Late parcel']);
    expect(await subjects({ q: '100%' })).toEqual([]);
  });
});
