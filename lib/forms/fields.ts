import { z } from 'zod';

/** A checkbox: `on` from a form, or a boolean from code. */
export const formBoolean = z
  .union([z.boolean(), z.enum(['on', 'true', 'false', ''])])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

/** An optional text input: '' means absent. */
export const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));
