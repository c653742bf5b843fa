export type ErrorCode = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'unavailable';

/**
 * An error whose message is written for the user ("Ana already took this conversation").
 * Only these messages reach the browser; anything else becomes a generic message.
 */
export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Per-input messages for forms ("shortcut": ["There is already a shortcut /thanks."]). */
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * The reason worth storing for an error: the database's own words when the query builder
 * wrapped them ("Failed query: insert …" hides "duplicate key …"), else the message.
 */
export function errorReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message ? cause.message : error.message;
}
