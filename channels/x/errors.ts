import type { SendFailure } from '../shared/http';
import { arr, num, rec, str } from '../shared/json';

// v1.1 codes that mean the account's token no longer works: "Could not authenticate you",
// "Invalid or expired token", "account locked". Refused at once, the admin reconnects.
const TOKEN_CODES = new Set([32, 89, 326]);

/** X's errors: v2 Problem Details ({title, detail, type}) or v1.1 {errors:[{code, message}]}. */
function readXError(json: unknown): { text?: string; code?: number; type?: string } {
  const body = rec(json);
  const first = rec(arr(body?.errors)[0]);
  // The first error says which parameter; the Problem Details' detail is generic then.
  const text = str(first?.message) ?? str(first?.detail) ?? str(body?.detail) ?? str(body?.title);
  return { text, code: num(first?.code), type: str(body?.type) ?? str(first?.type) };
}

/** x-rate-limit-reset is the epoch second the window reopens: the wait from `now`. */
export function rateLimitResetMs(headers: Headers, now = Date.now()): number | undefined {
  const reset = num(headers.get('x-rate-limit-reset'));
  return reset === undefined ? undefined : Math.max(0, reset * 1000 - now);
}

export function xFailure(status: number, json: unknown, headers: Headers, now = Date.now()): SendFailure {
  const error = readXError(json);
  const text = `${error.text ?? `HTTP ${status}`}${error.code === undefined ? '' : ` (code ${error.code})`}`;
  const code = error.code ?? status;
  const tokenCode = error.code !== undefined && TOKEN_CODES.has(error.code);
  const tokenProblem = /unsupported-authentication|oauth/i.test(error.type ?? '');
  const tokenRefused = status === 401 || (status === 403 && (tokenCode || tokenProblem));
  if (tokenRefused) return { ok: false, error: text, retryable: false, authError: true, code };
  if (status === 429) {
    const retryAfterMs = rateLimitResetMs(headers, now);
    return { ok: false, error: `Rate limited by X: ${text}`, retryable: true, code, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  // 403 otherwise: the customer does not take DMs from the account (code 349) or similar; a retry will not change it.
  return { ok: false, error: text, retryable: status >= 500, code };
}
