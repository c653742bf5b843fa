'use client';

import { Eye, MonitorSmartphone, X } from 'lucide-react';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { Channel } from 'pusher-js';
import { cobrowseStateAction, endCobrowseAction, requestCobrowseAction } from '@/app/w/[slug]/inbox/cobrowse-actions';
import { useRealtime } from '@/components/realtime/realtime-provider';
import { holdChannel } from '@/components/realtime/shared-channel';
import type { AgentCobrowseState } from '@/lib/cobrowse/agent';
import { cobrowseEvents, type CobrowseSessionView } from '@/lib/cobrowse/protocol';
import { realtimeChannels } from '@/lib/realtime/channels';

// The mirror (rrweb's replayer, ≈ 60 KB gzipped) loads when a session starts, not with the inbox.
const CobrowseMirror = lazy(() => import('./cobrowse-mirror'));

const button =
  'flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-50 max-md:min-h-11';

function endedText(session: CobrowseSessionView): string {
  if (session.status === 'declined') return 'The customer declined co-browsing.';
  return session.endedBy === 'customer' ? 'Co-browsing ended by the customer.' : 'Co-browsing ended.';
}

/**
 * "Ask for co-browsing" in a website conversation's composer (only where the channel offers
 * it): then waiting for the customer (Cancel), and once they accept, their page live in the
 * mirror (opened at once, reopened with "View page"). Follows the session on the
 * conversation's assist channel, which the mirror shares.
 */
// Long: the control's states (offered, waiting, live, ended) with the channel they follow and the mirror they open.
export function CobrowseControl({ workspaceId, conversationId }: { workspaceId: string; conversationId: string }) {
  const pusher = useRealtime();
  const [state, setState] = useState<AgentCobrowseState | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [channel, setChannel] = useState<Channel | null>(null);
  const [mirrorOpen, setMirrorOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const enabled = state?.enabled ?? false;

  useEffect(() => {
    let live = true;
    void cobrowseStateAction({ workspaceId, conversationId }).then((r) => {
      if (live && r.ok) setState(r.data);
    });
    return () => {
      live = false;
    };
  }, [workspaceId, conversationId]);

  const onChanged = useCallback((data: unknown) => {
    const session = data as CobrowseSessionView | null;
    if (!session || typeof session.status !== 'string') return;
    if (session.status === 'requested' || session.status === 'active') {
      setNote(null);
      setState((s) => (s ? { ...s, session: { ...session, requestedBy: s.session?.requestedBy ?? null } } : s));
      if (session.status === 'active') setMirrorOpen(true);
    } else {
      setNote(endedText(session));
      setState((s) => (s ? { ...s, session: null } : s));
      setMirrorOpen(false);
    }
  }, []);

  useEffect(() => {
    if (!pusher || !enabled) return;
    const held = holdChannel(pusher, realtimeChannels.assist(conversationId));
    held.channel.bind(cobrowseEvents.changed, onChanged);
    setChannel(held.channel);
    return () => {
      held.channel.unbind(cobrowseEvents.changed, onChanged);
      held.release();
      setChannel(null);
    };
  }, [pusher, enabled, conversationId, onChanged]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (mirrorOpen && !d.open) d.showModal();
    if (!mirrorOpen && d.open) d.close();
  }, [mirrorOpen]);

  if (!state?.enabled) return null;
  const session = state.session;

  const run = async (action: typeof requestCobrowseAction | typeof endCobrowseAction) => {
    setPending(true);
    setNote(null);
    const result = await action({ workspaceId, conversationId });
    setPending(false);
    if (!result.ok) return setNote(result.error);
    if ('status' in result.data) setState((s) => (s ? { ...s, session: result.data as CobrowseSessionView } : s));
    else setState((s) => (s ? { ...s, session: null } : s));
  };

  return (
    <>
      {!session && (
        <button type="button" className={button} disabled={pending} onClick={() => void run(requestCobrowseAction)}>
          <MonitorSmartphone aria-hidden className="h-4 w-4" />
          Ask for co-browsing
        </button>
      )}
      {session?.status === 'requested' && (
        <span className="flex items-center gap-2 text-sm text-slate-600">
          <span role="status">Waiting for the customer to share their page…</span>
          <button type="button" className={button} disabled={pending} onClick={() => void run(endCobrowseAction)}>
            <X aria-hidden className="h-4 w-4" />
            Cancel request
          </button>
        </span>
      )}
      {session?.status === 'active' && (
        <button type="button" className={button} onClick={() => setMirrorOpen(true)}>
          <Eye aria-hidden className="h-4 w-4" />
          View customer’s page
        </button>
      )}
      {note && (
        <span role="status" className="text-sm text-slate-600">
          {note}
        </span>
      )}
      <dialog
        ref={dialog}
        aria-label="Customer’s page"
        onClose={() => setMirrorOpen(false)}
        className="m-auto h-[90dvh] w-[calc(100%-1rem)] max-w-6xl rounded-xl p-0 shadow-xl backdrop:bg-slate-900/50"
      >
        {mirrorOpen && session?.status === 'active' && channel && (
          <Suspense fallback={<p className="p-6 text-sm text-slate-500">Loading the customer’s page…</p>}>
            <CobrowseMirror
              workspaceId={workspaceId}
              session={session}
              channel={channel}
              onClose={() => setMirrorOpen(false)}
              onStop={() => void run(endCobrowseAction).then(() => setMirrorOpen(false))}
            />
          </Suspense>
        )}
      </dialog>
    </>
  );
}
