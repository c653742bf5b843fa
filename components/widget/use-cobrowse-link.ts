'use client';

import { useEffect } from 'react';
import type { Channel } from 'pusher-js';
import type { RealtimeClientConfig } from '@/lib/config';
import { chunkBatch, cobrowseEvents, createPacedSender, type CobrowseSessionView } from '@/lib/cobrowse/protocol';
import { realtimeChannels } from '@/lib/realtime/channels';
import type { WidgetApi } from './api';
import { listenToParent, postToParent } from './bridge';

/** Batches of the page's changes leave at most this often (the realtime server takes 10 client events a second). */
const SEND_EVERY_MS = 130;
/** More pieces waiting than this: the agent is better served by a fresh full snapshot. */
const MAX_WAITING = 40;

async function gzip(events: unknown[]): Promise<Blob> {
  const stream = new Blob([JSON.stringify(events)]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).blob();
}

/**
 * While co-browsing runs: the shop page's script (public/widget-cobrowse.js, started through
 * the loader) hands its rrweb events here; full snapshots go to the server over HTTP with the
 * chat's visitor token, the increments as client events on the conversation's assist channel,
 * paced and in pieces under the realtime limits. The agent's pointer, highlights and "send me
 * the page" come back the same way and go to the page's script.
 */
// Long: one live link's life (the page's script started, the channel joined, both directions wired, all taken down on end).
export function useCobrowseLink({
  session,
  api,
  realtime,
  parentOrigin,
  texts,
  onChanged,
}: {
  session: CobrowseSessionView | null;
  api: WidgetApi;
  realtime: RealtimeClientConfig;
  parentOrigin: string | null;
  texts: { viewing: string; stop: string };
  onChanged(): void;
}) {
  const active = session?.status === 'active' ? session : null;
  const sessionId = active?.id ?? null;
  const conversationId = active?.conversationId ?? null;
  const { viewing, stop } = texts;

  useEffect(() => {
    if (!sessionId || !conversationId) return;
    let ended = false;
    let disconnect = () => {};
    let channel: Channel | null = null;
    let subscribed = false;
    let pending: unknown[] = [];
    let lastSent = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let batchNo = 0;
    const sender = createPacedSender((name, data) => channel?.trigger(name, data));
    const toPage = (message: Parameters<typeof postToParent>[0]) => postToParent(message, parentOrigin);

    const sendPending = () => {
      timer = undefined;
      if (!subscribed || pending.length === 0) return;
      const events = pending;
      pending = [];
      lastSent = Date.now();
      for (const chunk of chunkBatch(`${sessionId.slice(0, 8)}-${batchNo++}`, events)) sender.send(cobrowseEvents.events, chunk);
      if (sender.waiting() > MAX_WAITING) {
        sender.clear();
        toPage({ type: 'cobrowse', cmd: 'snapshot' });
      }
    };
    const queue = (events: unknown[]) => {
      // Before the channel is joined nobody can be sent anything: the snapshot taken on joining covers it.
      if (!subscribed) return;
      pending.push(...events);
      timer ??= setTimeout(sendPending, Math.max(0, SEND_EVERY_MS - (Date.now() - lastSent)));
    };
    const upload = (events: unknown[]) => {
      void gzip(events)
        .then((body) => api.cobrowseSnapshot(sessionId, body))
        .then(({ stored, version }) => {
          if (!stored) onChanged();
          else if (!ended && subscribed) sender.send(cobrowseEvents.snapshot, { v: version });
        })
        .catch(() => onChanged());
    };

    const stopListening = listenToParent(parentOrigin, (message) => {
      if (message.type !== 'cobrowse' || ended) return;
      if (message.ev === 'events' && Array.isArray(message.events)) queue(message.events);
      else if (message.ev === 'snapshot' && Array.isArray(message.events)) upload(message.events);
      else if (message.ev === 'left' && subscribed) sender.send(cobrowseEvents.left, {});
      else if (message.ev === 'stop') void api.answerCobrowse(sessionId, 'end').then(onChanged, onChanged);
    });
    toPage({ type: 'cobrowse', cmd: 'start', texts: { viewing, stop } });

    void import('@/components/realtime/pusher-client').then(({ createPusherClient }) => {
      if (ended) return;
      const pusher = createPusherClient(realtime, { authorize: api.authorizeRealtime });
      disconnect = () => pusher.disconnect();
      channel = pusher.subscribe(realtimeChannels.assist(conversationId));
      channel.bind('pusher:subscription_succeeded', () => {
        subscribed = true;
        toPage({ type: 'cobrowse', cmd: 'snapshot' });
      });
      channel.bind(cobrowseEvents.hello, () => toPage({ type: 'cobrowse', cmd: 'snapshot' }));
      channel.bind(cobrowseEvents.pointer, (data: { x?: unknown; y?: unknown } | null) => {
        if (typeof data?.x === 'number' && typeof data.y === 'number') toPage({ type: 'cobrowse', cmd: 'pointer', x: data.x, y: data.y });
      });
      channel.bind(cobrowseEvents.highlight, (data: { id?: unknown } | null) => {
        if (typeof data?.id === 'number') toPage({ type: 'cobrowse', cmd: 'highlight', id: data.id });
      });
      channel.bind(cobrowseEvents.changed, () => onChanged());
    });

    return () => {
      ended = true;
      clearTimeout(timer);
      sender.clear();
      stopListening();
      toPage({ type: 'cobrowse', cmd: 'end' });
      disconnect();
    };
  }, [sessionId, conversationId, api, realtime, parentOrigin, viewing, stop, onChanged]);
}
