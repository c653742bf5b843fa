import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { tickets } from '@/db/schema';
import { runWorkspaceAction, type ActorContext } from '@/lib/auth/action-core';
import { authorizeMemberChannel } from '@/lib/realtime/authorize';
import { realtimeChannels } from '@/lib/realtime/channels';
import { addComment } from '@/lib/tickets/comment';
import { createTicket, createTicketInput } from '@/lib/tickets/create';
import { createTicketFromConversation } from '@/lib/tickets/create-from-conversation';
import { deleteTicket, deleteTicketInput } from '@/lib/tickets/delete';
import { getTicketDetail } from '@/lib/tickets/detail';
import { listTickets } from '@/lib/tickets/list';
import { TICKET_ROLES } from '@/lib/tickets/permissions';
import { updateTicket, updateTicketInput } from '@/lib/tickets/update';
import { addMember, createConversation, createUser, createWorkspace, sessionOf } from '../support/fixtures';
import { nextEvent, startTestRealtime } from '../support/realtime';

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());

type Person = { user: Awaited<ReturnType<typeof createUser>>; ctx: ActorContext };
let agent: Person;
let admin: Person;
let stranger: Person;

async function person(workspaceId: string, name: string, role: 'agent' | 'admin'): Promise<Person> {
  const user = await createUser(getDb(), name);
  await addMember(getDb(), workspaceId, user.id, role);
  return { user, ctx: { workspaceId, actor: { id: user.id, name, email: user.email, role } } };
}

beforeEach(async () => {
  const shop = await createWorkspace(getDb(), 'Shop');
  const other = await createWorkspace(getDb(), 'Other');
  agent = await person(shop.id, 'Ana', 'agent');
  admin = await person(shop.id, 'Ben', 'admin');
  stranger = await person(other.id, 'Sam', 'admin');
});

const definition = <S extends z.ZodType<unknown, unknown>>(input: S, role: 'agent' | 'admin') => ({ input, role });

describe('who may do what with tickets', () => {
  it('agents and admins create and edit; only admins delete', async () => {
    const created = await runWorkspaceAction(sessionOf(agent.user), { workspaceId: agent.ctx.workspaceId, subject: 'Refund' }, definition(createTicketInput, TICKET_ROLES.create), (input, ctx) =>
      createTicket(getDb(), ctx, input),
    );
    expect(created).toMatchObject({ ok: true, data: { number: 1 } });
    const id = created.ok ? created.data.id : '';

    const edited = await runWorkspaceAction(
      sessionOf(agent.user),
      { workspaceId: agent.ctx.workspaceId, ticketId: id, version: 1, patch: { status: 'pending' } },
      definition(updateTicketInput, TICKET_ROLES.update),
      (input, ctx) => updateTicket(getDb(), ctx, input),
    );
    expect(edited).toMatchObject({ ok: true, data: { version: 2 } });

    const deleteAs = (p: Person) =>
      runWorkspaceAction(sessionOf(p.user), { workspaceId: agent.ctx.workspaceId, ticketId: id }, definition(deleteTicketInput, TICKET_ROLES.delete), (input, ctx) => deleteTicket(getDb(), ctx, input));
    expect(await deleteAs(agent)).toMatchObject({ ok: false, code: 'forbidden' });
    await expect(deleteTicket(getDb(), agent.ctx, { ticketId: id })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await getDb().select().from(tickets).where(eq(tickets.id, id))).toHaveLength(1);
    expect(await deleteAs(admin)).toMatchObject({ ok: true, data: { number: 1 } });
    expect(await getDb().select().from(tickets).where(eq(tickets.id, id))).toHaveLength(0);
  });

  it('another workspace sees nothing: its actions are refused and its reads come back empty', async () => {
    const { id, number } = await createTicket(getDb(), agent.ctx, { subject: 'Refund' });
    const asStranger = await runWorkspaceAction(
      sessionOf(stranger.user),
      { workspaceId: agent.ctx.workspaceId, ticketId: id, version: 1, patch: { status: 'closed' } },
      definition(updateTicketInput, TICKET_ROLES.update),
      (input, ctx) => updateTicket(getDb(), ctx, input),
    );
    expect(asStranger).toMatchObject({ ok: false, code: 'forbidden' });
    // Within their own workspace, the ticket's id leads nowhere.
    await expect(updateTicket(getDb(), stranger.ctx, { ticketId: id, version: 1, patch: { status: 'closed' } })).rejects.toMatchObject({ code: 'not_found' });
    await expect(addComment(getDb(), stranger.ctx, { ticketId: id, body: 'hi' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteTicket(getDb(), stranger.ctx, { ticketId: id })).rejects.toMatchObject({ code: 'not_found' });
    expect(await getTicketDetail(getDb(), stranger.ctx, number)).toBeNull();
    expect((await listTickets(getDb(), stranger.ctx, {})).rows).toEqual([]);
    const theirs = await createConversation(getDb(), stranger.ctx.workspaceId);
    await expect(createTicketFromConversation(getDb(), agent.ctx, { conversationId: theirs.conversation.id, subject: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    const [ticket] = await getDb().select().from(tickets).where(eq(tickets.id, id));
    expect(ticket.status).toBe('open');
  });

  it('a change reaches the workspace channel live, with the customer panel told too; another workspace cannot listen', async () => {
    const { contact } = await createConversation(getDb(), agent.ctx.workspaceId);
    const { id } = await createTicket(getDb(), agent.ctx, { subject: 'Refund', contactId: contact.id });
    const client = realtime.connect(async (socketId, channelName) => {
      const result = await authorizeMemberChannel(getDb(), { id: admin.user.id, name: 'Ben' }, { socketId, channelName });
      return result.ok ? result.body : { error: result.error };
    });
    const channel = client.subscribe(realtimeChannels.workspace(agent.ctx.workspaceId));
    await nextEvent(channel, 'pusher:subscription_succeeded');
    const changed = nextEvent<{ id: string; status: string; version: number }>(channel, 'ticket.updated');
    const panel = nextEvent<{ contactId: string }>(channel, 'contact.updated');
    await updateTicket(getDb(), agent.ctx, { ticketId: id, version: 1, patch: { status: 'on_hold' } });
    expect(await changed).toMatchObject({ id, status: 'on_hold', version: 2 });
    expect(await panel).toMatchObject({ contactId: contact.id });

    const refused = await authorizeMemberChannel(getDb(), { id: stranger.user.id, name: 'Sam' }, { socketId: '1.2', channelName: realtimeChannels.workspace(agent.ctx.workspaceId) });
    expect(refused.ok).toBe(false);
  });
});
