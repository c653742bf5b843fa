'use client';

import { Mail } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { fillText } from '@/lib/widget/i18n/fill';
import type { WidgetConfig } from '@/lib/widget/types';
import { WidgetApiError, type WidgetApi } from './api';
import { useWidgetText } from './strings';

// "Email me the transcript": the header's button and its dialog, loaded only once a visitor
// has a conversation to send (never on a first open). The address is prefilled with the
// one the shop or a form gave; the server checks it again and queues the email.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function TranscriptEmail({ config, api, knownEmail }: { config: WidgetConfig; api: WidgetApi; knownEmail: string | null }) {
  const t = useWidgetText();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-label={t.emailTranscript}
        title={t.emailTranscript}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        className="flex h-9 w-9 items-center justify-center rounded-full hover:bg-black/10"
      >
        <Mail className="h-5 w-5" aria-hidden="true" />
      </button>
      {open && <TranscriptDialog config={config} api={api} knownEmail={knownEmail} onClose={close} />}
    </>
  );
}

function TranscriptDialog({ config, api, knownEmail, onClose }: { config: WidgetConfig; api: WidgetApi; knownEmail: string | null; onClose(): void }) {
  const t = useWidgetText();
  const id = useId();
  const [email, setEmail] = useState(knownEmail ?? '');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const touched = useRef(false);

  useEffect(() => {
    inputRef.current?.focus();
    // The address the shop knows now (a form answered since the chat opened), unless typed over.
    api
      .transcriptDefaults()
      .then((d) => {
        if (d.email && !touched.current) setEmail(d.email);
      })
      .catch(() => {
        // Nothing to prefill: the visitor types it.
      });
  }, [api]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const address = email.trim();
    if (!EMAIL.test(address)) return setError(t.emailInvalid);
    setError(null);
    setSending(true);
    try {
      await api.emailTranscript(address);
      setSentTo(address);
    } catch (failure) {
      setError(failure instanceof WidgetApiError ? failure.message : t.somethingWrong);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="fixed inset-0 z-20 flex items-end bg-black/30 text-slate-900 sm:items-center sm:justify-center" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} className="w-full space-y-3 rounded-t-2xl bg-white p-4 shadow-xl sm:max-w-sm sm:rounded-2xl" data-testid="transcript-dialog">
        <h2 id={`${id}-title`} className="text-sm font-semibold">{t.emailTranscript}</h2>
        {sentTo ? (
          <>
            <p role="status" className="text-sm text-emerald-800">{fillText(t.transcriptSent, { email: sentTo })}</p>
            <button type="button" onClick={onClose} className="w-full rounded-lg px-3 py-2 text-sm font-medium" style={{ background: config.color, color: config.textColor }}>
              {t.done}
            </button>
          </>
        ) : (
          <form noValidate onSubmit={submit} className="space-y-3">
            <p className="text-xs text-slate-600">{t.transcriptIntro}</p>
            <div>
              <label htmlFor={`${id}-email`} className="text-xs font-medium text-slate-700">{t.email}</label>
              <input
                ref={inputRef}
                id={`${id}-email`}
                type="email"
                autoComplete="email"
                maxLength={200}
                value={email}
                onChange={(e) => {
                  touched.current = true;
                  setEmail(e.target.value);
                }}
                aria-invalid={Boolean(error)}
                aria-describedby={error ? `${id}-error` : undefined}
                className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm focus:border-slate-400 focus:outline-none aria-[invalid=true]:border-red-500"
              />
              {error && <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-600">{error}</p>}
            </div>
            <div className="flex gap-2">
              <button type="button" onClick={onClose} className="flex-1 rounded-lg border border-slate-300 px-3 py-2 text-sm">
                {t.cancel}
              </button>
              <button type="submit" disabled={sending} className="flex-1 rounded-lg px-3 py-2 text-sm font-medium disabled:opacity-60" style={{ background: config.color, color: config.textColor }}>
                {sending ? t.sending : t.sendTranscript}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
