'use client';

import { MonitorSmartphone } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { RealtimeClientConfig } from '@/lib/config';
import type { CobrowseSessionView } from '@/lib/cobrowse/protocol';
import { fillText } from '@/lib/widget/i18n/fill';
import type { WidgetConfig } from '@/lib/widget/types';
import type { WidgetApi } from './api';
import { postToParent } from './bridge';
import { useCobrowseLink } from './use-cobrowse-link';

/**
 * Co-browsing in the chat: the agent's request as a consent card (share or not), and once
 * shared, the live link to the page (use-cobrowse-link.ts) with a Stop in the chat too.
 * Asks the server whenever the visitor's channel says something changed (`changes`), and on
 * every page of the shop, so a new page resumes a running session.
 */
export function Cobrowse({
  config,
  api,
  realtime,
  parentOrigin,
  changes,
}: {
  config: WidgetConfig;
  api: WidgetApi;
  realtime: RealtimeClientConfig;
  parentOrigin: string | null;
  changes: number;
}) {
  const [session, setSession] = useState<CobrowseSessionView | null>(null);
  const [busy, setBusy] = useState(false);
  const t = config.strings;
  const name = session?.requestedBy ?? config.title;

  const refresh = useCallback(() => {
    api.cobrowse().then(
      (r) => setSession(r.session),
      () => {},
    );
  }, [api]);

  useEffect(() => {
    refresh();
  }, [refresh, changes]);

  useEffect(() => {
    // A request while the chat is closed or the tab hidden: the loader blinks the title.
    if (session?.status === 'requested') postToParent({ type: 'new-reply' }, parentOrigin);
  }, [session?.status, parentOrigin]);

  useCobrowseLink({ session, api, realtime, parentOrigin, texts: { viewing: fillText(t.cobrowseViewing, { name }), stop: t.cobrowseStop }, onChanged: refresh });

  if (!session) return null;
  const answer = (value: 'accept' | 'decline' | 'end') => {
    setBusy(true);
    api
      .answerCobrowse(session.id, value)
      .then((r) => setSession(r.session.status === 'requested' || r.session.status === 'active' ? r.session : null), refresh)
      .finally(() => setBusy(false));
  };

  if (session.status === 'active') {
    return (
      <div role="status" className="flex items-center gap-2 border-t border-slate-200 bg-white px-4 py-2 text-sm" data-testid="cobrowse-active">
        <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-full bg-red-500" />
        <span className="min-w-0 flex-1">{fillText(t.cobrowseViewing, { name })}</span>
        <button type="button" disabled={busy} onClick={() => answer('end')} className="min-h-9 rounded-full border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 disabled:opacity-60">
          {t.cobrowseStop}
        </button>
      </div>
    );
  }

  return (
    <section aria-labelledby="cobrowse-title" className="mx-3 mb-2 rounded-xl border border-slate-200 bg-white p-3 text-sm shadow-sm" data-testid="cobrowse-request">
      <h2 id="cobrowse-title" className="flex items-center gap-2 font-semibold">
        <MonitorSmartphone aria-hidden className="h-4 w-4" />
        {t.cobrowseTitle}
      </h2>
      <p className="mt-1 text-slate-600">{fillText(t.cobrowseAsk, { name })}</p>
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="button" disabled={busy} onClick={() => answer('accept')} className="min-h-9 rounded-full px-4 font-medium disabled:opacity-60" style={{ background: config.color, color: config.textColor }}>
          {t.cobrowseAllow}
        </button>
        <button type="button" disabled={busy} onClick={() => answer('decline')} className="min-h-9 rounded-full border border-slate-300 px-4 font-medium hover:bg-slate-100 disabled:opacity-60">
          {t.cobrowseDecline}
        </button>
      </div>
    </section>
  );
}
