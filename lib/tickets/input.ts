import { z } from 'zod';
import { ticketPriorities, ticketStatuses, ticketTypes } from '@/db/schema/tickets';
import { normaliseTags } from './changes';

// The pieces of ticket input every verb shares: what a form or a client sends, checked.

/** A uuid, or '' / null for "none". */
export const optionalId = z
  .union([z.uuid(), z.literal(''), z.null()])
  .optional()
  .transform((v) => (v === undefined ? undefined : v || null));

/** An ISO time (or a Date, when input parsed once is checked again), or '' / null for "no due date". */
export const optionalTime = z
  .union([z.date(), z.iso.datetime({ offset: true, message: 'Choose a valid due date' }), z.literal(''), z.null()])
  .optional()
  .transform((v) => (v === undefined ? undefined : v ? new Date(v) : null));

/** Tags as a list, or typed comma-separated. */
export const tagsInput = z
  .union([z.array(z.string().max(40, 'Keep each tag under 40 characters')), z.string().max(1000)])
  .optional()
  .transform((v) => (v === undefined ? undefined : normaliseTags(typeof v === 'string' ? v.split(',') : v)))
  .refine((v) => !v || v.length <= 20, 'Use at most 20 tags')
  .refine((v) => !v || v.every((t) => t.length <= 40), 'Keep each tag under 40 characters');

export const subjectInput = z.string().trim().min(1, 'Write a subject').max(200, 'Keep the subject under 200 characters');
export const descriptionInput = z.string().trim().max(10_000, 'Keep the description under 10,000 characters');

/** Every editable field, each optional: an edit sends only what it changes. */
export const ticketPatchInput = z.object({
  subject: subjectInput.optional(),
  description: descriptionInput.optional(),
  status: z.enum(ticketStatuses).optional(),
  priority: z.enum(ticketPriorities).optional(),
  type: z.enum(ticketTypes).optional(),
  assigneeId: optionalId,
  teamId: optionalId,
  contactId: optionalId,
  dueAt: optionalTime,
  tags: tagsInput,
});
export type TicketPatchInput = z.infer<typeof ticketPatchInput>;

/** Drops the keys an input left out, so "absent" and "set to none" stay different. */
export function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
