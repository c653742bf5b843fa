import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

// Audio made by the same ffmpeg the app uses (shipped in @ffmpeg-installer/ffmpeg), for tests.
const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;

/**
 * A tone as a browser's MediaRecorder makes it: WebM with Opus, written to a pipe, so the
 * header carries no duration (as Chromium's recordings do not).
 */
export function webmOpusRecording(seconds = 1.5): Buffer {
  return execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'libopus', '-f', 'webm', 'pipe:1']);
}

/** What ffmpeg reads in a file: its container, its first audio codec and its decoded length in ms. */
export function probe(data: Buffer): { format: string; codec: string | null; durationMs: number | null } {
  const report = String(spawnSync(ffmpeg, ['-hide_banner', '-nostdin', '-i', 'pipe:0', '-f', 'null', '-'], { input: data }).stderr ?? '');
  const format = /Input #0, ([^,]+)/.exec(report)?.[1] ?? '';
  const codec = /Audio: ([a-z0-9_]+)/i.exec(report)?.[1] ?? null;
  const times = [...report.matchAll(/time=(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/g)].at(-1);
  const durationMs = times ? Math.round((Number(times[1]) * 3600 + Number(times[2]) * 60 + Number(times[3])) * 1000) : null;
  return { format, codec, durationMs };
}

/** A tone as M4A (AAC), as Messenger serves a customer's voice clip. */
export function m4aTone(seconds = 3): Buffer {
  return execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `sine=frequency=330:duration=${seconds}`, '-c:a', 'aac', '-b:a', '64k', '-movflags', '+frag_keyframe+empty_moov', '-f', 'ipod', 'pipe:1']);
}

/** A tone as Ogg/Opus, as WhatsApp delivers a customer's voice note. */
export function oggOpus(seconds = 2): Buffer {
  return execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `sine=frequency=550:duration=${seconds}`, '-c:a', 'libopus', '-f', 'ogg', 'pipe:1']);
}
