// Errors that mean "the database cannot be reached now" (stopped, restarting, the network
// between us cut) rather than "this query is wrong": worth a clear "try again in a moment"
// to the user, and a 503 to a platform, instead of a generic failure.

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
// SQLSTATE class 08 (connection exception) and the 57P0x shutdown codes.
const SQLSTATE = /^(08\d{3}|57P0[1-3])$/;

export function isDatabaseUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || SQLSTATE.test(code))) return true;
    if (typeof message === 'string' && /^Connection terminated|timeout exceeded when trying to connect/i.test(message)) return true;
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnreachable)) return true;
  }
  return false;
}
