import { z } from 'zod';
import { formBoolean } from '@/lib/forms/fields';

// What the customer is told when a ticket they raised is solved, stored in the workspace's
// `settings` JSON under `ticketSolvedMessage`:
//   { enabled: boolean, text: string, templateId: string | null }
// Absent (never saved) means the defaults: on, with the text below. `templateId` is the
// WhatsApp template sent when WhatsApp's 24 h window has closed.

export const DEFAULT_TICKET_SOLVED_TEXT = 'Hi {name}, your request {ticket} ({subject}) has been solved. Reply here if anything is still not right.';
export const TICKET_SOLVED_TEXT_MAX = 500;

export type TicketSolvedMessageSettings = { enabled: boolean; text: string; templateId: string | null };

export const DEFAULT_TICKET_SOLVED_MESSAGE: TicketSolvedMessageSettings = { enabled: true, text: DEFAULT_TICKET_SOLVED_TEXT, templateId: null };

const stored = z.object({
  enabled: z.boolean().catch(true),
  text: z.string().trim().min(1).max(TICKET_SOLVED_TEXT_MAX).catch(DEFAULT_TICKET_SOLVED_TEXT),
  templateId: z.uuid().nullable().catch(null),
});

export function readTicketSolvedMessage(settings: Record<string, unknown>): TicketSolvedMessageSettings {
  const parsed = stored.safeParse(settings.ticketSolvedMessage ?? {});
  return parsed.success ? parsed.data : DEFAULT_TICKET_SOLVED_MESSAGE;
}

export const ticketSolvedMessageInput = z.object({
  enabled: formBoolean,
  text: z.string().trim().min(1, 'Write the message, or turn it off').max(TICKET_SOLVED_TEXT_MAX, `Keep the message under ${TICKET_SOLVED_TEXT_MAX} characters`),
  templateId: z
    .union([z.uuid(), z.literal('')])
    .optional()
    .transform((v) => v || null),
});
export type TicketSolvedMessageInput = z.infer<typeof ticketSolvedMessageInput>;

/** The text with its placeholders filled: {name}, {ticket} ("#12"), {subject}. */
export function fillSolvedText(text: string, values: { name: string; number: number; subject: string }): string {
  return text
    .replaceAll('{name}', values.name)
    .replaceAll('{ticket}', `#${values.number}`)
    .replaceAll('{subject}', values.subject)
    .replace(/\s+([,.!?])/g, '$1')
    .trim();
}

/**
 * A template's parameters, in order: the customer's name, the ticket ("#12"), the subject.
 * A template asking for more than those three cannot be filled: null.
 */
export function templateParametersFor(count: number, values: { name: string; number: number; subject: string }): string[] | null {
  const available = [values.name, `#${values.number}`, values.subject];
  return count <= available.length ? available.slice(0, count) : null;
}
