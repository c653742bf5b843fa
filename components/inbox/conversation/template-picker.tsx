'use client';

import { useEffect, useId, useState, useTransition } from 'react';
import { listTemplatesAction, sendTemplateAction } from '@/app/w/[slug]/inbox/conversation-actions';
import type { TemplateOption } from '@/lib/composer/lookup';
import { renderTemplateBody } from '@/lib/composer/templates';

/**
 * "Send template message": the workspace's approved WhatsApp templates for this
 * conversation, with an input per parameter and a preview of what the customer reads.
 */
// Long: one form: the template, an input per parameter and the preview; most of it is markup.
export function TemplatePicker({
  workspaceId,
  conversationId,
  onClose,
  onSent,
}: {
  workspaceId: string;
  conversationId: string;
  onClose(): void;
  onSent(): void;
}) {
  const [templates, setTemplates] = useState<TemplateOption[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [params, setParams] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const baseId = useId();

  useEffect(() => {
    let live = true;
    void listTemplatesAction({ workspaceId, conversationId }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setTemplates(result.data);
        if (result.data.length === 1) setSelectedId(result.data[0].id);
      } else setLoadError(result.error);
    });
    return () => {
      live = false;
    };
  }, [workspaceId, conversationId]);

  const selected = templates?.find((t) => t.id === selectedId) ?? null;
  const values = selected ? Array.from({ length: selected.parameterCount }, (_, i) => params[i] ?? '') : [];
  const complete = selected !== null && values.every((v) => v.trim() !== '');

  const send = () => {
    if (!selected || !complete || pending) return;
    start(async () => {
      setError(null);
      const result = await sendTemplateAction({ workspaceId, conversationId, templateId: selected.id, parameters: values.map((v) => v.trim()) });
      if (result.ok) {
        setParams([]);
        onSent();
      } else setError(result.error);
    });
  };

  return (
    <section aria-label="Send template message" className="mb-2 rounded-md border border-emerald-200 bg-emerald-50/60 p-3">
      <div className="mb-2 flex items-center">
        <h3 className="text-sm font-semibold text-emerald-900">Send template message</h3>
        <button type="button" onClick={onClose} className="ml-auto text-xs text-slate-600 hover:underline">
          Cancel
        </button>
      </div>
      {loadError && <p role="alert" className="text-sm text-red-700">{loadError}</p>}
      {!templates && !loadError && <p className="text-sm text-slate-600">Loading templates…</p>}
      {templates && templates.length === 0 && (
        <p className="text-sm text-slate-700">No approved templates yet. An admin adds them under Settings → WhatsApp templates.</p>
      )}
      {templates && templates.length > 0 && (
        <fieldset>
          <legend className="sr-only">Template</legend>
          <div className="max-h-40 space-y-1 overflow-y-auto">
            {templates.map((t) => (
              <label key={t.id} className={`flex cursor-pointer items-start gap-2 rounded px-2 py-1 text-sm ${t.id === selectedId ? 'bg-white shadow-sm' : ''}`}>
                <input
                  type="radio"
                  name={`${baseId}-template`}
                  value={t.id}
                  checked={t.id === selectedId}
                  onChange={() => {
                    setSelectedId(t.id);
                    setParams([]);
                    setError(null);
                  }}
                  className="mt-1"
                />
                <span className="min-w-0">
                  <span className="font-medium">{t.name}</span> <span className="text-xs text-slate-500">{t.language} · {t.category.toLowerCase()}</span>
                  <span className="block truncate text-xs text-slate-600">{t.body}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {selected && (
        <div className="mt-2 space-y-2">
          {values.map((v, i) => (
            <label key={i} className="block text-xs text-slate-700">
              Parameter {`{{${i + 1}}}`}
              <input
                value={v}
                onChange={(e) => setParams((p) => {
                  const next = [...p];
                  next[i] = e.target.value;
                  return next;
                })}
                maxLength={1024}
                className="mt-0.5 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm"
              />
            </label>
          ))}
          <p className="rounded bg-white px-2 py-1.5 text-sm text-slate-800" aria-label="Preview">
            {renderTemplateBody(selected.body, values)}
          </p>
          {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
          <button
            type="button"
            onClick={send}
            disabled={!complete || pending}
            className="rounded-md bg-emerald-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-700 disabled:opacity-50"
          >
            {pending ? 'Sending…' : 'Send template'}
          </button>
        </div>
      )}
    </section>
  );
}
