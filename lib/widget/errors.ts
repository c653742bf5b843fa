import type { WidgetErrorBody } from './types';

/** A refusal with a status and a message written for the shop's developer or the visitor. */
export class WidgetError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'WidgetError';
  }

  body(): WidgetErrorBody {
    return { error: this.message, code: this.code, ...(this.fieldErrors ? { fieldErrors: this.fieldErrors } : {}) };
  }
}

export const widgetErrors = {
  channelNotFound: () => new WidgetError(404, 'not_found', 'This chat is not available.'),
  unauthorized: () =>
    new WidgetError(401, 'invalid_visitor_token', 'The visitor token is missing, expired or not valid for this chat. Start a new session.'),
  invalid: (message: string, fieldErrors?: Record<string, string[]>) => new WidgetError(400, 'invalid', message, fieldErrors),
  rateLimited: (retryAfterSeconds: number) =>
    new WidgetError(429, 'rate_limited', 'Too many requests. Please wait a moment and try again.', undefined, {
      'retry-after': String(retryAfterSeconds),
    }),
};
