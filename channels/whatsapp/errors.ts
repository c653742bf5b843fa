import type { SendFailure } from '../shared/http';
import { graphErrorText, readGraphError } from '../shared/meta';

// Temporary errors and the Cloud API's throughput/spam/pair rate limits: later may work.
const RETRYABLE_CODES = new Set([1, 2, 4, 80007, 130429, 131048, 131056, 133004]);

export function whatsAppFailure(status: number, json: unknown): SendFailure {
  const error = readGraphError(json);
  const text = graphErrorText(error, status);
  const code = error?.code ?? status;
  if (error?.code === 190 || status === 401) return { ok: false, error: text, retryable: false, authError: true, code };
  // Outside the 24 h customer-service window: only a template will get through.
  if (error?.code === 131047) return { ok: false, error: text, retryable: false, code };
  const retryable = status === 429 || status >= 500 || (error?.code !== undefined && RETRYABLE_CODES.has(error.code));
  return { ok: false, error: text, retryable, code };
}
