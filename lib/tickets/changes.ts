import type { TicketPriority, TicketStatus, TicketType } from './labels';

// What an edit changes, worked out without the database: the history gets one row per
// field that really changed, and an edit that changes nothing writes nothing.

export type TicketFields = {
  subject: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  assigneeId: string | null;
  teamId: string | null;
  contactId: string | null;
  dueAt: Date | null;
  tags: string[];
};

export type TicketPatch = Partial<TicketFields>;
export type TicketField = keyof TicketFields;
export type FieldChange = { field: TicketField; from: unknown; to: unknown };

const order: TicketField[] = ['status', 'priority', 'type', 'assigneeId', 'teamId', 'contactId', 'dueAt', 'subject', 'description', 'tags'];

function same(field: TicketField, a: unknown, b: unknown): boolean {
  if (field === 'dueAt') return (a as Date | null)?.getTime() === (b as Date | null)?.getTime();
  if (field === 'tags') return JSON.stringify([...(a as string[])].sort()) === JSON.stringify([...(b as string[])].sort());
  return (a ?? null) === (b ?? null);
}

/** The fields the patch changes, in the order the history shows them. */
export function diffTicket(current: TicketFields, patch: TicketPatch): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of order) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const to = patch[field];
    if (!same(field, current[field], to)) changes.push({ field, from: current[field] ?? null, to: to ?? null });
  }
  return changes;
}

/** Tags as typed: trimmed, no empties, each once (case-insensitively), in the order given. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
}

/**
 * When the ticket counts as solved: set when it moves to solved, kept when a solved ticket
 * is closed, cleared when it is opened again.
 */
export function solvedAtAfter(from: TicketStatus, to: TicketStatus, solvedAt: Date | null, now: Date): Date | null {
  if (to === 'solved') return from === 'solved' ? solvedAt : now;
  if (to === 'closed') return solvedAt ?? now;
  return null;
}

/** A move into solved from anything but closed tells the customer (once per solve). */
export const tellsCustomer = (from: TicketStatus, to: TicketStatus) => to === 'solved' && from !== 'solved' && from !== 'closed';

/** The subject prefilled from the customer's last message: its first line, cut at a word. */
export function subjectFromMessage(text: string | null | undefined, max = 80): string {
  const line = (text ?? '').split('\n').map((l) => l.trim()).find(Boolean) ?? '';
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
