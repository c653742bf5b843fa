'use client';

import { useEffect, useRef, useState } from 'react';
import { useRealtime } from '@/components/realtime/realtime-provider';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

const EVENTS = ['conversation.created', 'conversation.updated'] as const;

/**
 * The customer list's realtime feed: list-row events from `private-workspace-{id}`, and
 * the connection's health. `onResync` runs whenever the channel is (re)subscribed after
 * the connection was lost (and on the first subscription), so the list can refetch what
 * it may have missed. While the connection is down the status is `reconnecting`.
 */
export function useInboxLiveUpdates(
  channelName: string,
  handlers: { onEvent: (name: (typeof EVENTS)[number], data: unknown) => void; onResync: (first: boolean) => void },
): LiveStatus {
  const pusher = useRealtime();
  const ref = useRef(handlers);
  ref.current = handlers;
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    if (!pusher) return;
    const channel = pusher.subscribe(channelName);
    const bound = EVENTS.map((name) => {
      const fn = (data: unknown) => ref.current.onEvent(name, data);
      channel.bind(name, fn);
      return [name, fn] as const;
    });

    let subscriptions = 0;
    let fallback: ReturnType<typeof setTimeout> | null = null;
    const resync = () => {
      if (fallback) clearTimeout(fallback);
      fallback = null;
      subscriptions += 1;
      ref.current.onResync(subscriptions === 1);
    };
    // pusher-js resubscribes after a reconnect; the catch-up runs once the channel is back.
    channel.bind('pusher:subscription_succeeded', resync);

    let everConnected = pusher.connection.state === 'connected';
    let wasDown = false;
    const show = (state: string) => {
      if (state === 'connected') {
        everConnected = true;
        setStatus('live');
        // Should the resubscription not be reported, catch up anyway.
        if (wasDown) fallback ??= setTimeout(resync, 3_000);
        wasDown = false;
      } else {
        if (everConnected) wasDown = true;
        setStatus(everConnected ? 'reconnecting' : 'connecting');
      }
    };
    show(pusher.connection.state);
    const onState = ({ current }: { previous: string; current: string }) => show(current);
    pusher.connection.bind('state_change', onState);
    // The browser knows first when the network is gone.
    const offline = () => everConnected && setStatus('reconnecting');
    window.addEventListener('offline', offline);

    return () => {
      for (const [name, fn] of bound) channel.unbind(name, fn);
      channel.unbind('pusher:subscription_succeeded', resync);
      if (fallback) clearTimeout(fallback);
      pusher.connection.unbind('state_change', onState);
      window.removeEventListener('offline', offline);
      pusher.unsubscribe(channelName);
    };
  }, [pusher, channelName]);

  return status;
}

/** A small "Reconnecting…" note while the realtime connection is down. */
export function LiveStatusNote({ status }: { status: LiveStatus }) {
  if (status !== 'reconnecting') return null;
  return (
    <p role="status" className="flex items-center gap-2 border-b border-amber-200 bg-amber-50 px-3 py-1 text-xs text-amber-800">
      <span aria-hidden className="inline-block h-2 w-2 animate-pulse rounded-full bg-amber-500" />
      Reconnecting…
    </p>
  );
}
