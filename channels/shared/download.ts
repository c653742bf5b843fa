import { readStreamCapped } from './read-stream';
import { DEFAULT_TIMEOUT_MS, redact } from './http';
import { fetchOutside, OutsideUrlRefused } from './outside-fetch';

export type DownloadErrorCode = 'too_large' | 'auth' | 'not_found' | 'http' | 'network' | 'unsupported' | 'refused';

/** Why a media download failed, with enough detail for the caller to decide on a retry. */
export class MediaDownloadError extends Error {
  readonly code: DownloadErrorCode;
  readonly retryable: boolean;
  readonly status?: number;

  constructor(code: DownloadErrorCode, message: string, options: { retryable?: boolean; status?: number } = {}) {
    super(message);
    this.name = 'MediaDownloadError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.status = options.status;
  }

  get authError(): boolean {
    return this.code === 'auth';
  }
}

export type DownloadOptions = {
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes: number;
  /** `host:port` entries the address filter lets through (local fake platforms only). */
  allowHosts?: readonly string[];
};

export function tooLarge(maxBytes: number, size?: number): MediaDownloadError {
  const got = size === undefined ? 'more' : `${size} bytes`;
  return new MediaDownloadError('too_large', `Media is too large: ${got}, the limit is ${maxBytes} bytes`);
}

export function statusError(status: number, what: string): MediaDownloadError {
  if (status === 401 || status === 403) return new MediaDownloadError('auth', `${what}: access refused (HTTP ${status})`, { status });
  if (status === 404) return new MediaDownloadError('not_found', `${what}: not found (HTTP 404)`, { status });
  const retryable = status === 429 || status >= 500;
  return new MediaDownloadError('http', `${what}: HTTP ${status}`, { status, retryable });
}

export function networkError(error: unknown, what: string, timeoutMs: number, secrets: string[] = []): MediaDownloadError {
  if (error instanceof MediaDownloadError) return error;
  if (error instanceof OutsideUrlRefused) return new MediaDownloadError('refused', `${what}: refused, ${error.message}`);
  const name = (error as { name?: string } | null)?.name;
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  const detail = timedOut ? `timed out after ${timeoutMs} ms` : redact((error as Error)?.message ?? String(error), secrets);
  return new MediaDownloadError('network', `${what}: ${detail}`, { retryable: true });
}

/**
 * GET a file through the outside-URL filter (fetchOutside: no private addresses, on any
 * redirect hop), refusing it as soon as it is known to exceed maxBytes: from
 * Content-Length when the server states it, and while streaming when it does not (or lies).
 */
export async function downloadLimited(
  url: string,
  init: { headers?: Record<string, string>; what: string; secrets?: string[] },
  options: DownloadOptions,
): Promise<{ data: Buffer; mimeType: string }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    const res = await fetchOutside(url, {
      headers: init.headers,
      signal: AbortSignal.timeout(timeoutMs),
      allowHosts: options.allowHosts,
      fetch: options.fetch,
    });
    if (!res.ok) {
      void res.body?.cancel().catch(() => undefined);
      throw statusError(res.status, init.what);
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      void res.body?.cancel().catch(() => undefined);
      throw tooLarge(options.maxBytes, declared);
    }
    const mimeType = (res.headers.get('content-type') ?? 'application/octet-stream').split(';')[0].trim();
    return { data: await readLimited(res, options.maxBytes), mimeType };
  } catch (error) {
    throw networkError(error, init.what, timeoutMs, init.secrets);
  }
}

async function readLimited(res: Response, maxBytes: number): Promise<Buffer> {
  if (!res.body) {
    const whole = Buffer.from(await res.arrayBuffer());
    if (whole.length > maxBytes) throw tooLarge(maxBytes, whole.length);
    return whole;
  }
  const read = await readStreamCapped(res.body, maxBytes);
  if (!read.ok) throw tooLarge(maxBytes);
  return read.bytes;
}
