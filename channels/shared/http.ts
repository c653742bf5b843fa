import type { SendResult } from '../types';

export const DEFAULT_TIMEOUT_MS = 10_000;

export type RequestOptions = { fetch?: typeof fetch; timeoutMs?: number };

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
  | { kind: 'response'; status: number; headers: Headers; text: string; json: unknown }
  | { kind: 'network'; timedOut: boolean; message: string };

export type SendFailure = Extract<SendResult, { ok: false }>;

export function redact(message: string, secrets: string[] = []): string {
  let out = message.replace(/access_token=[^&\s"']+/g, 'access_token=[redacted]');
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) if (form) out = out.split(form).join('[redacted]');
  }
  return out;
}

function isTimeout(error: unknown): boolean {
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
    return { kind: 'response', status: res.status, headers: res.headers, text, json };
  } catch (error) {
    const timedOut = isTimeout(error);
    const message = timedOut
      ? `Timed out after ${timeoutMs} ms`
      : `Network error: ${redact((error as Error)?.message ?? String(error), req.secrets)}`;
    return { kind: 'network', timedOut, message };
  }
}

export function networkFailure(outcome: Extract<ApiOutcome, { kind: 'network' }>): SendFailure {
  return { ok: false, error: outcome.message, retryable: true, code: outcome.timedOut ? 'timeout' : 'network' };
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
