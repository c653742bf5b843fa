'use client';

import '@rrweb/replay/dist/style.css';
import { Replayer } from '@rrweb/replay';
import { Pause, Play, X } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { RecordingMark, RecordingReplay } from '@/lib/recordings/types';
import { LocalTime } from '@/components/time/time-zone';
import { clock, formatDuration, shortPage } from './format';

// The player of one recorded visit, loaded only when an agent presses Play. rrweb's replayer
// rebuilds the page in an iframe sandboxed to "allow-same-origin" alone: the recorded page's
// scripts were never recorded (script tags are dropped) and nothing in it can run. Inputs were
// masked and private elements blocked when recording, so they replay as asterisks and blanks.

type Events = ConstructorParameters<typeof Replayer>[0];

const SPEEDS = [1, 2, 4, 8] as const;
const FROM: Record<RecordingMark['from'], string> = { visitor: 'Visitor', agent: 'Agent', bot: 'Bot' };

export default function RecordingPlayer({ workspaceId, recordingId, startedAt, onClose }: { workspaceId: string; recordingId: string; startedAt: string; onClose: () => void }) {
  const [replay, setReplay] = useState<RecordingReplay | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const ids = useId();

  useEffect(() => {
    let live = true;
    fetch(`/api/w/${workspaceId}/recordings/${recordingId}`, { cache: 'no-store' })
      .then(async (response) => {
        if (!response.ok) throw new Error(response.status === 404 ? 'This recording no longer exists.' : 'The recording could not be loaded. Try again.');
        return (await response.json()) as RecordingReplay;
      })
      .then(
        (data) => live && setReplay(data),
        (error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)),
      );
    return () => {
      live = false;
    };
  }, [workspaceId, recordingId]);

  return (
    <div className="flex max-h-[90dvh] flex-col">
      <header className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-2">
        <h2 id={`${ids}-title`} className="truncate font-semibold">
          Visit of <LocalTime value={startedAt} />
          {replay && <span className="font-normal text-slate-500"> · {formatDuration(replay.recording.durationMs)}</span>}
        </h2>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close the player"
          className="rounded-md p-2 text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          <X aria-hidden className="h-5 w-5" />
        </button>
      </header>
      {problem && (
        <p role="alert" className="p-6 text-sm text-red-700">
          {problem}
        </p>
      )}
      {!replay && !problem && (
        <p role="status" className="p-6 text-sm text-slate-500">
          Loading the recording…
        </p>
      )}
      {replay && replay.events.length < 2 && <p className="p-6 text-sm text-slate-500">This visit was too short to replay.</p>}
      {replay && replay.events.length >= 2 && <Stage replay={replay} />}
    </div>
  );
}

/** The replay and its controls: play/pause, the timeline with the chat's messages on it, speed, skipping idle time. */
// Long: one replayer's life (made, fitted to the width, ticked while playing, destroyed) with the controls that drive it.
function Stage({ replay }: { replay: RecordingReplay }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const replayer = useRef<Replayer | null>(null);
  const viewport = useRef({ width: 1024, height: 768 });
  const [meta, setMeta] = useState({ startTime: 0, totalTime: 0 });
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(1);
  const [skip, setSkip] = useState(true);
  const [height, setHeight] = useState(360);
  const ids = useId();

  const fit = useCallback(() => {
    const box = boxRef.current;
    const wrapper = rootRef.current?.querySelector<HTMLElement>('.replayer-wrapper');
    if (!box || !wrapper) return;
    const { width, height: h } = viewport.current;
    const scale = Math.min(1, box.clientWidth / Math.max(1, width));
    wrapper.style.transform = `scale(${scale})`;
    wrapper.style.transformOrigin = 'top left';
    setHeight(Math.round(h * scale));
  }, []);

  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const player = new Replayer(replay.events as unknown as Events, {
      root,
      skipInactive: true,
      showWarning: false,
      showDebug: false,
      mouseTail: false,
      triggerFocus: false,
      UNSAFE_replayCanvas: false,
    });
    replayer.current = player;
    const m = player.getMetaData();
    setMeta({ startTime: m.startTime, totalTime: m.totalTime });
    player.on('resize', (size) => {
      const { width, height: h } = size as { width: number; height: number };
      viewport.current = { width, height: h };
      fit();
    });
    player.on('finish', () => {
      setPlaying(false);
      setTime(player.getMetaData().totalTime);
    });
    player.pause(0);
    const observer = new ResizeObserver(fit);
    if (boxRef.current) observer.observe(boxRef.current);
    return () => {
      observer.disconnect();
      player.destroy();
      replayer.current = null;
    };
  }, [replay, fit]);

  // The clock and the timeline follow the replay while it plays.
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const tick = () => {
      if (replayer.current) setTime(Math.min(replayer.current.getCurrentTime(), meta.totalTime));
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, meta.totalTime]);

  const seek = (to: number) => {
    const player = replayer.current;
    if (!player) return;
    const at = Math.max(0, Math.min(meta.totalTime, to));
    setTime(at);
    if (playing) player.play(at);
    else player.pause(at);
  };

  const toggle = () => {
    const player = replayer.current;
    if (!player) return;
    if (playing) {
      player.pause();
      setPlaying(false);
      return;
    }
    player.play(time >= meta.totalTime ? 0 : time);
    setPlaying(true);
  };

  const marks = replay.marks.map((mark) => ({ ...mark, offset: Math.max(0, Math.min(meta.totalTime, mark.at - meta.startTime)) }));
  const percent = (offset: number) => (meta.totalTime > 0 ? (offset / meta.totalTime) * 100 : 0);

  return (
    <div className="flex min-h-0 flex-col gap-3 overflow-y-auto p-4">
      <div ref={boxRef} className="relative w-full overflow-hidden rounded-md border border-slate-200 bg-slate-100" style={{ height }}>
        <div ref={rootRef} data-testid="recording-stage" />
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={toggle}
          className="flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 max-md:min-h-11"
        >
          {playing ? <Pause aria-hidden className="h-4 w-4" /> : <Play aria-hidden className="h-4 w-4" />}
          {playing ? 'Pause' : 'Play'}
        </button>
        <span className="font-mono text-sm tabular-nums text-slate-700" aria-live="off">
          <span data-testid="recording-clock">{clock(time)}</span> / {clock(meta.totalTime)}
        </span>
        <label className="flex items-center gap-1.5 text-sm text-slate-700">
          Speed
          <select
            value={speed}
            onChange={(e) => {
              const next = Number(e.target.value);
              setSpeed(next);
              replayer.current?.setConfig({ speed: next });
            }}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1.5 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={skip}
            onChange={(e) => {
              setSkip(e.target.checked);
              replayer.current?.setConfig({ skipInactive: e.target.checked });
            }}
            className="h-4 w-4"
          />
          Skip inactivity
        </label>
      </div>

      <div className="relative pt-3">
        {marks.map((mark, i) => (
          <span
            key={i}
            aria-hidden
            title={`${FROM[mark.from]}: ${mark.text}`}
            className={`absolute top-0 h-3 w-1 -translate-x-1/2 rounded-sm ${mark.from === 'visitor' ? 'bg-amber-500' : 'bg-brand-600'}`}
            style={{ left: `${percent(mark.offset)}%` }}
          />
        ))}
        <label htmlFor={`${ids}-position`} className="sr-only">
          Position in the recording
        </label>
        <input
          id={`${ids}-position`}
          type="range"
          min={0}
          max={Math.max(1, meta.totalTime)}
          step={100}
          value={time}
          aria-valuetext={`${clock(time)} of ${clock(meta.totalTime)}`}
          onChange={(e) => seek(Number(e.target.value))}
          className="w-full accent-brand-600"
        />
      </div>

      {marks.length > 0 && (
        <section aria-labelledby={`${ids}-chat`}>
          <h3 id={`${ids}-chat`} className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
            Chat during the visit
          </h3>
          <ul aria-label="Chat messages on the timeline" className="max-h-32 space-y-0.5 overflow-y-auto text-sm">
            {marks.map((mark, i) => (
              <li key={i}>
                <button
                  type="button"
                  onClick={() => seek(mark.offset)}
                  className="flex w-full min-w-0 gap-2 rounded px-1 py-0.5 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
                >
                  <span className="shrink-0 font-mono tabular-nums text-slate-500">{clock(mark.offset)}</span>
                  <span className="shrink-0 font-medium">{FROM[mark.from]}</span>
                  <span className="min-w-0 truncate text-slate-700">{mark.text}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {replay.recording.pages.length > 0 && (
        <p className="text-xs text-slate-500">Pages: {replay.recording.pages.map(shortPage).join(' → ')}</p>
      )}
    </div>
  );
}
