import type Pusher from 'pusher-js';
import type { Channel } from 'pusher-js';

// One pusher-js client serves the whole inbox, and it keeps one subscription per channel
// name: two parts of a screen on the same channel (co-browsing and a call on a
// conversation's assist channel) must not unsubscribe each other. Each part holds the
// channel and releases it; the last release unsubscribes.

const holds = new WeakMap<Pusher, Map<string, number>>();

export function holdChannel(pusher: Pusher, name: string): { channel: Channel; release(): void } {
  let counts = holds.get(pusher);
  if (!counts) holds.set(pusher, (counts = new Map()));
  counts.set(name, (counts.get(name) ?? 0) + 1);
  const channel = pusher.subscribe(name);
  let released = false;
  return {
    channel,
    release() {
      if (released) return;
      released = true;
      const left = (counts.get(name) ?? 1) - 1;
      if (left > 0) counts.set(name, left);
      else {
        counts.delete(name);
        pusher.unsubscribe(name);
      }
    },
  };
}
