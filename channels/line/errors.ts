import type { SendFailure } from '../shared/http';
import { arr, rec, str } from '../shared/json';

/** LINE error bodies: {"message":"…","details":[{"message":"…","property":"…"}]}. */
export function lineErrorText(status: number, json: unknown): string {
  const body = rec(json);
  const message = str(body?.message) ?? `HTTP ${status}`;
  const details = arr(body?.details)
    .map((d) => [str(rec(d)?.property), str(rec(d)?.message)].filter(Boolean).join(': '))
    .filter(Boolean);
  return details.length ? `${message} (${details.join('; ')})` : message;
}

export function isInvalidReplyToken(status: number, json: unknown): boolean {
  return status === 400 && /invalid reply token/i.test(str(rec(json)?.message) ?? '');
}

export function lineFailure(status: number, json: unknown): SendFailure {
  const error = lineErrorText(status, json);
  if (status === 401) return { ok: false, error, retryable: false, authError: true, code: status };
  return { ok: false, error, retryable: status === 429 || status >= 500, code: status };
}
