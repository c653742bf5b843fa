'use client';

import { Download, Plus, Trash2 } from 'lucide-react';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/action-core';
import { CUSTOM_FIELD_TYPES, FIELD_MODES, FORM_CUSTOM_FIELDS_MAX, type CustomFieldType, type FieldMode, type PreChatForm } from '@/lib/widget/forms/definition';
import { updatePreChatFormAction } from '@/app/w/[slug]/settings/channels/[channelId]/widget/form-actions';
import { CheckboxField, FormStatus, SecondaryButton, SelectField, SubmitButton, TextField } from '@/components/ui/form-kit';

const MODE_TEXT: Record<FieldMode, string> = { off: 'Not asked', optional: 'Optional', required: 'Required' };
const TYPE_TEXT: Record<CustomFieldType, string> = { text: 'Text', number: 'Number', choice: 'Choice' };
const modeChoices = FIELD_MODES.map((m) => [m, MODE_TEXT[m]] as const);
const typeChoices = CUSTOM_FIELD_TYPES.map((t) => [t, TYPE_TEXT[t]] as const);

type DraftField = { label: string; key: string; type: CustomFieldType; options: string; required: boolean };

const toDraft = (form: PreChatForm): DraftField[] => form.customFields.map((f) => ({ ...f, options: f.options.join('\n') }));

/** One custom field: its label, the custom data key it fills, its type (choices one per line), required. */
function CustomFieldRow({ field, index, onChange, onRemove }: { field: DraftField; index: number; onChange(f: DraftField): void; onRemove(): void }) {
  const n = index + 1;
  return (
    <li className="space-y-3 rounded-lg border border-slate-200 p-3" aria-label={`Custom field ${n}`}>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label={`Field ${n} label`} value={field.label} maxLength={80} onValueChange={(label) => onChange({ ...field, label })} />
        <TextField label={`Field ${n} key`} value={field.key} maxLength={60} hint="Saved on the customer under this key" onValueChange={(key) => onChange({ ...field, key })} />
        <SelectField label={`Field ${n} type`} value={field.type} choices={typeChoices} onValueChange={(type) => onChange({ ...field, type })} />
      </div>
      {field.type === 'choice' && (
        <TextField label={`Field ${n} options`} multiline rows={3} hint="One option per line" value={field.options} onValueChange={(options) => onChange({ ...field, options })} />
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CheckboxField label="Required" checked={field.required} onCheckedChange={(required) => onChange({ ...field, required })} />
        <SecondaryButton onClick={onRemove} aria-label={`Remove field ${n}`}>
          <Trash2 aria-hidden className="mr-1 inline h-4 w-4 align-[-3px]" />
          Remove
        </SecondaryButton>
      </div>
    </li>
  );
}

/**
 * The pre-chat form of a website chat: what a new visitor is asked before their first
 * message, kept as a draft here and saved whole (the server checks it again).
 */
export function PreChatFormEditor({ workspaceId, channelId, form }: { workspaceId: string; channelId: string; form: PreChatForm }) {
  const [enabled, setEnabled] = useState(form.enabled);
  const [modes, setModes] = useState({ name: form.name, email: form.email, phone: form.phone });
  const [fields, setFields] = useState<DraftField[]>(() => toDraft(form));
  const [consent, setConsent] = useState(form.consent);
  const [state, setState] = useState<ActionResult<PreChatForm> | null>(null);
  const [pending, start] = useTransition();

  const save = () =>
    start(async () => {
      const customFields = fields.map((f) => ({ ...f, options: f.options.split('\n').map((o) => o.trim()).filter(Boolean) }));
      setState(await updatePreChatFormAction({ workspaceId, channelId, form: { enabled, ...modes, customFields, consent } }));
    });

  return (
    <form
      aria-labelledby="prechat-heading"
      className="mt-8 space-y-5 rounded-xl border border-slate-200 bg-white p-4 sm:p-6"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div>
        <h2 id="prechat-heading" className="font-semibold">
          Pre-chat form
        </h2>
        <p className="mt-1 text-sm text-slate-600">Questions a new visitor answers before their first message. Answers fill in the customer&apos;s details.</p>
      </div>
      <CheckboxField label="Ask new visitors this form" checked={enabled} onCheckedChange={setEnabled} />
      <div className="grid gap-3 sm:grid-cols-3">
        {(['name', 'email', 'phone'] as const).map((key) => (
          <SelectField key={key} label={key === 'name' ? 'Name' : key === 'email' ? 'Email' : 'Phone'} value={modes[key]} choices={modeChoices} onValueChange={(mode) => setModes((m) => ({ ...m, [key]: mode }))} />
        ))}
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Custom fields</legend>
        {fields.length === 0 && <p className="mt-1 text-sm text-slate-500">No custom fields: add one to ask for an order number, a size…</p>}
        <ul className="mt-2 space-y-3">
          {fields.map((field, i) => (
            <CustomFieldRow
              key={i}
              field={field}
              index={i}
              onChange={(next) => setFields((all) => all.map((f, j) => (j === i ? next : f)))}
              onRemove={() => setFields((all) => all.filter((_, j) => j !== i))}
            />
          ))}
        </ul>
        <SecondaryButton
          className="mt-3"
          disabled={fields.length >= FORM_CUSTOM_FIELDS_MAX}
          onClick={() => setFields((all) => [...all, { label: '', key: '', type: 'text', options: '', required: false }])}
        >
          <Plus aria-hidden className="mr-1 inline h-4 w-4 align-[-3px]" />
          Add a custom field
        </SecondaryButton>
      </fieldset>
      <div className="space-y-2">
        <CheckboxField label="Ask for consent" checked={consent.enabled} onCheckedChange={(on) => setConsent((c) => ({ ...c, enabled: on }))} />
        {consent.enabled && (
          <TextField
            label="Consent text"
            multiline
            rows={3}
            maxLength={500}
            showCount
            hint="The visitor must tick this to start the chat; the text is kept with their answers."
            value={consent.text}
            onValueChange={(text) => setConsent((c) => ({ ...c, text }))}
          />
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>Update pre-chat form</SubmitButton>
        <FormStatus state={state} success="Pre-chat form updated." />
      </div>
      <p className="border-t border-slate-100 pt-4 text-sm">
        <a href={`/api/w/${workspaceId}/channels/${channelId}/form-results`} download className="inline-flex items-center gap-1 text-brand-700 hover:underline">
          <Download aria-hidden className="h-4 w-4" />
          Export form results (CSV)
        </a>
      </p>
    </form>
  );
}
