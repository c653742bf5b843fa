import type { SendFailure } from '../shared/http';
import { graphErrorText, readGraphError } from '../shared/meta';

// Graph codes that mean "later may work": unknown/temporary errors, app and page rate limits,
// and Messenger's "temporary send message failure".
const RETRYABLE_CODES = new Set([1, 2, 4, 17, 32, 613, 1200]);

export function messengerFailure(status: number, json: unknown): SendFailure {
  const error = readGraphError(json);
  const text = graphErrorText(error, status);
  const code = error?.code ?? status;
  if (error?.code === 190 || status === 401) return { ok: false, error: text, retryable: false, authError: true, code };
  // Outside the 24 h window (or the tag is not allowed): resending will not change that.
  if (error?.code === 10 || error?.subcode === 2018278) return { ok: false, error: text, retryable: false, code };
  const retryable = status === 429 || status >= 500 || (error?.code !== undefined && RETRYABLE_CODES.has(error.code));
  return { ok: false, error: text, retryable, code };
}
