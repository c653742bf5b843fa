import { z } from 'zod';

// Zod pieces for the values an HTML form sends, shared by every action that takes a form.

/**
 * A yes/no: a checkbox sends 'on' when ticked and nothing when not; a toggle's hidden input
 * or code sends 'true' / 'false' or a boolean. Absent is no.
 */
export const formBoolean = z
  .union([z.boolean(), z.enum(['on', 'true', 'false', ''])])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

/** An optional text input: '' means absent. */
export const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));
