import { z } from 'zod';
import { customerFieldTypes } from '@/db/schema';
import { formBoolean } from '@/lib/forms/fields';
import { deriveFieldKey } from './view';

export { deriveFieldKey };

export const CUSTOMER_FIELD_KEY = /^[a-z0-9_]+$/;
export const MAX_LIST_OPTIONS = 50;


const label = z.string('Enter a label').trim().min(1, 'Enter a label').max(60, 'Keep the label under 60 characters');
const type = z.enum(customerFieldTypes, 'Choose a type');
/** List options: one per line from a textarea, or an array from code. */
const options = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : (v ?? '').split(/\r?\n/)).map((o) => o.trim().replace(/\s+/g, ' ')).filter(Boolean));

type FieldShape = { type: (typeof customerFieldTypes)[number]; options: string[] };

function checkOptions(value: FieldShape, ctx: z.RefinementCtx) {
  if (value.type !== 'list') return;
  const issue = (message: string) => ctx.addIssue({ code: 'custom', message, path: ['options'] });
  if (value.options.length === 0) return issue('Add the list’s options, one per line');
  if (value.options.length > MAX_LIST_OPTIONS) return issue(`A list has at most ${MAX_LIST_OPTIONS} options`);
  const long = value.options.find((o) => o.length > 60);
  if (long) return issue(`Keep each option under 60 characters (“${long.slice(0, 20)}…”)`);
  const seen = new Set<string>();
  for (const o of value.options) {
    if (seen.has(o.toLowerCase())) return issue(`“${o}” is listed twice`);
    seen.add(o.toLowerCase());
  }
}

const withOptions = <T extends FieldShape>(v: T): T => ({ ...v, options: v.type === 'list' ? v.options : [] });

export const createCustomerFieldInput = z
  .object({ label, type, options, required: formBoolean, key: z.string().optional() })
  .transform((v) => ({ ...v, key: v.key?.trim() ? v.key.trim() : deriveFieldKey(v.label) }))
  .superRefine((v, ctx) => {
    if (!v.key) ctx.addIssue({ code: 'custom', path: ['key'], message: 'Enter a key using a–z, 0–9 and _' });
    else if (v.key.length > 40) ctx.addIssue({ code: 'custom', path: ['key'], message: 'Keep the key under 40 characters' });
    else if (!CUSTOMER_FIELD_KEY.test(v.key)) ctx.addIssue({ code: 'custom', path: ['key'], message: 'Keys use lowercase a–z, 0–9 and _ only, e.g. instagram' });
    checkOptions(v, ctx);
  })
  .transform(withOptions);

/** The key is fixed once created: customers' values are stored under it. */
export const updateCustomerFieldInput = z
  .object({ id: z.uuid(), label, type, options, required: formBoolean })
  .superRefine(checkOptions)
  .transform(withOptions);

export const deleteCustomerFieldInput = z.object({ id: z.uuid() });
export const moveCustomerFieldInput = z.object({ id: z.uuid(), direction: z.enum(['up', 'down']) });

export type CreateCustomerFieldInput = z.infer<typeof createCustomerFieldInput>;
export type UpdateCustomerFieldInput = z.infer<typeof updateCustomerFieldInput>;
