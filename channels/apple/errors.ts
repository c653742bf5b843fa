import { networkFailure, withRetryAfter, type ApiOutcome, type SendFailure } from '../shared/http';
import { rec, str } from '../shared/json';

/** An answer of Apple's gateway that is not a success, as the message's failure. */
export function appleFailure(outcome: ApiOutcome, what = 'Apple'): SendFailure {
  if (outcome.kind === 'network') return networkFailure(outcome);
  const body = rec(outcome.json);
  const reason = str(body?.message) ?? str(body?.error) ?? (outcome.text.trim().slice(0, 200) || `HTTP ${outcome.status}`);
  // 401/403: the MSP id or secret no longer matches what Apple holds; the admin reconnects.
  if (outcome.status === 401 || outcome.status === 403) return { ok: false, error: `Apple refused the credentials: ${reason}`, retryable: false, authError: true, code: outcome.status };
  const retryable = outcome.status === 429 || outcome.status >= 500;
  return withRetryAfter({ ok: false, error: `${what}: ${reason}`, retryable, code: outcome.status }, outcome);
}
