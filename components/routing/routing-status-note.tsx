'use client';

import { Clock, UsersRound } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { routingStatusAction } from '@/app/w/[slug]/actions/routing-status';
import { useChannelEvents } from '@/components/realtime/realtime-provider';
import { realtimeChannels } from '@/lib/realtime/channels';
import type { RoutingStatus } from '@/lib/routing/routing-status';
import { describeObstacle, type WaitingExplanation } from '@/lib/routing/waiting-reason';

/** A burst of changes (an assignment publishes several, a busy inbox many) is read once, this long after the first. */
const REFRESH_DELAY_MS = 1_500;
/** Presence has no event when a tab is closed uncleanly until the server notices: re-read now and then. */
const REFRESH_EVERY_MS = 30_000;

/**
 * Keeps a routing status current: re-read when what it depends on changes (assignments and
 * requests on the workspace channel, availability and capacity, the routing mode, who is
 * online), at most once per burst, and every half minute.
 */
function useRoutingStatus(workspaceId: string, initial: RoutingStatus, query: { conversationId?: string; automaticOnly?: boolean }): RoutingStatus {
  const { conversationId, automaticOnly } = query;
  const [status, setStatus] = useState(initial);
  const scheduled = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(0);
  useEffect(() => setStatus(initial), [initial]);

  const refresh = useCallback(() => {
    if (scheduled.current) return;
    scheduled.current = setTimeout(async () => {
      scheduled.current = null;
      const request = ++latest.current;
      const result = await routingStatusAction({ workspaceId, ...(conversationId ? { conversationId } : {}), ...(automaticOnly ? { automaticOnly } : {}) });
      if (result.ok && request === latest.current) setStatus(result.data);
    }, REFRESH_DELAY_MS);
  }, [workspaceId, conversationId, automaticOnly]);

  useChannelEvents(realtimeChannels.workspace(workspaceId), ['conversation.created', 'conversation.updated', 'member.updated', 'workspace.updated'], refresh);
  useChannelEvents(realtimeChannels.workspacePresence(workspaceId), ['pusher:subscription_succeeded', 'pusher:member_added', 'pusher:member_removed'], refresh);
  useEffect(() => {
    const timer = setInterval(refresh, REFRESH_EVERY_MS);
    return () => {
      clearInterval(timer);
      if (scheduled.current) clearTimeout(scheduled.current);
      scheduled.current = null;
    };
  }, [refresh]);
  return status;
}

function AgentList({ explanation }: { explanation: WaitingExplanation }) {
  if (explanation.agents.length === 0) return null;
  return <p className="text-xs text-amber-800">{explanation.agents.map(describeObstacle).join(' · ')}</p>;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Why requests wait, under automatic routing. `requests`: above the Requests list, when
 * some request nobody can take now waits. `conversation`: in a waiting conversation.
 * Nothing in manual mode, where agents take requests themselves.
 */
export function WaitingNote({
  workspaceId,
  conversationId,
  initial,
}: {
  workspaceId: string;
  /** The conversation shown; none for the Requests list. */
  conversationId?: string;
  initial: RoutingStatus;
}) {
  const status = useRoutingStatus(workspaceId, initial, { conversationId, automaticOnly: true });
  const explanation = conversationId ? status.conversation?.explanation : status.stuck.explanation;
  const show = status.mode === 'automatic' && Boolean(explanation) && (conversationId ? true : status.stuck.count > 0);
  return (
    <div role="status" aria-label="Why requests wait" aria-live="polite">
      {show && explanation && (
        <div className="flex items-start gap-2 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          <Clock className="mt-0.5 size-4 shrink-0" aria-hidden />
          <div className="min-w-0">
            <p className="font-medium">{explanation.headline}</p>
            <p className="text-xs text-amber-800">
              {conversationId
                ? 'This request waits until an agent is online, available and under capacity.'
                : `${plural(status.stuck.count, 'request waits', 'requests wait')} until an agent is online, available and under capacity.`}
            </p>
            <AgentList explanation={explanation} />
          </div>
        </div>
      )}
    </div>
  );
}

/** Settings → General, under the routing mode: who takes new requests now, or why nobody does. */
export function RoutingStatusPanel({ workspaceId, initial }: { workspaceId: string; initial: RoutingStatus }) {
  const status = useRoutingStatus(workspaceId, initial, {});
  const automatic = status.mode === 'automatic';
  return (
    <div role="status" aria-label="Routing right now" aria-live="polite" className="mt-3 rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm">
      {status.general ? (
        <div className="flex items-start gap-2">
          <Clock className="mt-0.5 size-4 shrink-0 text-amber-700" aria-hidden />
          <div className="min-w-0 space-y-1">
            <p className="font-medium text-amber-900">{status.general.headline}</p>
            <p className="text-xs text-slate-600">
              {automatic
                ? status.waiting > 0
                  ? `${plural(status.waiting, 'request waits', 'requests wait')} in Requests until an agent is online, available and under capacity.`
                  : 'New requests will wait in Requests until an agent is online, available and under capacity.'
                : 'With automatic routing, new requests would wait in Requests until an agent is online, available and under capacity.'}
            </p>
            {status.general.agents.length > 0 && (
              <ul className="text-xs text-slate-600">
                {status.general.agents.map((a) => (
                  <li key={a.name}>{describeObstacle(a)}</li>
                ))}
              </ul>
            )}
          </div>
        </div>
      ) : (
        <div className="flex items-start gap-2">
          <UsersRound className="mt-0.5 size-4 shrink-0 text-emerald-700" aria-hidden />
          <p>
            {automatic ? 'New requests go to ' : 'With automatic routing, new requests would go to '}
            {status.withRoom.map((a) => `${a.name} (${a.open}/${a.capacity})`).join(', ')}.
          </p>
        </div>
      )}
    </div>
  );
}
