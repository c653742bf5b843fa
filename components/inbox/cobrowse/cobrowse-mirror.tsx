'use client';

import '@rrweb/replay/dist/style.css';
import { Replayer } from '@rrweb/replay';
import { Crosshair, Square, X } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel } from 'pusher-js';
import { cobrowseEvents, createAssembler, type Chunk, type CobrowseSessionView } from '@/lib/cobrowse/protocol';

// The customer's page, live: rrweb's replayer in live mode, rebuilt from the page's full
// snapshot (fetched over HTTP) and fed the increments that come as client events on the
// assist channel. Like the recordings' player, the page is an iframe sandboxed to
// "allow-same-origin" alone: nothing of the shop's page runs, and nothing the agent does
// reaches it except the pointer and highlights sent on purpose (view-only).

type RrEvent = { type: number; timestamp: number; data?: unknown };
type Events = ConstructorParameters<typeof Replayer>[0];

const POINTER_EVERY_MS = 150;
const RECENT_EVENTS = 2_000;

/** Keeps a batch's spacing but moves it to "now" on the replay's clock, so it plays at once whatever the two clocks say. */
function toReplayClock(events: RrEvent[], now: number): RrEvent[] {
  const last = events[events.length - 1]?.timestamp ?? now;
  const shift = now - last;
  return events.map((e) => ({ ...e, timestamp: e.timestamp + shift }));
}

export default function CobrowseMirror({
  workspaceId,
  session,
  channel,
  onClose,
  onStop,
}: {
  workspaceId: string;
  session: CobrowseSessionView;
  channel: Channel;
  onClose(): void;
  onStop(): void;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const replayer = useRef<Replayer | null>(null);
  const clock = useRef({ baseline: 0, startedAt: 0 });
  /** The latest increments as they came (their page's times): a new snapshot replays those taken after it. */
  const recent = useRef<RrEvent[]>([]);
  const scale = useRef(1);
  const viewport = useRef({ width: 1024, height: 768 });
  const lastPointer = useRef(0);
  const [phase, setPhase] = useState<'loading' | 'live' | 'left'>('loading');
  const [highlighting, setHighlighting] = useState(false);
  const [height, setHeight] = useState(400);

  const fit = useCallback(() => {
    const box = boxRef.current;
    const wrapper = rootRef.current?.querySelector<HTMLElement>('.replayer-wrapper');
    if (!box || !wrapper) return;
    const { width, height: h } = viewport.current;
    const s = Math.min(1, box.clientWidth / Math.max(1, width));
    scale.current = s;
    wrapper.style.transform = `scale(${s})`;
    wrapper.style.transformOrigin = 'top left';
    setHeight(Math.round(h * s));
  }, []);

  const play = useCallback((events: RrEvent[]) => {
    const player = replayer.current;
    if (!player) return;
    const now = clock.current.baseline + (Date.now() - clock.current.startedAt);
    for (const e of toReplayClock(events, now)) player.addEvent(e as unknown as Events[number]);
  }, []);

  /** Starts over from the page's latest full snapshot; increments that came meanwhile follow it. */
  const load = useCallback(async () => {
    const response = await fetch(`/api/w/${workspaceId}/cobrowse/${session.id}/snapshot`, { cache: 'no-store' });
    if (!response.ok) return;
    const { events } = (await response.json()) as { events: RrEvent[] };
    const root = rootRef.current;
    const full = events.find((e) => e.type === 2);
    if (!root || !full) return;
    replayer.current?.destroy();
    root.replaceChildren();
    const player = new Replayer([], { root, liveMode: true, useVirtualDom: false, mouseTail: false, showWarning: false, showDebug: false, triggerFocus: false, UNSAFE_replayCanvas: false });
    replayer.current = player;
    player.on('resize', (size) => {
      viewport.current = size as { width: number; height: number };
      fit();
    });
    clock.current = { baseline: events[0].timestamp, startedAt: Date.now() };
    player.startLive(events[0].timestamp);
    for (const e of events) player.addEvent(e as unknown as Events[number]);
    const later = recent.current.filter((e) => e.timestamp > full.timestamp);
    if (later.length) play(later);
    fit();
    setPhase('live');
  }, [workspaceId, session.id, fit, play]);

  useEffect(() => {
    const assemble = createAssembler();
    const onEvents = (chunk: Chunk) => {
      const events = assemble(chunk) as RrEvent[] | null;
      if (!events) return;
      recent.current = [...recent.current, ...events].slice(-RECENT_EVENTS);
      play(events);
    };
    const onSnapshot = () => void load();
    const onLeft = () => setPhase('left');
    const hello = () => channel.trigger(cobrowseEvents.hello, {});
    channel.bind(cobrowseEvents.events, onEvents);
    channel.bind(cobrowseEvents.snapshot, onSnapshot);
    channel.bind(cobrowseEvents.left, onLeft);
    // The page sends a fresh snapshot when asked; until then, the last one it sent.
    if (channel.subscribed) hello();
    else channel.bind('pusher:subscription_succeeded', hello);
    void load();
    const observer = new ResizeObserver(fit);
    if (boxRef.current) observer.observe(boxRef.current);
    return () => {
      channel.unbind(cobrowseEvents.events, onEvents);
      channel.unbind(cobrowseEvents.snapshot, onSnapshot);
      channel.unbind(cobrowseEvents.left, onLeft);
      channel.unbind('pusher:subscription_succeeded', hello);
      observer.disconnect();
      replayer.current?.destroy();
      replayer.current = null;
    };
  }, [channel, load, play, fit]);

  /** Where the agent's mouse is, in the customer's page: the stage's scale undone, the page's scroll added. */
  const pagePoint = (e: React.MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = (e.clientX - rect.left) / scale.current;
    const y = (e.clientY - rect.top) / scale.current;
    const win = replayer.current?.iframe.contentWindow;
    return { x, y, pageX: Math.round(x + (win?.scrollX ?? 0)), pageY: Math.round(y + (win?.scrollY ?? 0)) };
  };

  const onMove = (e: React.MouseEvent<HTMLDivElement>) => {
    const now = Date.now();
    if (now - lastPointer.current < POINTER_EVERY_MS || !channel.subscribed) return;
    lastPointer.current = now;
    const p = pagePoint(e);
    channel.trigger(cobrowseEvents.pointer, { x: p.pageX, y: p.pageY });
  };

  const onClick = (e: React.MouseEvent<HTMLDivElement>) => {
    if (!highlighting || !replayer.current) return;
    const p = pagePoint(e);
    const target = replayer.current.iframe.contentDocument?.elementFromPoint(p.x, p.y);
    const id = target ? replayer.current.getMirror().getId(target) : -1;
    if (id > 0) channel.trigger(cobrowseEvents.highlight, { id });
    setHighlighting(false);
  };

  return (
    <div className="flex h-full flex-col">
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2">
        <h2 className="mr-auto flex items-center gap-2 font-semibold">
          <span aria-hidden className="h-2.5 w-2.5 rounded-full bg-red-500" />
          Customer’s page, live
        </h2>
        <button
          type="button"
          aria-pressed={highlighting}
          onClick={() => setHighlighting((h) => !h)}
          className={`flex items-center gap-1.5 rounded-md border px-3 py-1.5 text-sm max-md:min-h-11 ${highlighting ? 'border-amber-500 bg-amber-50 text-amber-800' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-100'}`}
        >
          <Crosshair aria-hidden className="h-4 w-4" />
          Highlight an element
        </button>
        <button type="button" onClick={onStop} className="flex items-center gap-1.5 rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 max-md:min-h-11">
          <Square aria-hidden className="h-4 w-4" />
          Stop co-browsing
        </button>
        <button type="button" onClick={onClose} aria-label="Close the view (co-browsing goes on)" className="rounded-md p-2 text-slate-600 hover:bg-slate-100 max-md:min-h-11">
          <X aria-hidden className="h-5 w-5" />
        </button>
      </header>
      <p className="px-4 py-1.5 text-xs text-slate-500">
        {highlighting ? 'Click an element to show it to the customer.' : 'The customer sees your pointer over their page. Fields they type in stay hidden.'}
      </p>
      <div className="min-h-0 flex-1 overflow-auto p-4">
        {phase === 'loading' && (
          <p role="status" className="text-sm text-slate-500">
            Waiting for the customer’s page…
          </p>
        )}
        {phase === 'left' && (
          <p role="status" className="mb-2 text-sm text-amber-700">
            The customer left this page. Their next page in the shop shows here.
          </p>
        )}
        <div ref={boxRef} className="relative w-full overflow-hidden rounded-md border border-slate-200 bg-slate-100" style={{ height }}>
          <div ref={rootRef} data-testid="cobrowse-stage" />
          <div
            aria-hidden
            data-testid="cobrowse-pointer-layer"
            onMouseMove={onMove}
            onClick={onClick}
            className={`absolute inset-0 ${highlighting ? 'cursor-crosshair' : 'cursor-default'}`}
          />
        </div>
      </div>
    </div>
  );
}
