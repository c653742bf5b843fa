import type Pusher from 'pusher-js';

/**
 * The close code Pusher (and the embedded server) use when the app terminates a user's
 * connections. pusher-js reads every 4000–4099 close as "refused" and stays disconnected,
 * which suits an app that no longer exists but not a member who was deactivated in one of
 * several workspaces: they should come back with only what they may still see.
 */
export const TERMINATED_BY_APP = 4009;

export type ReconnectDelays = { firstMs: number; maxMs: number; stableMs: number };

const DEFAULT_DELAYS: ReconnectDelays = { firstMs: 1_000, maxMs: 30_000, stableMs: 30_000 };

type ConnectionError = { data?: { code?: unknown }; error?: { data?: { code?: unknown } } };

function closeCodeOf(event: ConnectionError | null | undefined): unknown {
  return event?.data?.code ?? event?.error?.data?.code;
}

/**
 * After the server ends this connection with 4009, connects again (pusher-js then
 * re-signs in and re-authorizes every channel it had, and refused ones report
 * `pusher:subscription_error`). Waits longer after each termination in a row, so a
 * connection refused again and again cannot hammer the server. Returns a stop function.
 */
export function reconnectWhenTerminated(pusher: Pusher, delays: ReconnectDelays = DEFAULT_DELAYS): () => void {
  let terminated = false;
  let inARow = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let settled: ReturnType<typeof setTimeout> | undefined;

  const onError = (event: ConnectionError) => {
    if (closeCodeOf(event) === TERMINATED_BY_APP) terminated = true;
  };
  const onStateChange = ({ current }: { current: string }) => {
    clearTimeout(settled);
    if (current === 'connected') {
      terminated = false;
      settled = setTimeout(() => (inARow = 0), delays.stableMs);
      return;
    }
    if (current !== 'disconnected' || !terminated) return;
    terminated = false;
    const wait = Math.min(delays.maxMs, delays.firstMs * 2 ** inARow);
    inARow += 1;
    clearTimeout(retry);
    retry = setTimeout(() => pusher.connect(), wait);
  };

  pusher.connection.bind('error', onError);
  pusher.connection.bind('state_change', onStateChange);
  return () => {
    clearTimeout(retry);
    clearTimeout(settled);
    pusher.connection.unbind('error', onError);
    pusher.connection.unbind('state_change', onStateChange);
  };
}
