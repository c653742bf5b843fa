import { fbtraceId } from './ids';

/**
 * Graph API error bodies (Messenger and WhatsApp share them), plus ready-made scripted
 * failures matching what the platforms really answer (Messenger Platform, WhatsApp Cloud API).
 */

export type GraphErrorBody = {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_data?: { messaging_product: 'whatsapp'; details: string };
    is_transient?: boolean;
    fbtrace_id: string;
  };
};

export function graphError(
  code: number,
  message: string,
  extra: { subcode?: number; details?: string; type?: string; transient?: boolean } = {},
): GraphErrorBody {
  return {
    error: {
      message,
      type: extra.type ?? 'OAuthException',
      code,
      ...(extra.subcode !== undefined ? { error_subcode: extra.subcode } : {}),
      ...(extra.details !== undefined ? { error_data: { messaging_product: 'whatsapp' as const, details: extra.details } } : {}),
      ...(extra.transient !== undefined ? { is_transient: extra.transient } : {}),
      fbtrace_id: fbtraceId(),
    },
  };
}

/** "(#100) …" parameter errors; WhatsApp adds error_data.details saying which field. */
export function invalidParameter(message: string, whatsappDetails?: string): GraphErrorBody {
  return graphError(100, `(#100) ${message}`, { details: whatsappDetails });
}

export const INVALID_TOKEN_MESSAGE = 'Invalid OAuth access token - Cannot parse access token';

export function invalidToken(): GraphErrorBody {
  return graphError(190, INVALID_TOKEN_MESSAGE);
}

/** GET/POST on an id the token cannot see (the real answer for unknown PSIDs, media ids…). */
export function unknownObject(method: 'get' | 'post', id: string): GraphErrorBody {
  return graphError(
    100,
    `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    { subcode: 33, type: 'GraphMethodException' },
  );
}

export function unknownPath(path: string): GraphErrorBody {
  return graphError(2500, `Unknown path components: ${path}`);
}

/** Scripted-failure presets: spread into failNext, e.g. `meta.failNext({ platform: 'facebook', ...graphErrors.outsideWindow() })`. */
export const graphErrors = {
  /** Messenger: more than 24 h since the customer's last message, and no usable tag. */
  outsideWindow: () => ({
    status: 400,
    body: graphError(10, '(#10) This message is sent outside of allowed window.', { subcode: 2018278 }),
  }),
  /** Token revoked or expired (Messenger answers 400, WhatsApp 401). */
  tokenExpired: (status = 400) => ({
    status,
    body: graphError(190, 'Error validating access token: Session has expired on Monday, 01-Jan-24 00:00:00 PST.', {
      subcode: 463,
    }),
  }),
  invalidToken: (status = 400) => ({ status, body: invalidToken() }),
  /** Messenger: the PSID is unknown to this page (user deleted, wrong page). */
  noMatchingUser: () => ({
    status: 400,
    body: graphError(100, '(#100) No matching user found', { subcode: 2018001 }),
  }),
  /** WhatsApp: over 24 h since the customer last wrote; only templates may be sent. */
  reengagement: () => ({
    status: 400,
    body: graphError(131047, '(#131047) Re-engagement message', {
      details:
        'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    }),
  }),
  /** WhatsApp test numbers may only message an allow-list. */
  recipientNotAllowed: () => ({
    status: 400,
    body: graphError(131030, '(#131030) Recipient phone number not in allowed list', {
      subcode: 2655007,
      details: 'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.',
    }),
  }),
  rateLimited: (status = 429) => ({
    status,
    headers: { 'retry-after': '60' },
    body: graphError(4, '(#4) Application request limit reached', { transient: true }),
  }),
  /** WhatsApp's own throughput limit. */
  whatsappRateLimited: () => ({
    status: 429,
    body: graphError(130429, '(#130429) Rate limit hit', {
      details: 'Cloud API message throughput has been reached.',
    }),
  }),
  serverError: (status = 500) => ({
    status,
    body: graphError(2, 'An unexpected error has occurred. Please retry your request later.', { transient: true }),
  }),
};
