'use client';

import { lazy, Suspense, type RefObject } from 'react';
import { BookOpen } from 'lucide-react';
import type { WidgetConfig, WidgetMessageView } from '@/lib/widget/types';
import { fillText } from '@/lib/widget/i18n/fill';
import type { Choice, PendingMessage } from './message-bubble';
import { AgentAvatar, HeaderStatus, TeamPictures } from './widget-header-extras';
import { useWidgetText } from './strings';

// The bubbles load with the first message: a new visitor's first open shows only the greeting.
const MessageBubble = lazy(() => import('./message-bubble').then((m) => ({ default: m.MessageBubble })));
const PendingBubble = lazy(() => import('./message-bubble').then((m) => ({ default: m.PendingBubble })));

/** The shop's name in its colours, who the visitor is signed in as, and Close when framed. */
export function WidgetHeader({ config, signedInAs, onClose }: { config: WidgetConfig; signedInAs: string | null; onClose: (() => void) | null }) {
  const t = useWidgetText();
  return (
    <header className="flex shrink-0 items-center gap-3 px-4 py-3 shadow-sm" style={{ background: config.color, color: config.textColor }}>
      {config.agentDisplay === 'shop' && <AgentAvatar config={config} name={config.title} />}
      {config.agents.length > 0 && <TeamPictures agents={config.agents} />}
      <div className="min-w-0 flex-1">
        <h1 className="truncate text-base font-semibold">{config.title}</h1>
        <HeaderStatus config={config} />
        {signedInAs && <p className="truncate text-xs opacity-80">{fillText(t.signedInAs, { name: signedInAs })}</p>}
      </div>
      {config.helpCentreUrl && (
        <a
          href={config.helpCentreUrl}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={t.helpCentre}
          title={t.helpCentre}
          className="flex h-9 w-9 items-center justify-center rounded-full hover:bg-black/10"
        >
          <BookOpen className="h-5 w-5" aria-hidden="true" />
        </a>
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

function AgentTyping({ name }: { name: string }) {
  const t = useWidgetText();
  return (
    <p className="mt-3 flex items-center gap-2 px-1 text-xs text-slate-500" role="status" data-testid="agent-typing">
      <span className="flex gap-0.5" aria-hidden="true">
        <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-slate-400" />
        <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:150ms]" />
        <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:300ms]" />
      </span>
      {fillText(t.typing, { name })}
    </p>
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
        <div className="mb-3 text-center">
          <button type="button" onClick={older.load} disabled={older.loading} className="rounded-full bg-white px-3 py-1 text-xs text-slate-600 shadow-sm">
            {older.loading ? t.loading : t.loadEarlier}
          </button>
        </div>
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
      {agentTyping && <AgentTyping name={agentTyping} />}
    </div>
  );
}

/** Why the chat could not load, with Retry. */
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

/** The last reply's suggested answers, one tap each. */
export function QuickReplies({ replies, color, onChoice }: { replies: Choice[]; color: string; onChoice(choice: Choice): void }) {
  const t = useWidgetText();
  return (
    <div className="flex shrink-0 gap-2 overflow-x-auto px-3 pb-2" role="group" aria-label={t.suggestedReplies}>
      {replies.map((q, i) => (
        <button key={i} type="button" onClick={() => onChoice(q)} className="shrink-0 rounded-full border bg-white px-3 py-1.5 text-sm" style={{ borderColor: color }}>
          {q.title}
        </button>
      ))}
    </div>
  );
}
