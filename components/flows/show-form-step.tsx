'use client';

import { Info, Plus, Trash2 } from 'lucide-react';
import { CheckboxField, SecondaryButton, SelectField, TextField } from '@/components/ui/form-kit';
import { CUSTOM_FIELD_TYPES, FIELD_MODES, FORM_CUSTOM_FIELDS_MAX, type CustomFieldType, type FieldMode } from '@/lib/widget/forms/definition';
import type { StepOf } from './model';

const MODE_TEXT: Record<FieldMode, string> = { off: 'Not asked', optional: 'Optional', required: 'Required' };
const TYPE_TEXT: Record<CustomFieldType, string> = { text: 'Text', number: 'Number', choice: 'Choice' };
const modeChoices = FIELD_MODES.map((m) => [m, MODE_TEXT[m]] as const);
const typeChoices = CUSTOM_FIELD_TYPES.map((t) => [t, TYPE_TEXT[t]] as const);

type Step = StepOf<'show_form'>;
type Form = Step['form'];
type CustomField = NonNullable<Form['customFields']>[number];

/**
 * The "Show form" step: the message above the form, its fields as the pre-chat form has
 * them (name, email, phone; custom fields saved to the customer's custom data; consent),
 * and where the flow goes once the customer has answered.
 */
export function ShowFormStepForm({ step, onChange, next }: { step: Step; onChange(step: Step): void; next: React.ReactNode }) {
  const form = step.form;
  const fields = form.customFields ?? [];
  const consent = form.consent ?? { enabled: false, text: '' };
  const setForm = (patch: Partial<Form>) => onChange({ ...step, form: { ...form, ...patch } });
  const setField = (i: number, patch: Partial<CustomField>) => setForm({ customFields: fields.map((f, j) => (j === i ? { ...f, ...patch } : f)) });

  return (
    <div className="space-y-3">
      <p className="flex items-start gap-2 rounded-md bg-sky-50 p-2 text-xs text-sky-900">
        <Info aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
        Shown in the website chat only. On Messenger, Instagram, WhatsApp and LINE the flow skips this step and goes straight on: ask there with “Ask for an answer” steps.
      </p>
      <TextField label="Message above the form" multiline maxLength={2000} value={step.text} onValueChange={(text) => onChange({ ...step, text })} />
      <div className="grid gap-3 sm:grid-cols-3">
        {(['name', 'email', 'phone'] as const).map((key) => (
          <SelectField
            key={key}
            label={key === 'name' ? 'Name' : key === 'email' ? 'Email' : 'Phone'}
            value={form[key] ?? 'off'}
            choices={modeChoices}
            onValueChange={(mode) => setForm({ [key]: mode })}
          />
        ))}
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Custom fields</legend>
        {fields.length === 0 && <p className="mt-1 text-sm text-slate-500">None: add one to ask for an order number, a size…</p>}
        <ul className="mt-2 space-y-3">
          {fields.map((field, i) => (
            <li key={i} className="space-y-3 rounded-lg border border-slate-200 p-3" aria-label={`Form field ${i + 1}`}>
              <div className="grid gap-3 sm:grid-cols-3">
                <TextField label={`Field ${i + 1} label`} value={field.label} maxLength={80} onValueChange={(label) => setField(i, { label })} />
                <TextField label={`Field ${i + 1} key`} value={field.key} maxLength={60} hint="Saved on the customer under this key" onValueChange={(key) => setField(i, { key })} />
                <SelectField label={`Field ${i + 1} type`} value={field.type} choices={typeChoices} onValueChange={(type) => setField(i, { type })} />
              </div>
              {field.type === 'choice' && (
                <TextField
                  label={`Field ${i + 1} options`}
                  multiline
                  rows={3}
                  hint="One option per line"
                  value={(field.options ?? []).join('\n')}
                  // Kept as typed (a new empty line too): the flow's check names an empty option.
                  onValueChange={(text) => setField(i, { options: text.split('\n') })}
                />
              )}
              <div className="flex flex-wrap items-center justify-between gap-2">
                <CheckboxField label="Required" checked={field.required ?? false} onCheckedChange={(required) => setField(i, { required })} />
                <SecondaryButton onClick={() => setForm({ customFields: fields.filter((_, j) => j !== i) })} aria-label={`Remove field ${i + 1}`}>
                  <Trash2 aria-hidden className="mr-1 inline h-4 w-4 align-[-3px]" />
                  Remove
                </SecondaryButton>
              </div>
            </li>
          ))}
        </ul>
        <SecondaryButton
          className="mt-3"
          disabled={fields.length >= FORM_CUSTOM_FIELDS_MAX}
          onClick={() => setForm({ customFields: [...fields, { label: '', key: '', type: 'text', options: [], required: false }] })}
        >
          <Plus aria-hidden className="mr-1 inline h-4 w-4 align-[-3px]" />
          Add a field
        </SecondaryButton>
      </fieldset>
      <CheckboxField label="Ask for consent" checked={consent.enabled ?? false} onCheckedChange={(enabled) => setForm({ consent: { ...consent, enabled } })} />
      {consent.enabled && (
        <TextField
          label="Consent text"
          multiline
          rows={3}
          maxLength={500}
          hint="The customer must tick this to send the form; the text is kept with their answers."
          value={consent.text ?? ''}
          onValueChange={(text) => setForm({ consent: { ...consent, text } })}
        />
      )}
      {next}
    </div>
  );
}
