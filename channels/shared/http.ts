import type { SendResult } from '../types';

export const DEFAULT_TIMEOUT_MS = 10_000;

export type RequestOptions = {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** `host:port` entries that skip the private-address filter when a URL from a platform's answer is called (the local fakes). */
  allowHosts?: readonly string[];
};

export type ApiRequest = {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Serialised as JSON. */
  body?: unknown;
  /** Values to blank out of any error text (tokens can appear in URLs quoted by fetch errors). */
  secrets?: string[];
};

export type ApiOutcome =
  | {
      kind: 'response';
      status: number;
      headers: Headers;
      text: string;
      json: unknown;
      /** How long the platform asked us to wait (its Retry-After header), when it said. */
      retryAfterMs?: number;
    }
  | { kind: 'network'; timedOut: boolean; message: string };

export type SendFailure = Extract<SendResult, { ok: false }>;

export function redact(message: string, secrets: string[] = []): string {
  let out = message.replace(/access_token=[^&\s"']+/g, 'access_token=[redacted]');
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) if (form) out = out.split(form).join('[redacted]');
  }
  return out;
}

/** A fetch that ended on its abort signal's timeout (or an abort). */
export function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** One HTTP call that never throws: a response of any status, or a network/timeout outcome. */
export async function callApi(req: ApiRequest, options: RequestOptions = {}): Promise<ApiOutcome> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = { ...req.headers };
  if (req.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const res = await doFetch(req.url, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    return { kind: 'response', status: res.status, headers: res.headers, text, json, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  } catch (error) {
    const timedOut = isTimeout(error);
    const message = timedOut
      ? `Timed out after ${timeoutMs} ms`
      : `Network error: ${redact((error as Error)?.message ?? String(error), req.secrets)}`;
    return { kind: 'network', timedOut, message };
  }
}

/** Retry-After is either delay-seconds or an HTTP date; ms from `now`, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP date form starts with the day's name; Date.parse alone would take "-5" as a year.
  const at = /^[A-Za-z]/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A refused response's failure, carrying the platform's Retry-After when a retry is due anyway. */
export function withRetryAfter(failure: SendFailure, outcome: Extract<ApiOutcome, { kind: 'response' }>): SendFailure {
  return failure.retryable && outcome.retryAfterMs !== undefined ? { ...failure, retryAfterMs: outcome.retryAfterMs } : failure;
}

export function networkFailure(outcome: Extract<ApiOutcome, { kind: 'network' }>): SendFailure {
  return { ok: false, error: outcome.message, retryable: true, code: outcome.timedOut ? 'timeout' : 'network' };
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
