'use client';

import { useId } from 'react';
import { updateCustomerFieldsAction } from '@/app/w/[slug]/inbox/customer-actions';
import type { CustomerProfile } from '@/lib/contacts/profile';
import { FieldError, FormStatus, SubmitButton, useActionForm } from '@/components/ui/form-kit';

type Field = CustomerProfile['fields'][number];

const fieldInputClass =
  'mt-0.5 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500';

function safeLink(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function FieldInput({ field, id, error }: { field: Field; id: string; error?: string }) {
  const name = `field:${field.key}`;
  const common = {
    id,
    name,
    required: field.required && field.type !== 'checkbox',
    'aria-invalid': Boolean(error),
    'aria-describedby': error ? `${id}-error` : undefined,
  };
  switch (field.type) {
    case 'checkbox':
      return <input type="checkbox" {...common} required={field.required} defaultChecked={field.value === 'true'} className="h-4 w-4" />;
    case 'list': {
      const outside = field.value !== null && !field.options.includes(field.value);
      return (
        <select {...common} defaultValue={field.value ?? ''} className={fieldInputClass}>
          <option value="">—</option>
          {outside && <option value={field.value!}>{field.value} (not in the list)</option>}
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    }
    case 'number':
      return <input type="number" step="any" inputMode="decimal" {...common} defaultValue={field.value ?? ''} className={fieldInputClass} />;
    case 'date':
      return <input type="date" {...common} defaultValue={field.value ?? ''} className={fieldInputClass} />;
    case 'link':
      return <input type="text" inputMode="url" placeholder="https://" maxLength={500} {...common} defaultValue={field.value ?? ''} className={fieldInputClass} />;
    default:
      return <input type="text" maxLength={500} {...common} defaultValue={field.value ?? ''} className={fieldInputClass} />;
  }
}

/**
 * The admin-defined "additional information" fields, typed inputs saved together. The
 * server checks every value by type; each wrong one gets its own message.
 */
export function CustomerFieldsForm({ workspaceId, contactId, fields }: { workspaceId: string; contactId: string; fields: Field[] }) {
  const ids = useId();
  const { state, pending, onSubmit, fieldError } = useActionForm((form) =>
    updateCustomerFieldsAction({
      workspaceId,
      contactId,
      values: Object.fromEntries(
        fields.map((f) => [f.key, f.type === 'checkbox' ? (form.get(`field:${f.key}`) === 'on' ? 'true' : 'false') : String(form.get(`field:${f.key}`) ?? '')]),
      ),
    }),
  );
  // Remount the inputs when the stored values change (saved here, or by another agent),
  // so they show the values as stored (e.g. a link with https:// added).
  const version = fields.map((f) => `${f.key}=${f.value ?? ''}`).join('\u0000');

  return (
    <form onSubmit={onSubmit} aria-label="Additional information" className="space-y-3">
      <div key={version} className="space-y-3">
        {fields.map((field) => {
          const id = `${ids}-${field.key}`;
          const error = fieldError(field.key);
          const link = field.type === 'link' ? safeLink(field.value) : null;
          return (
            <div key={field.id} className={field.type === 'checkbox' ? 'flex flex-wrap items-center gap-2' : undefined}>
              {field.type === 'checkbox' && <FieldInput field={field} id={id} error={error} />}
              <label htmlFor={id} className="text-xs font-medium text-slate-600">
                {field.label}
                {field.required && (
                  <>
                    <span aria-hidden className="text-red-600"> *</span>
                    <span className="sr-only"> (required)</span>
                  </>
                )}
              </label>
              {field.type !== 'checkbox' && <FieldInput field={field} id={id} error={error} />}
              {link && (
                <a href={link} target="_blank" rel="noopener noreferrer nofollow" className="mt-0.5 block truncate text-xs text-brand-700 hover:underline">
                  Open {field.label} <span aria-hidden>↗</span>
                </a>
              )}
              <FieldError id={`${id}-error`} message={error} />
            </div>
          );
        })}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} className="px-3 py-1.5">
          Save information
        </SubmitButton>
        <FormStatus state={state} success="Saved." />
      </div>
    </form>
  );
}
