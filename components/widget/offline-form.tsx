'use client';

import { useId, useState } from 'react';
import { fillText } from '@/lib/widget/i18n/fill';
import type { WidgetConfig } from '@/lib/widget/types';
import { WidgetApiError } from './api';
import { useWidgetText } from './strings';
import type { ConversationState } from './use-conversation-state';
import { newClientId } from './use-sending';
import type { VisitorSession } from './use-visitor-session';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * While nobody can answer: the visitor's email (required) and message. Sent once (the
 * client id makes a retry the same message); the server puts the email on the contact and
 * opens the conversation as a request, and the visitor is told where the answer goes.
 */
export function OfflineForm({ config, session, state }: { config: WidgetConfig; session: Pick<VisitorSession, 'api' | 'withSession'>; state: Pick<ConversationState, 'merge'> }) {
  const t = useWidgetText();
  const id = useId();
  const [email, setEmail] = useState('');
  const [text, setText] = useState('');
  const [clientId] = useState(newClientId);
  const [errors, setErrors] = useState<{ email?: string; text?: string; form?: string }>({});
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  if (sentTo) {
    return (
      <p role="status" className="border-t border-slate-200 bg-white p-4 text-sm text-emerald-800" data-testid="offline-sent">
        {fillText(t.offlineSent, { email: sentTo })}
      </p>
    );
  }

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const problems = {
      email: EMAIL.test(email.trim()) ? undefined : t.emailInvalid,
      text: text.trim() ? undefined : t.messageRequired,
    };
    setErrors(problems);
    if (problems.email || problems.text) return;
    setSending(true);
    try {
      const { message } = await session.withSession(() => session.api.sendOffline({ clientId, email: email.trim(), text: text.trim() }));
      state.merge([message]);
      setSentTo(email.trim());
    } catch (error) {
      setErrors({ form: error instanceof WidgetApiError && error.status !== 0 && error.status < 500 ? error.message : t.offlineFailed });
    } finally {
      setSending(false);
    }
  };

  const field = 'mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm focus:border-slate-400 focus:outline-none aria-[invalid=true]:border-red-500';
  return (
    <form noValidate onSubmit={submit} className="space-y-2 border-t border-slate-200 bg-white p-3" aria-labelledby={`${id}-title`} data-testid="offline-form">
      <div>
        <h2 id={`${id}-title`} className="text-sm font-semibold">{t.offlineTitle}</h2>
        <p className="text-xs text-slate-600">{t.offlineIntro}</p>
      </div>
      <div>
        <label htmlFor={`${id}-email`} className="text-xs font-medium text-slate-700">{t.email}</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="email"
          required
          maxLength={200}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={Boolean(errors.email)}
          aria-describedby={errors.email ? `${id}-email-error` : undefined}
          className={field}
        />
        {errors.email && <p id={`${id}-email-error`} className="mt-1 text-xs text-red-600">{errors.email}</p>}
      </div>
      <div>
        <label htmlFor={`${id}-text`} className="text-xs font-medium text-slate-700">{t.offlineMessage}</label>
        <textarea
          id={`${id}-text`}
          rows={3}
          required
          maxLength={4000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={Boolean(errors.text)}
          aria-describedby={errors.text ? `${id}-text-error` : undefined}
          className={`${field} resize-none`}
        />
        {errors.text && <p id={`${id}-text-error`} className="mt-1 text-xs text-red-600">{errors.text}</p>}
      </div>
      {errors.form && <p role="alert" className="text-xs text-red-600">{errors.form}</p>}
      <button
        type="submit"
        disabled={sending}
        className="w-full rounded-lg px-3 py-2 text-sm font-medium disabled:opacity-60"
        style={{ background: config.color, color: config.textColor }}
      >
        {sending ? t.sending : t.sendMessage}
      </button>
    </form>
  );
}
