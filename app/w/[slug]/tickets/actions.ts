'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { bulkUpdateTickets, bulkUpdateTicketsInput } from '@/lib/tickets/bulk-update';
import { addComment, addCommentInput, editComment, editCommentInput } from '@/lib/tickets/comment';
import { createTicket, createTicketInput } from '@/lib/tickets/create';
import { createTicketFromConversation, createTicketFromConversationInput, ticketDraftForConversation } from '@/lib/tickets/create-from-conversation';
import { deleteTicket, deleteTicketInput } from '@/lib/tickets/delete';
import { searchTicketCustomers } from '@/lib/tickets/list';
import { TICKET_ROLES } from '@/lib/tickets/permissions';
import { ticketSolvedMessageInput } from '@/lib/tickets/solved-message-settings';
import { updateTicketSolvedMessage } from '@/lib/tickets/solved-message-update';
import { updateTicket, updateTicketInput } from '@/lib/tickets/update';

// Thin: each action checks input, session, membership and role (workspaceAction) and calls
// lib/tickets. Pages refresh themselves from the realtime event every change publishes.

const refresh = () => revalidatePath('/w/[slug]/tickets', 'layout');

export const createTicketAction = workspaceAction({ input: createTicketInput, role: TICKET_ROLES.create }, async (input, ctx) => {
  const created = await createTicket(getDb(), ctx, input);
  refresh();
  return created;
});

export const ticketDraftAction = workspaceAction({ input: z.object({ conversationId: z.uuid() }), role: TICKET_ROLES.create }, (input, ctx) =>
  ticketDraftForConversation(getDb(), ctx, input.conversationId),
);

export const createTicketFromConversationAction = workspaceAction({ input: createTicketFromConversationInput, role: TICKET_ROLES.create }, async (input, ctx) => {
  const created = await createTicketFromConversation(getDb(), ctx, input);
  refresh();
  return created;
});

export const updateTicketAction = workspaceAction({ input: updateTicketInput, role: TICKET_ROLES.update }, async (input, ctx) => {
  const result = await updateTicket(getDb(), ctx, input);
  refresh();
  return result;
});

export const bulkUpdateTicketsAction = workspaceAction({ input: bulkUpdateTicketsInput, role: TICKET_ROLES.bulkUpdate }, async (input, ctx) => {
  const result = await bulkUpdateTickets(getDb(), ctx, input);
  refresh();
  return result;
});

export const addTicketCommentAction = workspaceAction({ input: addCommentInput, role: TICKET_ROLES.comment }, async (input, ctx) => {
  const result = await addComment(getDb(), ctx, input);
  refresh();
  return result;
});

export const editTicketCommentAction = workspaceAction({ input: editCommentInput, role: TICKET_ROLES.editComment }, async (input, ctx) => {
  const result = await editComment(getDb(), ctx, input);
  refresh();
  return result;
});

export const deleteTicketAction = workspaceAction({ input: deleteTicketInput, role: TICKET_ROLES.delete }, async (input, ctx) => {
  const result = await deleteTicket(getDb(), ctx, input);
  refresh();
  return result;
});

export const updateTicketSolvedMessageAction = workspaceAction({ input: ticketSolvedMessageInput, role: TICKET_ROLES.solvedMessageSettings }, (input, ctx) =>
  updateTicketSolvedMessage(getDb(), ctx, input),
);

export const searchTicketCustomersAction = workspaceAction({ input: z.object({ q: z.string().trim().max(100) }), role: TICKET_ROLES.create }, (input, ctx) =>
  searchTicketCustomers(getDb(), ctx, input.q),
);
