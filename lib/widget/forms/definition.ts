import { z } from 'zod';
import { CUSTOM_DATA_KEY_MAX, CUSTOM_DATA_VALUE_MAX } from '@/lib/contacts/custom-data-input';

// The pre-chat form a shop sets per web channel (kept in the channel's `settings` under
// `preChatForm`), and the check of a visitor's answers against it. Client-safe: the widget
// and the settings page use the same shapes; the server checks again with `answersSchema`.

export const FIELD_MODES = ['off', 'optional', 'required'] as const;
export type FieldMode = (typeof FIELD_MODES)[number];
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'choice'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const FORM_CUSTOM_FIELDS_MAX = 10;
export const FORM_CHOICES_MAX = 20;
export const CONSENT_TEXT_MAX = 500;
/** Keys the form's own fields use: a custom field cannot take them. */
const RESERVED_KEYS = ['name', 'email', 'phone', 'consent'];

const label = z.string().trim().min(1, 'Enter a label').max(80, 'Keep the label under 80 characters');

export const customFieldSchema = z
  .object({
    label,
    key: z
      .string()
      .trim()
      .min(1, 'Enter a key, e.g. order_number')
      .max(CUSTOM_DATA_KEY_MAX, `Keep the key under ${CUSTOM_DATA_KEY_MAX} characters`)
      .regex(/^[A-Za-z0-9_-]+$/, 'Keys use letters, digits, _ and - only')
      .refine((k) => !RESERVED_KEYS.includes(k.toLowerCase()), 'This key is taken by a built-in field'),
    type: z.enum(CUSTOM_FIELD_TYPES, 'Choose text, number or choice'),
    options: z.array(z.string().trim().min(1, 'An option cannot be empty').max(80, 'Keep options under 80 characters')).max(FORM_CHOICES_MAX).default([]),
    required: z.boolean().default(false),
  })
  .refine((f) => f.type !== 'choice' || f.options.length >= 2, { message: 'A choice needs at least two options', path: ['options'] })
  .transform((f) => ({ ...f, options: f.type === 'choice' ? [...new Set(f.options)] : [] }));

/** The fields a form asks: the pre-chat form's, and a flow's "Show form" step's. */
const formFieldsShape = {
  name: z.enum(FIELD_MODES).default('optional'),
  email: z.enum(FIELD_MODES).default('optional'),
  phone: z.enum(FIELD_MODES).default('off'),
  customFields: z.array(customFieldSchema).max(FORM_CUSTOM_FIELDS_MAX, `At most ${FORM_CUSTOM_FIELDS_MAX} custom fields`).default([]),
  consent: z
    .object({
      enabled: z.boolean().default(false),
      text: z.string().trim().max(CONSENT_TEXT_MAX, `Keep the consent text under ${CONSENT_TEXT_MAX} characters`).default(''),
    })
    .refine((c) => !c.enabled || c.text.length > 0, { message: 'Enter the consent text the visitor agrees to', path: ['text'] })
    .default({ enabled: false, text: '' }),
};

type FieldsInput = { name: FieldMode; email: FieldMode; phone: FieldMode; customFields: { key: string }[]; consent: { enabled: boolean } };

/** Each custom key once; with `mustAsk`, at least one field is on (else its message, at its path). */
function checkFields(form: FieldsInput, ctx: z.RefinementCtx, mustAsk: { message: string; path: string[] } | null) {
  const seen = new Set<string>();
  form.customFields.forEach((f, i) => {
    const k = f.key.toLowerCase();
    if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `The key “${f.key}” is used twice`, path: ['customFields', i, 'key'] });
    seen.add(k);
  });
  const asks = form.name !== 'off' || form.email !== 'off' || form.phone !== 'off' || form.customFields.length > 0 || form.consent.enabled;
  if (mustAsk && !asks) ctx.addIssue({ code: 'custom', ...mustAsk });
}

export const preChatFormSchema = z
  .object({ enabled: z.boolean().default(false), ...formFieldsShape })
  .superRefine((form, ctx) => checkFields(form, ctx, form.enabled ? { message: 'Turn on at least one field, or turn the form off', path: ['enabled'] } : null));

/** The form a flow's "Show form" step shows in the website chat. */
export const formFieldsSchema = z.object(formFieldsShape).superRefine((form, ctx) => checkFields(form, ctx, { message: 'Ask at least one field', path: ['name'] }));

export type FormFields = z.output<typeof formFieldsSchema>;
export type PreChatForm = z.output<typeof preChatFormSchema>;
export type CustomFormField = PreChatForm['customFields'][number];

export const PRE_CHAT_DEFAULTS: PreChatForm = {
  enabled: false,
  name: 'optional',
  email: 'optional',
  phone: 'off',
  customFields: [],
  consent: { enabled: false, text: '' },
};

/** The form a channel's settings hold, or the defaults (off) when missing or malformed. */
export function readPreChatForm(settings: Record<string, unknown> | null | undefined): PreChatForm {
  const parsed = preChatFormSchema.safeParse(settings?.preChatForm ?? {});
  return parsed.success ? parsed.data : PRE_CHAT_DEFAULTS;
}

export const BUILT_IN_LABELS = { name: 'Name', email: 'Email', phone: 'Phone' } as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()./-]{5,30}$/;

const blank = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v);

/** A text answer: blank counts as not given; `schema`'s own message says what is missing when required. */
function answer(required: boolean, schema: z.ZodType<string>) {
  const value = z.preprocess(blank, required ? schema : schema.optional());
  // Optional answers may also be left out of the body altogether (a browser drops undefined).
  return required ? value : value.optional();
}

function customValue(field: CustomFormField) {
  const missing = `Fill in ${field.label}`;
  let schema: z.ZodType<string>;
  if (field.type === 'number') {
    schema = z
      .string(missing)
      .regex(/^-?\d+(\.\d+)?$/, `${field.label}: enter a number`)
      .max(30, `${field.label}: enter a shorter number`);
  } else if (field.type === 'choice') {
    schema = z.string(missing).refine((v) => field.options.includes(v), `${field.label}: choose one of the options`);
  } else {
    schema = z.string(missing).max(CUSTOM_DATA_VALUE_MAX, `${field.label}: keep it under ${CUSTOM_DATA_VALUE_MAX} characters`);
  }
  return answer(field.required, schema);
}

/**
 * The zod schema of a visitor's answers to `form`: `{ name?, email?, phone?, custom: {key: value}, consent }`.
 * Messages name the field, since the widget shows the first one above the form.
 */
export function answersSchema(form: FormFields) {
  const builtIn = (key: 'name' | 'email' | 'phone', schema: z.ZodString) => (form[key] === 'off' ? z.unknown().optional().transform(() => undefined) : answer(form[key] === 'required', schema));
  const custom = Object.fromEntries(form.customFields.map((f) => [f.key, customValue(f)]));
  return z.object({
    name: builtIn('name', z.string('Enter your name').min(1, 'Enter your name').max(120, 'Keep your name under 120 characters')),
    email: builtIn('email', z.string('Enter your email').max(200, 'Enter a shorter email address').regex(EMAIL, 'Enter a valid email address, like you@example.com')),
    phone: builtIn('phone', z.string('Enter your phone number').regex(PHONE, 'Enter a valid phone number, digits and + only')),
    custom: z.preprocess((v) => v ?? {}, z.object(custom)),
    consent: form.consent.enabled ? z.literal(true, 'Please accept the consent to start the chat') : z.unknown().optional(),
  });
}

export type FormAnswers = { name?: string; email?: string; phone?: string; custom: Record<string, string | undefined>; consent?: unknown };

/** What the answers change on the customer, and the answers as stored (label and value, in the form's order). */
export function mapAnswers(form: FormFields, answers: FormAnswers) {
  const contact: { name?: string; email?: string; phone?: string } = {};
  const stored: { key: string; label: string; value: string }[] = [];
  for (const key of ['name', 'email', 'phone'] as const) {
    const value = answers[key];
    if (form[key] === 'off' || value === undefined) continue;
    contact[key] = key === 'email' ? value.toLowerCase() : value;
    stored.push({ key, label: BUILT_IN_LABELS[key], value: contact[key] });
  }
  const customData: Record<string, string> = {};
  for (const field of form.customFields) {
    const value = answers.custom[field.key];
    if (value === undefined) continue;
    customData[field.key] = value;
    stored.push({ key: field.key, label: field.label, value });
  }
  return { contact, customData, stored };
}
