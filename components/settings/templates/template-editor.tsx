'use client';

import { useId, useState } from 'react';
import { DeleteButton, FieldError, FormStatus, inputClass, SecondaryButton, SubmitButton, TextField, useActionForm } from '@/components/ui/form-kit';
import { commonTemplateLanguages, TEMPLATE_BODY_MAX, templateCategories } from '@/lib/settings/templates/input';
import { templateParameters } from '@/lib/settings/template-parameters';
import { createTemplateAction, deleteTemplateAction, updateTemplateAction } from '@/app/w/[slug]/settings/templates/actions';

type Template = {
  id: string;
  name: string;
  language: string;
  category: string;
  body: string;
  parameterCount: number;
  channelId: string | null;
  channelName: string | null;
};
type WhatsAppNumber = { id: string; name: string };

const parametersText = (n: number) => (n === 0 ? 'No parameters' : n === 1 ? '1 parameter' : `${n} parameters`);

/** Adds a template, or edits one when `initial` is given. The parameter count follows the body as you type. */
// Long: one form (number, name, language, body, parameters) posted together; most of it is markup.
export function TemplateForm({ workspaceId, numbers, initial, onDone }: { workspaceId: string; numbers: WhatsAppNumber[]; initial?: Template; onDone?: () => void }) {
  const ids = useId();
  const [params, setParams] = useState(() => templateParameters(initial?.body ?? ''));
  const { state, pending, onSubmit, fieldError, formRef } = useActionForm((form) => (initial ? updateTemplateAction(form) : createTemplateAction(form)), {
    resetOnSuccess: !initial,
    onSuccess: () => {
      if (!initial) setParams(templateParameters(''));
      onDone?.();
    },
  });
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      aria-label={initial ? `Edit ${initial.name} (${initial.language})` : 'Add a template'}
      className={initial ? 'space-y-4' : 'mt-4 space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6'}
    >
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Name"
          name="name"
          defaultValue={initial?.name ?? ''}
          placeholder="order_update"
          maxLength={512}
          autoComplete="off"
          required
          error={fieldError('name')}
          hint="As approved: lowercase, numbers and _."
        />
        <TextField
          label="Language"
          name="language"
          defaultValue={initial?.language ?? 'en_US'}
          list={`${ids}-languages`}
          placeholder="en_US"
          maxLength={6}
          autoComplete="off"
          required
          error={fieldError('language')}
        />
        <datalist id={`${ids}-languages`}>
          {commonTemplateLanguages.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
        <div>
          <label htmlFor={`${ids}-category`} className="block text-sm font-medium text-slate-700">
            Category
          </label>
          <select id={`${ids}-category`} name="category" defaultValue={initial?.category ?? 'UTILITY'} className={inputClass}>
            {templateCategories.map((c) => (
              <option key={c} value={c}>
                {c.charAt(0) + c.slice(1).toLowerCase()}
              </option>
            ))}
          </select>
          <FieldError id={`${ids}-category-error`} message={fieldError('category')} />
        </div>
        <div>
          <label htmlFor={`${ids}-channel`} className="block text-sm font-medium text-slate-700">
            WhatsApp number
          </label>
          <select
            id={`${ids}-channel`}
            name="channelId"
            defaultValue={initial?.channelId ?? ''}
            aria-invalid={Boolean(fieldError('channelId'))}
            aria-describedby={`${ids}-channel-error`}
            className={inputClass}
          >
            <option value="">All numbers</option>
            {numbers.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
          <FieldError id={`${ids}-channel-error`} message={fieldError('channelId')} />
        </div>
      </div>
      <div>
        <TextField
          label="Body"
          name="body"
          multiline
          rows={5}
          defaultValue={initial?.body ?? ''}
          maxLength={TEMPLATE_BODY_MAX}
          showCount
          required
          placeholder="Hi {{1}}, your order {{2}} is on its way!"
          error={fieldError('body')}
          onKeyUp={(e) => setParams(templateParameters(e.currentTarget.value))}
          onBlur={(e) => setParams(templateParameters(e.currentTarget.value))}
        />
        <p className="mt-1 text-sm text-slate-600" aria-live="polite">
          {params.problem ?? parametersText(params.count)}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>{initial ? 'Save' : 'Add template'}</SubmitButton>
        {initial && <SecondaryButton onClick={onDone}>Cancel</SecondaryButton>}
        <FormStatus state={state} success={initial ? 'Saved.' : 'Template added.'} />
      </div>
    </form>
  );
}

export function TemplateItem({ workspaceId, numbers, item }: { workspaceId: string; numbers: WhatsAppNumber[]; item: Template }) {
  const [editing, setEditing] = useState(false);
  const title = `${item.name} (${item.language})`;
  return (
    <li className="px-4 py-3">
      {editing ? (
        <TemplateForm workspaceId={workspaceId} numbers={numbers} initial={item} onDone={() => setEditing(false)} />
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <div className="min-w-0 flex-1">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-sm font-semibold">{item.name}</span>
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{item.language}</span>
              <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-800">{item.category.charAt(0) + item.category.slice(1).toLowerCase()}</span>
              <span className="text-xs text-slate-500">
                {parametersText(item.parameterCount)} · {item.channelName ?? 'All numbers'}
              </span>
            </p>
            <p className="mt-1 line-clamp-3 whitespace-pre-wrap break-words text-sm text-slate-700">{item.body}</p>
          </div>
          <div className="flex shrink-0 items-center gap-1">
            <SecondaryButton aria-label={`Edit ${title}`} onClick={() => setEditing(true)}>
              Edit
            </SecondaryButton>
            <DeleteButton label={`Delete ${title}`} confirmText={`Delete the template ${title}? Agents will no longer be able to send it.`} run={() => deleteTemplateAction({ workspaceId, id: item.id })} />
          </div>
        </div>
      )}
    </li>
  );
}
