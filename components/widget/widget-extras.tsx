'use client';

import { Bell } from 'lucide-react';
import { lazy, Suspense } from 'react';
import type { WidgetStrings } from '@/lib/widget/i18n/en';
import type { WidgetConfig } from '@/lib/widget/types';
import type { ConversationState } from './use-conversation-state';
import { useCsat } from './use-csat';
import { useFlowForm } from './use-flow-form';
import { useNewReplyAlert } from './use-new-reply-alert';
import { usePreChat } from './use-pre-chat';
import type { VisitorSession } from './use-visitor-session';

// Shown to some visitors, some of the time: loaded when first shown, so the chat's first
// open downloads none of them (bench/widget-weight.ts).
const PreChatFormView = lazy(() => import('./pre-chat-form').then((m) => ({ default: m.PreChatFormView })));
const CsatCard = lazy(() => import('./csat-card').then((m) => ({ default: m.CsatCard })));
const CsatThanks = lazy(() => import('./csat-card').then((m) => ({ default: m.CsatThanks })));
// Sounds are on until a visitor mutes them: the crossed-out bell loads then.
const BellOff = lazy(() => import('lucide-react/icons/bell-off'));

/** The pre-chat form, the rating card after a resolve, and the new-reply chime with its mute toggle. */
export function useWidgetExtras({
  session,
  state,
  page,
  parentOrigin,
  strings,
  refresh,
}: {
  session: VisitorSession;
  state: ConversationState;
  page: { open: boolean; visible: boolean };
  parentOrigin: string | null;
  /** The widget's texts: this hook runs above the widget's text provider. */
  strings: WidgetStrings;
  /** Loads what is new (the flow's next messages after its form). */
  refresh(): Promise<void>;
}) {
  const preChat = usePreChat(session, state);
  const csat = useCsat(session, state);
  const flowForm = useFlowForm(session, state, refresh);
  const alert = useNewReplyAlert({ messages: state.messages, loaded: state.phase === 'idle' || state.phase === 'ready', open: page.open, visible: page.visible, parentOrigin });
  const soundToggle = (
    <button
      type="button"
      aria-label={strings.soundToggle}
      aria-pressed={!alert.muted}
      title={alert.muted ? strings.soundsOff : strings.soundsOn}
      onClick={alert.toggleMuted}
      className="flex h-10 w-10 shrink-0 items-center justify-center rounded-full text-slate-500 hover:bg-slate-100"
    >
      {alert.muted ? (
        <Suspense fallback={<span className="h-5 w-5" />}>
          <BellOff aria-hidden="true" className="h-5 w-5" />
        </Suspense>
      ) : (
        <Bell aria-hidden="true" className="h-5 w-5" />
      )}
    </button>
  );
  return { preChat, csat, flowForm, soundToggle, onResolved: csat.onResolved };
}

/** Where the composer goes: the pre-chat form or a flow's form instead of it while asked; the rating card above it. */
export function WidgetExtras({ config, extras, children }: { config: WidgetConfig; extras: ReturnType<typeof useWidgetExtras>; children: React.ReactNode }) {
  const { preChat, csat, flowForm } = extras;
  if (preChat.show && preChat.form) {
    return (
      <Suspense fallback={null}>
        <PreChatFormView form={preChat.form} config={config} onSubmit={preChat.submit} />
      </Suspense>
    );
  }
  if (flowForm.form) {
    return (
      <Suspense fallback={null}>
        <PreChatFormView key={flowForm.form.key} form={flowForm.form.form} config={config} onSubmit={flowForm.submit} variant="flow" />
      </Suspense>
    );
  }
  return (
    <>
      <Suspense fallback={null}>
        {csat.offer && <CsatCard key={csat.offer.conversationId} config={config} onRate={csat.rate} />}
        {csat.thanked && !csat.offer && <CsatThanks />}
      </Suspense>
      {children}
    </>
  );
}
