'use client';

import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import type { CallSignal } from './widget-call';
import type { RealtimeClientConfig } from '@/lib/config';
import type { WidgetConfig } from '@/lib/widget/types';
import { postToParent } from './bridge';
import { Composer } from './composer';
import { WidgetTextProvider } from './strings';
import { WidgetExtras, useWidgetExtras } from './widget-extras';
import { useConversationState } from './use-conversation-state';
import { useHistory } from './use-history';
import { useParentPage } from './use-parent-page';
import { useProactive } from './use-proactive';
import { useScrollAnchor } from './use-scroll-anchor';
import { useSending } from './use-sending';
import { useVisitorSession } from './use-visitor-session';
import { ErrorBar, MessageLog, WidgetHeader } from './widget-parts';

// Only while nobody can answer (then rendered on the server, its script loaded with the page).
// Suggestions follow the visitor's first message: their lookup and cards load with it.
const ArticleSuggestions = lazy(() => import('./article-suggestions-list').then((m) => ({ default: m.ArticleSuggestions })));
const OfflineForm = lazy(() => import('./offline-form').then((m) => ({ default: m.OfflineForm })));
// Offered once there is a conversation to send: a first open never loads it.
// Listening for replies starts once there is a visitor (a new one's first open has none).
const VisitorChannel = lazy(() => import('./use-visitor-channel').then((m) => ({ default: m.VisitorChannel })));
// Unread, delivered and read concern messages: none on a new visitor's first open.
const ReadMarks = lazy(() => import('./use-read-marks').then((m) => ({ default: m.ReadMarks })));
// An action rule's message, a reply's suggested answers: only some conversations show them.
const ProactiveMessage = lazy(() => import('./proactive-message').then((m) => ({ default: m.ProactiveMessage })));
const QuickReplies = lazy(() => import('./widget-log-extras').then((m) => ({ default: m.QuickReplies })));
const WidgetCall = lazy(() => import('./widget-call').then((m) => ({ default: m.WidgetCall })));
const Cobrowse = lazy(() => import('./cobrowse').then((m) => ({ default: m.Cobrowse })));
const TranscriptEmail = lazy(() => import('./transcript-email').then((m) => ({ default: m.TranscriptEmail })));

/**
 * The chat inside the widget iframe (or standalone at /widget/{token}). Keeps the visitor's
 * token in localStorage, loads the history, sends messages idempotently, and listens on
 * private-visitor-{identityId} for replies and typing. Each of those is a hook of its own;
 * this puts them together and lays the chat out.
 */
export function WidgetApp({ config, realtime, parentOrigin }: { config: WidgetConfig; realtime: RealtimeClientConfig; parentOrigin: string | null }) {
  const state = useConversationState();
  const session = useVisitorSession({ channelToken: config.token, parentOrigin, state, strings: config.strings });
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const page = useParentPage({ parentOrigin, session, state, listRef, inputRef });
  const scroll = useScrollAnchor(listRef, { messages: state.messages, pending: state.pending, agentTyping: state.agentTyping, open: page.open });
  const history = useHistory({ session, state, keepScrollPosition: scroll.keepPosition, strings: config.strings });
  const sending = useSending({ session, state, onQueued: scroll.stick });
  const extras = useWidgetExtras({ session, state, page, parentOrigin, strings: config.strings, refresh: history.refresh });
  const proactive = useProactive(parentOrigin);
  const [callSignal, setCallSignal] = useState<CallSignal | null>(null);
  // Stable: the visitor channel reconnects when its handlers change.
  const onCall = useCallback((event: CallSignal['event'], data: unknown) => setCallSignal({ event, data }), []);
  const [cobrowseChanges, setCobrowseChanges] = useState(0);
  const cobrowseChanged = useCallback(() => setCobrowseChanges((n) => n + 1), []);

  const { phase, messages, pending } = state;
  const last = messages[messages.length - 1];
  const quickReplies = last && last.from !== 'visitor' && pending.length === 0 ? last.quickReplies : [];
  // Articles are suggested until an agent answers, from the visitor's first text.
  const suggest = messages.some((m) => m.from === 'visitor' && m.text) && !messages.some((m) => m.from === 'agent');

  // Nobody can answer now and the shop asked for a form: email and message, answered later.
  const offlineForm = !config.available && config.offlineMode === 'form';

  return (
    <WidgetTextProvider value={config.strings}>
    <div className="flex h-dvh min-w-0 flex-col bg-slate-50 text-slate-900" data-testid="baton-widget" data-widget-theme={config.theme}>
      <WidgetHeader
        config={config}
        signedInAs={session.visitor?.verified ? session.visitor.name : null}
        onClose={page.framed ? () => postToParent({ type: 'close' }, parentOrigin) : null}
        tools={
          config.transcriptEmail && session.visitor && messages.length > 0 ? (
            <Suspense fallback={null}>
              <TranscriptEmail config={config} api={session.api} knownEmail={session.visitor.email} />
            </Suspense>
          ) : null
        }
      />
      {config.calls && session.visitor && (
        <Suspense fallback={null}>
          <WidgetCall api={session.api} realtime={realtime} parentOrigin={parentOrigin} signal={callSignal} />
        </Suspense>
      )}
      {config.recording && (
        <p className="border-b border-slate-200 bg-white px-4 py-1.5 text-xs text-slate-600" data-testid="recording-notice">
          {config.strings.recordingNotice}
          {config.recording.shopNotice && ` ${config.recording.shopNotice}`}
        </p>
      )}
      <MessageLog
        config={config}
        listRef={listRef}
        onScroll={scroll.onScroll}
        older={state.olderCursor ? { loading: history.loadingOlder, load: () => void history.loadOlder() } : null}
        messages={messages}
        pending={pending}
        loading={phase === 'starting' || phase === 'loading'}
        empty={phase === 'idle' && messages.length === 0 && pending.length === 0}
        agentTyping={state.agentTyping}
        onChoice={sending.sendChoice}
        onRetry={(p) => void sending.deliver(p)}
        lead={
          proactive.text && (
            <Suspense fallback={null}>
              <ProactiveMessage title={config.title} text={proactive.text} />
            </Suspense>
          )
        }
        trail={
          suggest ? (
            <Suspense fallback={null}>
              <ArticleSuggestions api={session.api} messages={messages} language={config.language} />
            </Suspense>
          ) : null
        }
      />
      {phase === 'error' && <ErrorBar problem={state.problem} onRetry={history.retry} />}
      {quickReplies.length > 0 && (
        <Suspense fallback={null}>
          <QuickReplies replies={quickReplies} color={config.color} onChoice={sending.sendChoice} />
        </Suspense>
      )}
      {messages.length > 0 && (
        <Suspense fallback={null}>
          <ReadMarks api={session.api} session={session} state={state} open={page.open} visible={page.visible} parentOrigin={parentOrigin} />
        </Suspense>
      )}
      {session.visitor && (
        <Suspense fallback={null}>
          <VisitorChannel realtime={realtime} api={session.api} visitor={session.visitor} refresh={history.refresh} shopName={config.title} setAgentTyping={state.setAgentTyping} onResolved={extras.onResolved} onCall={config.calls ? onCall : undefined} onCobrowse={cobrowseChanged} />
        </Suspense>
      )}
      {session.visitor && config.cobrowse && (
        <Suspense fallback={null}>
          <Cobrowse config={config} api={session.api} realtime={realtime} parentOrigin={parentOrigin} changes={cobrowseChanges} />
        </Suspense>
      )}
      {offlineForm ? (
        <Suspense fallback={null}>
          <OfflineForm config={config} session={session} state={state} />
        </Suspense>
      ) : (
        <WidgetExtras config={config} extras={extras}>
          {/* Disabled until hydrated, so nothing typed before React takes over is lost. */}
          <Composer config={config} disabled={phase === 'starting'} onSend={sending.sendText} onFile={sending.sendFile} onTyping={sending.onTyping} inputRef={inputRef} tools={extras.soundToggle} />
        </WidgetExtras>
      )}
    </div>
    </WidgetTextProvider>
  );
}
