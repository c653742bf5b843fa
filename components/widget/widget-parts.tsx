'use client';

import { lazy, Suspense, type RefObject } from 'react';
import type { WidgetConfig, WidgetMessageView } from '@/lib/widget/types';
import { fillText } from '@/lib/widget/i18n/fill';
import type { Choice, PendingMessage } from './message-bubble';
import { HeaderStatus } from './header-status';
import { useWidgetText } from './strings';

// The bubbles load with the first message: a new visitor's first open shows only the greeting.
const MessageBubble = lazy(() => import('./message-bubble').then((m) => ({ default: m.MessageBubble })));
const PendingBubble = lazy(() => import('./message-bubble').then((m) => ({ default: m.PendingBubble })));
// Only shops that sign with their logo or show their agents' pictures draw them.
const AgentAvatar = lazy(() => import('./widget-header-extras').then((m) => ({ default: m.AgentAvatar })));
const TeamPictures = lazy(() => import('./widget-header-extras').then((m) => ({ default: m.TeamPictures })));
// Only shops with published articles have a help centre to link to.
const HelpCentreLink = lazy(() => import('./help-centre-link').then((m) => ({ default: m.HelpCentreLink })));
// Shown once there is a conversation: an agent typing, earlier pages to load.
const AgentTyping = lazy(() => import('./widget-log-extras').then((m) => ({ default: m.AgentTyping })));
const LoadEarlier = lazy(() => import('./widget-log-extras').then((m) => ({ default: m.LoadEarlier })));

/** The shop's name in its colours, who the visitor is signed in as, its tools (the transcript's button), and Close when framed. */
export function WidgetHeader({ config, signedInAs, onClose, tools }: { config: WidgetConfig; signedInAs: string | null; onClose: (() => void) | null; tools?: React.ReactNode }) {
  const t = useWidgetText();
  return (
    <header className="flex shrink-0 items-center gap-3 px-4 py-3 shadow-sm" style={{ background: config.color, color: config.textColor }}>
      {(config.agentDisplay === 'shop' || config.agents.length > 0) && (
        <Suspense fallback={null}>
          {config.agentDisplay === 'shop' && <AgentAvatar config={config} name={config.title} />}
          {config.agents.length > 0 && <TeamPictures agents={config.agents} />}
        </Suspense>
      )}
      <div className="min-w-0 flex-1">
        <h1 className="truncate text-base font-semibold">{config.title}</h1>
        <HeaderStatus config={config} />
        {signedInAs && <p className="truncate text-xs opacity-80">{fillText(t.signedInAs, { name: signedInAs })}</p>}
      </div>
      {tools}
      {config.helpCentreUrl && (
        <Suspense fallback={null}>
          <HelpCentreLink url={config.helpCentreUrl} />
        </Suspense>
      )}
      {onClose && (
        <button type="button" aria-label={t.closeChat} onClick={onClose} className="flex h-9 w-9 items-center justify-center rounded-full hover:bg-black/10">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      )}
    </header>
  );
}

/** The conversation: the greeting, the messages, the visitor's pending ones, and its loading, empty and typing states. */
export function MessageLog({
  config,
  listRef,
  onScroll,
  older,
  messages,
  pending,
  loading,
  empty,
  agentTyping,
  onChoice,
  onRetry,
  lead,
  trail,
}: {
  /** Shown after the greeting: an action rule's message from the shop. */
  lead?: React.ReactNode;
  /** Shown after the messages: articles that may answer the visitor's question. */
  trail?: React.ReactNode;
  config: WidgetConfig;
  listRef: RefObject<HTMLDivElement | null>;
  onScroll(e: React.UIEvent<HTMLDivElement>): void;
  /** Earlier messages to load, when there are any. */
  older: { loading: boolean; load(): void } | null;
  messages: WidgetMessageView[];
  pending: PendingMessage[];
  loading: boolean;
  empty: boolean;
  agentTyping: string | null;
  onChoice(choice: Choice): void;
  onRetry(message: PendingMessage): void;
}) {
  const t = useWidgetText();
  return (
    <div ref={listRef} tabIndex={-1} className="min-h-0 flex-1 overflow-y-auto px-3 py-4 focus:outline-none" onScroll={onScroll}>
      {older && (
        <Suspense fallback={null}>
          <LoadEarlier older={older} />
        </Suspense>
      )}
      <ol role="log" aria-live="polite" aria-label={t.messages} className="flex flex-col gap-3">
        <li className="flex flex-col items-start" data-testid="widget-greeting">
          <span className="mb-0.5 px-1 text-xs text-slate-500">{config.title}</span>
          <div className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-bl-sm bg-white px-3 py-2 text-sm text-slate-900 shadow-sm">{config.greeting}</div>
        </li>
        {lead}
        <Suspense fallback={null}>
          {messages.map((m) => (
            <MessageBubble key={m.id} message={m} config={config} onChoice={onChoice} />
          ))}
          {pending.map((p) => (
            <PendingBubble key={p.clientId} message={p} config={config} onRetry={() => onRetry(p)} />
          ))}
        </Suspense>
        {trail}
      </ol>
      {loading && (
        <p role="status" className="mt-4 flex items-center justify-center gap-2 text-sm text-slate-500">
          <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600" aria-hidden="true" />
          {t.loadingConversation}
        </p>
      )}
      {empty && <p className="mt-4 text-center text-xs text-slate-500">{t.emptyHint}</p>}
      {agentTyping && (
        <Suspense fallback={null}>
          <AgentTyping name={agentTyping} />
        </Suspense>
      )}
    </div>
  );
}

/** Why the chat could not load, with Retry (in the first load: it shows when the network fails). */
export function ErrorBar({ problem, onRetry }: { problem: string | null; onRetry(): void }) {
  const t = useWidgetText();
  return (
    <div role="alert" className="flex items-center gap-2 border-t border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
      <span className="min-w-0 flex-1">{problem ?? t.couldNotLoad}</span>
      <button type="button" className="font-medium underline" onClick={onRetry}>
        {t.retry}
      </button>
    </div>
  );
}
