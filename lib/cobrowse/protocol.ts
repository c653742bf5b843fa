// The live link of co-browsing, shared by the widget (the visitor's side) and the agent's
// mirror. Both write `client-*` events on the conversation's assist channel
// (realtimeChannels.assist); the server writes `cobrowse.changed` there and on the visitor's
// own channel when a session's status changes. Client-safe: no Node modules.

export const cobrowseEvents = {
  /** Server: the session's status changed (requested, active, declined, ended). */
  changed: 'cobrowse.changed',
  /** Visitor → agents: a piece of a batch of rrweb increments (see chunkBatch). */
  events: 'client-cobrowse-events',
  /** Visitor → agents: a new full snapshot was uploaded (its version): fetch it and start over. */
  snapshot: 'client-cobrowse-snapshot',
  /** Visitor → agents: the page was left; the next page of the shop resumes. */
  left: 'client-cobrowse-left',
  /** Agent → visitor: a mirror opened and needs a full snapshot. */
  hello: 'client-cobrowse-hello',
  /** Agent → visitor: the agent's pointer, in the page's coordinates. */
  pointer: 'client-cobrowse-pointer',
  /** Agent → visitor: draw attention to an element (rrweb's node id). */
  highlight: 'client-cobrowse-highlight',
} as const;

export type CobrowseStatusView = 'requested' | 'active' | 'declined' | 'ended';

export type CobrowseSessionView = {
  id: string;
  conversationId: string;
  status: CobrowseStatusView;
  endedBy: 'agent' | 'customer' | null;
  requestedBy: string | null;
  snapshotVersion: number;
};

/** A realtime event's data must stay under 10,240 bytes: a chunk's text is at most this, in ASCII. */
export const CHUNK_CHARS = 9_000;

export type Chunk = { b: string; i: number; n: number; d: string };

/** UTF-8 → base64 (ASCII), so a chunk's size in the event is its length: JSON never escapes it. */
function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(data: string): string {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/** A batch of events as pieces that each fit one realtime event. */
export function chunkBatch(batchId: string, events: unknown[]): Chunk[] {
  const data = toBase64(JSON.stringify(events));
  const n = Math.max(1, Math.ceil(data.length / CHUNK_CHARS));
  return Array.from({ length: n }, (_, i) => ({ b: batchId, i, n, d: data.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS) }));
}

/** Puts batches back together from their pieces; a piece's batch completes once all its pieces came. */
export function createAssembler(maxOpen = 20) {
  const open = new Map<string, string[]>();
  return (chunk: Chunk): unknown[] | null => {
    if (!chunk || typeof chunk.b !== 'string' || !Number.isInteger(chunk.i) || !Number.isInteger(chunk.n) || chunk.n < 1 || chunk.n > 1000 || typeof chunk.d !== 'string') return null;
    if (chunk.i < 0 || chunk.i >= chunk.n) return null;
    let parts = open.get(chunk.b);
    if (!parts) {
      parts = new Array<string>(chunk.n);
      open.set(chunk.b, parts);
      // A batch whose pieces never all came (a dropped connection) is forgotten.
      if (open.size > maxOpen) open.delete(open.keys().next().value as string);
    }
    parts[chunk.i] = chunk.d;
    for (let i = 0; i < chunk.n; i++) if (parts[i] === undefined) return null;
    open.delete(chunk.b);
    try {
      const events = JSON.parse(fromBase64(parts.join(''))) as unknown;
      return Array.isArray(events) ? events : null;
    } catch {
      return null;
    }
  };
}

/**
 * Client events go out at most `perSecond` a second (the realtime server refuses an 11th
 * within a second on one connection); the rest wait in order.
 */
export function createPacedSender(send: (name: string, data: unknown) => void, perSecond = 8) {
  const queue: { name: string; data: unknown }[] = [];
  const sent: number[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const pump = () => {
    timer = null;
    const now = Date.now();
    while (sent.length && now - sent[0] >= 1000) sent.shift();
    while (queue.length && sent.length < perSecond) {
      const next = queue.shift()!;
      sent.push(now);
      send(next.name, next.data);
    }
    if (queue.length) timer = setTimeout(pump, Math.max(10, 1000 - (now - sent[0])));
  };
  return {
    send(name: string, data: unknown) {
      queue.push({ name, data });
      if (!timer) pump();
    },
    /** How many wait: past a limit the visitor's side starts over from a full snapshot instead. */
    waiting: () => queue.length,
    clear() {
      queue.length = 0;
    },
  };
}
