import type { TicketEventKind } from '@/db/schema/tickets';
import { PRIORITY_LABELS, STATUS_LABELS, TYPE_LABELS, type TicketPriority, type TicketStatus, type TicketType } from './labels';

// The history's sentences, client-safe and pure: "Ana changed the status from Open to Solved".

export type HistoryEntry = {
  kind: TicketEventKind;
  actorName: string | null;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  body: string | null;
  data: Record<string, unknown>;
};

const fieldNames: Record<string, string> = {
  status: 'the status',
  priority: 'the priority',
  type: 'the type',
  assigneeId: 'the assignee',
  teamId: 'the team',
  contactId: 'the customer',
  dueAt: 'the due date',
  subject: 'the subject',
  description: 'the description',
  tags: 'the tags',
};

function shown(field: string, value: unknown, name: unknown, formatTime: (iso: string) => string): string | null {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0) || value === '') return null;
  switch (field) {
    case 'status':
      return STATUS_LABELS[value as TicketStatus] ?? String(value);
    case 'priority':
      return PRIORITY_LABELS[value as TicketPriority] ?? String(value);
    case 'type':
      return TYPE_LABELS[value as TicketType] ?? String(value);
    case 'assigneeId':
    case 'teamId':
    case 'contactId':
      return typeof name === 'string' ? name : 'someone since removed';
    case 'dueAt':
      return formatTime(String(value));
    case 'tags':
      return (value as string[]).join(', ');
    case 'description':
      return null; // too long for a sentence: the page shows the current text
    default:
      return `“${String(value)}”`;
  }
}

export function describeHistory(e: HistoryEntry, formatTime: (iso: string) => string): string {
  const who = e.actorName ?? 'Someone';
  switch (e.kind) {
    case 'created':
      return e.data.conversationId ? `${who} created the ticket from a conversation` : `${who} created the ticket`;
    case 'comment':
      return `${who} commented`;
    case 'linked':
      return `${who} linked a conversation`;
    case 'sla_breached': {
      // Written by the breach sweep (no actor), dated at the due time that passed.
      const target = e.data.target === 'first_response' ? 'first response' : 'resolution';
      return `The ${target} target was missed${typeof e.data.dueAt === 'string' ? ` (due ${formatTime(e.data.dueAt)})` : ''}`;
    }
    case 'notification':
      return e.data.sent ? `The customer was told it is solved: ${e.body ?? ''}` : (e.body ?? 'The customer was not told.');
    case 'changed': {
      const field = e.field ?? '';
      const what = fieldNames[field] ?? field;
      if (field === 'description') return `${who} edited the description`;
      const from = shown(field, e.oldValue, e.data.fromName, formatTime);
      const to = shown(field, e.newValue, e.data.toName, formatTime);
      if (to === null) return `${who} removed ${what}${from ? ` (was ${from})` : ''}`;
      if (from === null) return `${who} set ${what} to ${to}`;
      return `${who} changed ${what} from ${from} to ${to}`;
    }
  }
}
