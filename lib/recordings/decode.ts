import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { WidgetError } from '@/lib/widget/errors';
import type { RecordedEvent } from './types';

// What the recorder on the shop's page uploads (public/widget-record.js): a CORS-simple
// text/plain POST, so the browser sends it without a preflight and `keepalive` works when the
// page is hidden. Its first line is a small JSON header (the upload-only token, the session's
// key, the batch's number, the encoding); the rest is the batch of rrweb events as a JSON
// array, gzipped when the browser has CompressionStream.

/** The whole request body, compressed: a batch is a few KB, a first full snapshot rarely over 100 KB. */
export const RECORDING_UPLOAD_MAX_BYTES = 512 * 1024;
/** The batch once decompressed: a large shop page's full snapshot with its inlined CSS fits. */
export const RECORDING_BATCH_MAX_JSON_BYTES = 8 * 1024 * 1024;
export const RECORDING_BATCH_MAX_EVENTS = 5_000;
/** One recording's stored bytes (compressed), over all its batches. */
export const RECORDING_MAX_STORED_BYTES = 25 * 1024 * 1024;
const MAX_PAGES = 50;

export const uploadHeader = z.object({
  t: z.string().min(1).max(2048),
  s: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'session key'),
  n: z.number().int().min(0).max(1_000_000),
  e: z.enum(['gzip', 'json']),
});
export type UploadHeader = z.infer<typeof uploadHeader>;

export type { RecordedEvent } from './types';

const invalid = (what: string) => new WidgetError(400, 'invalid_recording', `The recording batch is not valid: ${what}.`);

/** The header line and the payload bytes after it. */
export function splitUpload(body: Buffer): { header: UploadHeader; payload: Buffer } {
  const end = body.indexOf(0x0a);
  if (end <= 0 || end > 4096) throw invalid('no header line');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.subarray(0, end).toString('utf8'));
  } catch {
    throw invalid('the header is not JSON');
  }
  const header = uploadHeader.safeParse(parsed);
  if (!header.success) throw invalid(header.error.issues[0]?.message ?? 'bad header');
  return { header: header.data, payload: body.subarray(end + 1) };
}

/** The batch's events: decompressed within the cap, parsed, and each checked for an rrweb event's shape. */
export function decodeEvents(payload: Buffer, encoding: UploadHeader['e']): RecordedEvent[] {
  let json: Buffer;
  if (encoding === 'gzip') {
    try {
      json = gunzipSync(payload, { maxOutputLength: RECORDING_BATCH_MAX_JSON_BYTES });
    } catch (error) {
      if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new WidgetError(413, 'too_large', 'The recording batch is too large once decompressed.');
      }
      throw invalid('not gzip');
    }
  } else {
    json = payload;
  }
  let events: unknown;
  try {
    events = JSON.parse(json.toString('utf8'));
  } catch {
    throw invalid('not a JSON array');
  }
  if (!Array.isArray(events) || events.length === 0) throw invalid('no events');
  if (events.length > RECORDING_BATCH_MAX_EVENTS) throw new WidgetError(413, 'too_large', 'Too many events in one recording batch.');
  for (const e of events) {
    const ok =
      e !== null &&
      typeof e === 'object' &&
      Number.isInteger((e as RecordedEvent).type) &&
      (e as RecordedEvent).type >= 0 &&
      (e as RecordedEvent).type <= 6 &&
      Number.isFinite((e as RecordedEvent).timestamp) &&
      (e as RecordedEvent).timestamp > 0;
    if (!ok) throw invalid('an event without a type and time');
  }
  return events as RecordedEvent[];
}

/** The first and last event's time and the pages visited (rrweb's Meta events, type 4, carry the address). */
export type RecordedPage = { url: string; at: number };

export function summariseEvents(events: RecordedEvent[]): { firstAt: number; lastAt: number; pages: RecordedPage[] } {
  let firstAt = Infinity;
  let lastAt = -Infinity;
  const pages: RecordedPage[] = [];
  for (const e of events) {
    firstAt = Math.min(firstAt, e.timestamp);
    lastAt = Math.max(lastAt, e.timestamp);
    const href = e.type === 4 && e.data && typeof e.data === 'object' ? (e.data as { href?: unknown }).href : null;
    if (typeof href === 'string' && /^https?:\/\//i.test(href) && href.length <= 2048) pages.push({ url: href, at: e.timestamp });
  }
  return { firstAt, lastAt, pages };
}

/** Pages already listed plus new ones, in time order (batches can arrive out of order), without repeating the one before, capped. */
export function mergePages(before: RecordedPage[], added: RecordedPage[]): RecordedPage[] {
  const out: RecordedPage[] = [];
  for (const page of [...before, ...added].sort((a, b) => a.at - b.at)) {
    if (out[out.length - 1]?.url !== page.url && out.length < MAX_PAGES) out.push(page);
  }
  return out;
}
