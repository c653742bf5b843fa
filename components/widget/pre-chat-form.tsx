'use client';

import { useState } from 'react';
import type { FormFields } from '@/lib/widget/forms/definition';
import type { WidgetConfig } from '@/lib/widget/types';
import { useWidgetText } from './strings';

const BUILT_IN_LABELS = { name: 'fieldName', email: 'fieldEmail', phone: 'fieldPhone' } as const;

const input = 'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm focus:border-slate-500 focus:outline-none';

function Label({ htmlFor, text, required }: { htmlFor: string; text: string; required: boolean }) {
  const t = useWidgetText();
  return (
    <label htmlFor={htmlFor} className="block text-xs font-medium text-slate-700">
      {text}
      {required ? <span aria-hidden="true"> *</span> : <span className="font-normal text-slate-500"> {t.optional}</span>}
    </label>
  );
}

/**
 * The shop's questions: before the first message (`pre_chat`), or when a bot flow asks
 * (`flow`: its message above says why). The server checks the answers (its message shows
 * above the button); the browser only marks what is required.
 */
export function PreChatFormView({
  form,
  config,
  onSubmit,
  variant = 'pre_chat',
}: {
  form: FormFields;
  config: WidgetConfig;
  onSubmit(answers: unknown): Promise<void>;
  variant?: 'pre_chat' | 'flow';
}) {
  const flow = variant === 'flow';
  const prefix = flow ? 'flowform' : 'prechat';
  const [values, setValues] = useState<Record<string, string>>({});
  const [consent, setConsent] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const t = useWidgetText();
  const set = (key: string, value: string) => setValues((v) => ({ ...v, [key]: value }));

  const send = async () => {
    setSending(true);
    setProblem(null);
    const custom = Object.fromEntries(form.customFields.map((f) => [f.key, values[`custom:${f.key}`] ?? '']));
    try {
      await onSubmit({ name: values.name, email: values.email, phone: values.phone, custom, consent });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : t.somethingWrong);
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      aria-label={flow ? t.yourAnswers : t.beforeWeStart}
      data-testid={flow ? 'flow-form' : 'pre-chat-form'}
      noValidate
      className="max-h-[60%] shrink-0 space-y-3 overflow-y-auto border-t border-slate-200 bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {!flow && <p className="text-sm text-slate-700">{t.preChatIntro}</p>}
      {(['name', 'email', 'phone'] as const).map((key) =>
        form[key] === 'off' ? null : (
          <div key={key}>
            <Label htmlFor={`${prefix}-${key}`} text={t[BUILT_IN_LABELS[key]]} required={form[key] === 'required'} />
            <input
              id={`${prefix}-${key}`}
              type={key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text'}
              autoComplete={key === 'phone' ? 'tel' : key}
              required={form[key] === 'required'}
              value={values[key] ?? ''}
              onChange={(e) => set(key, e.target.value)}
              className={input}
            />
          </div>
        ),
      )}
      {form.customFields.map((field) => {
        const id = `${prefix}-custom-${field.key}`;
        const value = values[`custom:${field.key}`] ?? '';
        return (
          <div key={field.key}>
            <Label htmlFor={id} text={field.label} required={field.required} />
            {field.type === 'choice' ? (
              <select id={id} required={field.required} value={value} onChange={(e) => set(`custom:${field.key}`, e.target.value)} className={input}>
                <option value="">{t.choose}</option>
                {field.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                type="text"
                inputMode={field.type === 'number' ? 'decimal' : undefined}
                required={field.required}
                value={value}
                onChange={(e) => set(`custom:${field.key}`, e.target.value)}
                className={input}
              />
            )}
          </div>
        );
      })}
      {form.consent.enabled && (
        <label className="flex items-start gap-2 text-xs text-slate-700">
          <input type="checkbox" required checked={consent} onChange={(e) => setConsent(e.target.checked)} className="mt-0.5" />
          <span className="whitespace-pre-wrap">{form.consent.text}</span>
        </label>
      )}
      {problem && (
        <p role="alert" className="text-xs text-red-600">
          {problem}
        </p>
      )}
      <button
        type="submit"
        disabled={sending}
        className="w-full rounded-full px-4 py-2 text-sm font-medium disabled:opacity-60"
        style={{ background: config.color, color: config.textColor }}
      >
        {flow ? (sending ? t.sending : t.sendAnswers) : sending ? t.starting : t.startChat}
      </button>
    </form>
  );
}
