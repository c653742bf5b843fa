'use client';

import type Pusher from 'pusher-js';
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { RealtimeClientConfig } from '@/lib/config';
import { createPusherClient } from './pusher-client';
import { reconnectWhenTerminated } from './reconnect';
import { onRealtimeSessionEnd, sessionEnded } from './session-end';

const RealtimeContext = createContext<Pusher | null>(null);

/**
 * Several components may listen on the same channel (the list and the customer panel both
 * follow the workspace channel). pusher-js keeps one subscription per name, so the shared
 * client counts subscribers and only really unsubscribes when the last one leaves.
 */
function shareSubscriptions(pusher: Pusher): Pusher {
  const counts = new Map<string, number>();
  return new Proxy(pusher, {
    get(target, prop) {
      if (prop === 'subscribe') {
        return (name: string) => {
          counts.set(name, (counts.get(name) ?? 0) + 1);
          return target.subscribe(name);
        };
      }
      if (prop === 'unsubscribe') {
        return (name: string) => {
          const left = (counts.get(name) ?? 1) - 1;
          if (left > 0) return void counts.set(name, left);
          counts.delete(name);
          target.unsubscribe(name);
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * One pusher-js connection per tab, authorized through /api/realtime/auth and signed in as
 * the user through /api/realtime/user-auth, so the server can end it when they lose access.
 */
export function RealtimeProvider({
  config,
  sessionTag,
  children,
}: {
  config: RealtimeClientConfig;
  /** The signed-in session, as `realtimeSessionTag` names it: none is opened for a session signed out of. */
  sessionTag: string;
  children: React.ReactNode;
}) {
  const [client, setClient] = useState<Pusher | null>(null);

  useEffect(() => {
    if (sessionEnded(sessionTag)) return;
    const pusher = createPusherClient(config, { channelEndpoint: '/api/realtime/auth', userEndpoint: '/api/realtime/user-auth' });
    pusher.signin();
    const stopReconnecting = reconnectWhenTerminated(pusher);
    const disconnect = () => {
      stopReconnecting();
      // A client let go sends nothing more: a channel authorization or the sign-in still on
      // its way would otherwise answer after this with a subscribe or a sign-in, and the
      // listeners' unsubscribes follow as they unmount; written to a socket that is closing,
      // the browser reports each ("WebSocket is already in CLOSING or CLOSED state").
      pusher.send_event = () => false;
      pusher.disconnect();
    };
    // Signing out disconnects it first (session-end.ts), so no authorization goes out after.
    const forget = onRealtimeSessionEnd(sessionTag, disconnect);
    setClient(shareSubscriptions(pusher));
    return () => {
      forget();
      disconnect();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reconnect only when the connection settings change, not on a new object with the same values
  }, [sessionTag, config.key, config.cluster, config.wsHost, config.wsPort, config.forceTLS]);

  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): Pusher | null {
  return useContext(RealtimeContext);
}

/** Subscribes while mounted and calls `onEvent` for the named events on one channel. */
export function useChannelEvents(
  channelName: string | null,
  eventNames: string[],
  onEvent: (eventName: string, data: unknown) => void,
) {
  const pusher = useRealtime();
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const names = eventNames.join(',');

  useEffect(() => {
    if (!pusher || !channelName) return;
    const channel = pusher.subscribe(channelName);
    const bound = names.split(',').map((name) => {
      const fn = (data: unknown) => handler.current(name, data);
      channel.bind(name, fn);
      return [name, fn] as const;
    });
    return () => {
      for (const [name, fn] of bound) channel.unbind(name, fn);
      pusher.unsubscribe(channelName);
    };
  }, [pusher, channelName, names]);
}
