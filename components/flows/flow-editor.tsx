'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useRef, useState, useTransition } from 'react';
import type { OutboundMessage } from '@/channels/types';
import { JsonPanel, parseDraft } from '@/components/flows/json-panel';
import { problemsByStep, type Draft } from '@/components/flows/model';
import type { BuilderOptions } from '@/components/flows/step-form';
import { StepList } from '@/components/flows/step-list';
import { inputClass, SecondaryButton, SubmitButton } from '@/components/ui/form-kit';
import { validateDefinition } from '@/lib/flows/definition';
import { checkPattern } from '@/lib/flows/triggers';
import { previewFlowAction, saveFlowAction } from '@/app/w/[slug]/settings/flows/actions';

export type EditableFlow = {
  id?: string;
  name: string;
  kind: 'custom' | 'product' | 'collection';
  enabled: boolean;
  welcomeChannels: string[];
  keywords: string;
  payloads: string;
  patterns: string;
  definition: string;
};

const CHANNELS = [
  ['facebook', 'Messenger'],
  ['instagram', 'Instagram'],
  ['whatsapp', 'WhatsApp'],
  ['line', 'LINE'],
  ['x', 'X'],
  ['apple', 'Apple Messages'],
  ['web', 'Website chat'],
] as const;

const TABS = [
  ['builder', 'Steps'],
  ['json', 'Advanced (JSON)'],
] as const;
type Tab = (typeof TABS)[number][0];

/**
 * Flow settings, triggers and the steps in a visual builder (JSON import/export under
 * "Advanced"), checked as you edit with the same validation as the save, and a preview chat.
 */
// Long: the settings, triggers, steps, JSON panel and preview all edit one draft that is validated and saved together.
export function FlowEditor({ workspaceId, slug, initial, options }: { workspaceId: string; slug: string; initial: EditableFlow; options: BuilderOptions }) {
  const router = useRouter();
  const { definition: initialDefinition, ...initialSettings } = initial;
  const [flow, setFlow] = useState(initialSettings);
  const parsedInitial = useMemo(() => parseDraft(initialDefinition), [initialDefinition]);
  const [draft, setDraft] = useState<Draft>(parsedInitial.ok ? parsedInitial.draft : { start: '', steps: [] });
  const [tab, setTab] = useState<Tab>(parsedInitial.ok ? 'builder' : 'json');
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const set = <K extends keyof typeof flow>(key: K, value: (typeof flow)[K]) => setFlow((f) => ({ ...f, [key]: value }));
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const definition = useMemo(() => JSON.stringify(draft), [draft]);
  const validation = useMemo(() => validateDefinition(draft), [draft]);
  // The save-time check runs here as you edit; what the server still refuses (for this very
  // draft) is shown the same way, next to the steps.
  const [serverErrors, setServerErrors] = useState<{ draft: Draft; errors: string[] } | null>(null);
  const errors = useMemo(() => (validation.ok ? (serverErrors?.draft === draft ? serverErrors.errors : []) : validation.errors), [validation, serverErrors, draft]);
  const problems = useMemo(() => problemsByStep(draft, errors), [draft, errors]);
  const problemCount = errors.length;
  const patternProblems = flow.patterns
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap((p) => {
      const error = checkPattern(p);
      return error ? [`${p}: ${error}`] : [];
    });

  const save = (event: React.FormEvent) => {
    event.preventDefault();
    if (problemCount > 0) {
      setMessage({ ok: false, text: `Fix the ${problemCount === 1 ? 'problem' : `${problemCount} problems`} shown next to the steps before publishing.` });
      setTab('builder');
      return;
    }
    start(async () => {
      const result = await saveFlowAction({ workspaceId, ...flow, definition });
      if (!result.ok) {
        const stepErrors = result.fieldErrors?.definition;
        if (stepErrors?.length) setServerErrors({ draft, errors: stepErrors });
        setMessage({ ok: false, text: stepErrors?.length ? 'This flow cannot be published yet: see the problems next to the steps.' : result.error });
        return;
      }
      setServerErrors(null);
      setMessage({ ok: true, text: `Published version ${result.data.version}.` });
      if (!flow.id) router.replace(`/w/${slug}/settings/flows/${result.data.id}`);
      else router.refresh();
    });
  };

  const onTabKey = (event: React.KeyboardEvent, index: number) => {
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = (index + delta + TABS.length) % TABS.length;
    setTab(TABS[next]![0]);
    tabRefs.current[next]?.focus();
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <form onSubmit={save} aria-label="Flow" className="min-w-0 space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
        <div className="grid gap-4 sm:grid-cols-2">
          <label className="block text-sm font-medium">
            Name
            <input className={inputClass} value={flow.name} onChange={(e) => set('name', e.target.value)} required maxLength={80} />
          </label>
          <label className="block text-sm font-medium">
            Kind
            <select className={inputClass} value={flow.kind} onChange={(e) => set('kind', e.target.value as EditableFlow['kind'])}>
              <option value="custom">Custom</option>
              <option value="product">Product checkout</option>
              <option value="collection">Collection checkout</option>
            </select>
          </label>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={flow.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Enabled
        </label>
        <fieldset className="space-y-3 rounded-lg border border-slate-200 p-3">
          <legend className="px-1 text-sm font-semibold">Triggers</legend>
          <fieldset className="text-sm">
            <legend className="font-medium">Welcome flow for new conversations on</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {CHANNELS.map(([kind, label]) => (
                <label key={kind} className="flex items-center gap-1">
                  <input
                    type="checkbox"
                    checked={flow.welcomeChannels.includes(kind)}
                    onChange={(e) => set('welcomeChannels', e.target.checked ? [...flow.welcomeChannels, kind] : flow.welcomeChannels.filter((k) => k !== kind))}
                  />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <label className="block text-sm font-medium">
              Keywords <span className="font-normal text-slate-500">(comma-separated)</span>
              <input className={inputClass} value={flow.keywords} onChange={(e) => set('keywords', e.target.value)} placeholder="sale, promo" />
            </label>
            <label className="block text-sm font-medium">
              Button payloads <span className="font-normal text-slate-500">(BUY:* for a prefix)</span>
              <input className={inputClass} value={flow.payloads} onChange={(e) => set('payloads', e.target.value)} placeholder="BUY:*" />
            </label>
          </div>
          <label className="block text-sm font-medium">
            Patterns <span className="font-normal text-slate-500">(regular expressions, one a line)</span>
            <textarea
              className={`${inputClass} font-mono`}
              rows={2}
              value={flow.patterns}
              onChange={(e) => set('patterns', e.target.value)}
              aria-invalid={patternProblems.length > 0}
              aria-describedby={patternProblems.length ? 'flow-pattern-problems' : undefined}
            />
          </label>
          {patternProblems.length > 0 && (
            <ul id="flow-pattern-problems" className="list-disc pl-5 text-sm text-red-700">
              {patternProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </fieldset>

        <div role="tablist" aria-label="Edit the steps" className="flex gap-1 border-b border-slate-200">
          {TABS.map(([id, label], i) => (
            <button
              key={id}
              ref={(el) => {
                tabRefs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`flow-tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`flow-panel-${id}`}
              tabIndex={tab === id ? 0 : -1}
              onClick={() => setTab(id)}
              onKeyDown={(e) => onTabKey(e, i)}
              className={`-mb-px rounded-t-md border px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-600 ${tab === id ? 'border-slate-200 border-b-white bg-white text-slate-900' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
            >
              {label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`flow-panel-${tab}`} aria-labelledby={`flow-tab-${tab}`}>
          {tab === 'builder' ? (
            <StepList draft={draft} onChange={setDraft} problems={problems} options={options} />
          ) : (
            <JsonPanel draft={draft} onApply={setDraft} fileName={flow.name} />
          )}
        </div>

        <div id="flow-problems" role="status" className="text-sm">
          {problemCount === 0 ? (
            <p className="text-emerald-700">The flow is valid.</p>
          ) : (
            <>
              <p className="text-red-700">
                {problemCount === 1 ? 'One problem' : `${problemCount} problems`} to fix before publishing{problems.byStep.size ? ' (shown next to the steps)' : ''}.
              </p>
              {problems.general.length > 0 && (
                <ul className="list-disc pl-5 text-red-700">
                  {problems.general.slice(0, 8).map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={pending} pendingText="Publishing…">
            Publish
          </SubmitButton>
          {message && (
            <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'text-sm text-emerald-700' : 'text-sm text-red-600'}>
              {message.text}
            </p>
          )}
        </div>
      </form>
      <PreviewChat workspaceId={workspaceId} definition={definition} disabled={problemCount > 0} />
    </div>
  );
}

type Line = { from: 'bot' | 'me' | 'system'; message: OutboundMessage };

/** Try the flow: the engine runs on the server against the catalogue; nothing is stored or sent. */
function PreviewChat({ workspaceId, definition, disabled }: { workspaceId: string; definition: string; disabled: boolean }) {
  const [lines, setLines] = useState<Line[]>([]);
  const [state, setState] = useState<unknown>(null);
  const [text, setText] = useState('');
  const [pending, start] = useTransition();

  const send = (input: { text: string; payload?: string } | null) =>
    start(async () => {
      if (input) setLines((l) => [...l, { from: 'me', message: { kind: 'text', text: input.text } }]);
      const result = await previewFlowAction({ workspaceId, definition, state: input ? state : null, text: input?.text ?? '', payload: input?.payload });
      if (!result.ok) {
        setLines((l) => [...l, { from: 'system', message: { kind: 'text', text: result.error } }]);
        return;
      }
      const { outputs, notes, outcome } = result.data;
      const end: Line[] =
        outcome.kind === 'waiting' || outcome.kind === 'ignored' ? [] : [{ from: 'system', message: { kind: 'text', text: outcome.kind === 'error' ? `Runtime error: ${outcome.message} → Requests` : `Flow: ${outcome.kind.replace('_', ' ')}` } }];
      // What a real run would change (nothing is stored): a system line each, like the outcome.
      const changes = notes.map((text): Line => ({ from: 'system', message: { kind: 'text', text } }));
      setLines((l) => [...(input ? l : []), ...outputs.map((m) => ({ from: 'bot' as const, message: m })), ...changes, ...end]);
      setState(outcome.kind === 'waiting' ? result.data.state : null);
    });

  const last = [...lines].reverse().find((l) => l.from === 'bot')?.message;
  const choices = state && last?.kind === 'text' ? [...(last.quickReplies ?? []), ...((last.buttons ?? []).filter((b: { title: string }) => 'payload' in b) as { title: string; payload: string }[])] : [];

  return (
    <aside aria-label="Preview" className="flex h-[36rem] flex-col rounded-xl border border-slate-200 bg-slate-50">
      <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
        <h2 className="text-sm font-semibold">Try the flow</h2>
        <SecondaryButton type="button" disabled={disabled || pending} onClick={() => send(null)}>
          {lines.length ? 'Restart' : 'Start'}
        </SecondaryButton>
      </div>
      <ol className="flex-1 space-y-2 overflow-y-auto p-3 text-sm">
        {lines.map((line, i) => (
          <li key={i} className={line.from === 'me' ? 'text-right' : line.from === 'system' ? 'text-center text-xs text-slate-500' : ''}>
            <span className={`inline-block max-w-[85%] whitespace-pre-wrap rounded-lg px-2 py-1 text-left ${line.from === 'me' ? 'bg-brand-600 text-white' : line.from === 'bot' ? 'bg-white shadow-sm' : ''}`}>
              {describe(line.message)}
            </span>
          </li>
        ))}
      </ol>
      {choices.length > 0 && (
        <div className="flex flex-wrap gap-1 px-3 pb-2">
          {choices.map((c) => (
            <button key={c.payload + c.title} type="button" disabled={pending} onClick={() => send({ text: c.title, payload: c.payload })} className="rounded-full border border-brand-600 px-2 py-0.5 text-xs text-brand-700">
              {c.title}
            </button>
          ))}
        </div>
      )}
      <form
        className="flex gap-2 border-t border-slate-200 p-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim() || !state) return;
          send({ text });
          setText('');
        }}
      >
        <input className={`${inputClass} mt-0`} aria-label="Message the bot" value={text} onChange={(e) => setText(e.target.value)} disabled={!state || pending} placeholder={state ? 'Type an answer…' : 'Start the preview'} />
      </form>
    </aside>
  );
}

function describe(m: OutboundMessage): string {
  switch (m.kind) {
    case 'text':
      return m.text;
    case 'media':
      return `[${m.mediaKind}] ${m.caption ?? m.name ?? m.url}`;
    case 'product':
      return `[product] ${m.product.name}${m.product.price ? ` · ${m.product.price}` : ''}${m.product.buyPayload ? ' [Buy]' : ''}`;
    case 'article':
      return `[article] ${m.article.title}`;
    default:
      return `[${m.kind}]`;
  }
}
