import type { TicketPriority, TicketStatus, TicketType } from '@/db/schema/tickets';

// What the screens call each value; client-safe (no database).

export const TICKET_STATUSES = ['open', 'pending', 'on_hold', 'solved', 'closed'] as const satisfies readonly TicketStatus[];
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly TicketPriority[];
export const TICKET_TYPES = ['question', 'problem', 'incident', 'task'] as const satisfies readonly TicketType[];

export const STATUS_LABELS: Record<TicketStatus, string> = { open: 'Open', pending: 'Pending', on_hold: 'On hold', solved: 'Solved', closed: 'Closed' };
export const PRIORITY_LABELS: Record<TicketPriority, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };
export const TYPE_LABELS: Record<TicketType, string> = { question: 'Question', problem: 'Problem', incident: 'Incident', task: 'Task' };

/** "#12", as tickets are shown everywhere. */
export const ticketRef = (number: number) => `#${number}`;

/** Solved and closed tickets are done: they are never overdue. */
export const isDone = (status: TicketStatus) => status === 'solved' || status === 'closed';

export type { TicketPriority, TicketStatus, TicketType };
