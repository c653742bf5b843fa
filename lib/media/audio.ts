import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { AUDIO_TARGETS, normaliseAudioType, type AudioProbe, type AudioTarget } from '@/channels/shared/audio';

// Server side only (Node's child processes). Audio through ffmpeg, the binary shipped inside the npm package @ffmpeg-installer/ffmpeg
// (linux-x64, darwin, win32): probing (codec, exact length) and converting an agent's
// recording to what a channel takes. Runs in the outbox, never in a request handler: a
// file goes to a temporary folder, ffmpeg runs with a time limit, the folder is removed.

/** A conversion or probe taking longer than this is stopped (a 25 MB file takes a few seconds). */
const FFMPEG_TIMEOUT_MS = 60_000;

export class AudioError extends Error {}

let binary: string | null = null;
function ffmpegPath(): string {
  if (binary) return binary;
  // Resolved at run time (a server-external package, never bundled).
  const load = createRequire(path.join(process.cwd(), 'package.json'));
  binary = (load('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  return binary;
}

function run(args: string[]): Promise<{ stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    execFile(ffmpegPath(), ['-hide_banner', '-nostdin', ...args], { timeout: FFMPEG_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error && (error as { killed?: boolean }).killed) return reject(new AudioError('the conversion took too long'));
      if (error && typeof (error as { code?: unknown }).code !== 'number') return reject(new AudioError(`ffmpeg could not run (${error.message})`));
      resolve({ stderr: String(stderr), code: error ? Number((error as { code?: number }).code) : 0 });
    });
  });
}

async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-audio-'));
  try {
    return await work(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The first audio stream's codec in ffmpeg's report ("Stream #0:0: Audio: opus, 48000 Hz…"), or null. */
export function codecFromReport(report: string): string | null {
  const m = /Stream #\d+:\d+[^:]*: Audio: ([a-z0-9_]+)/i.exec(report);
  return m ? m[1].toLowerCase() : null;
}

/**
 * The length decoded, from the last progress line ("time=00:00:03.52"): a browser's WebM
 * recording has no duration in its header, so the stream is decoded to the end.
 */
export function durationFromReport(report: string): number | null {
  const times = [...report.matchAll(/time=(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/g)];
  const last = times.at(-1);
  if (!last) return null;
  const ms = Math.round((Number(last[1]) * 3600 + Number(last[2]) * 60 + Number(last[3])) * 1000);
  return Number.isFinite(ms) ? ms : null;
}

function lastLines(report: string): string {
  const lines = report.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.slice(-1)[0]?.slice(0, 200) ?? 'unknown error';
}

export type AudioFacts = AudioProbe & { durationMs: number };

async function probeFile(file: string, mimeType: string): Promise<AudioFacts> {
  const { stderr, code } = await run(['-i', file, '-map', '0:a:0', '-f', 'null', '-']);
  const codec = codecFromReport(stderr);
  if (code !== 0 || !codec) throw new AudioError(codec ? `the audio could not be read (${lastLines(stderr)})` : 'the file has no audio that can be read');
  const durationMs = durationFromReport(stderr);
  if (durationMs === null || durationMs <= 0) throw new AudioError('the audio is empty');
  return { mimeType: normaliseAudioType(mimeType), codec, durationMs };
}

/** The audio's codec and length, decoding it all (so a damaged file fails here, not on the customer's phone). */
export async function probeAudio(data: Buffer, mimeType: string): Promise<AudioFacts> {
  return withTempDir(async (dir) => {
    const input = path.join(dir, 'input');
    await fs.writeFile(input, data);
    return probeFile(input, mimeType);
  });
}

const TARGET_ARGS: Record<AudioTarget, (codec: string | null) => string[]> = {
  // Opus kept as it is when it already is (a browser's WebM recording): only the container changes.
  ogg_opus: (codec) => (codec === 'opus' ? ['-c:a', 'copy'] : ['-c:a', 'libopus', '-b:a', '48k', '-ar', '48000']).concat(['-f', 'ogg']),
  m4a_aac: (codec) => (codec === 'aac' ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', '96k']).concat(['-movflags', '+faststart', '-f', 'ipod']),
};

export type ConvertedAudio = { data: Buffer; mimeType: string; extension: string; codec: string; durationMs: number };

/** The audio in the target's format, measured again after conversion. */
export async function convertAudio(data: Buffer, source: AudioProbe, target: AudioTarget): Promise<ConvertedAudio> {
  return withTempDir(async (dir) => {
    const input = path.join(dir, 'input');
    const output = path.join(dir, `output.${AUDIO_TARGETS[target].extension}`);
    await fs.writeFile(input, data);
    const { stderr, code } = await run(['-i', input, '-vn', '-map', '0:a:0', '-map_metadata', '-1', ...TARGET_ARGS[target](source.codec), '-y', output]);
    if (code !== 0) throw new AudioError(`the conversion to ${AUDIO_TARGETS[target].label} failed (${lastLines(stderr)})`);
    const converted = await fs.readFile(output);
    const facts = await probeFile(output, AUDIO_TARGETS[target].mimeType);
    return { data: converted, mimeType: AUDIO_TARGETS[target].mimeType, extension: AUDIO_TARGETS[target].extension, codec: facts.codec ?? '', durationMs: facts.durationMs };
  });
}
