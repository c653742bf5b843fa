/**
 * LINE Messaging API error bodies: `{"message":"…","details":[{"message","property"}]}`
 * (LINE Messaging API), and ready-made scripted failures.
 */

export type LineErrorDetail = { message: string; property: string };
export type LineErrorBody = { message: string; details?: LineErrorDetail[] };

export const AUTH_FAILED: LineErrorBody = {
  message: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
};
export const AUTH_MISSING: LineErrorBody = {
  message: "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'",
};
export const INVALID_REPLY_TOKEN: LineErrorBody = { message: 'Invalid reply token' };
export const NOT_FOUND: LineErrorBody = { message: 'Not found' };

export function bodyErrors(details: LineErrorDetail[]): LineErrorBody {
  return { message: `The request body has ${details.length} error(s)`, details };
}

/** Spread into failNext, e.g. `line.failNext({ ...lineErrors.rateLimited() })`. */
export const lineErrors = {
  rateLimited: () => ({ status: 429, body: { message: 'The API rate limit has been exceeded. Try again later.' } }),
  monthlyLimit: () => ({ status: 429, body: { message: 'You have reached your monthly limit.' } }),
  serverError: (status = 500) => ({ status, body: { message: 'Internal server error' } }),
  authFailed: () => ({ status: 401, body: AUTH_FAILED }),
  invalidReplyToken: () => ({ status: 400, body: INVALID_REPLY_TOKEN }),
  /** The user blocked the account or never added it as a friend (push). */
  notFriend: () => ({ status: 400, body: { message: 'Failed to send messages' } }),
};
