// Rules Messenger and WhatsApp share because both are Meta webhooks on the Graph API.
import { hexDigestMatches, hmacSha256, stringsEqual } from './crypto';
import { num, rec, str } from './json';

/** X-Hub-Signature-256: sha256=<hex HMAC of the raw bytes with the app secret>. */
export function verifyMetaSignature(rawBody: Buffer, headers: Headers, appSecret: string): boolean {
  if (!appSecret) return false;
  const header = headers.get('x-hub-signature-256');
  if (!header || !header.startsWith('sha256=')) return false;
  return hexDigestMatches(header.slice('sha256='.length), hmacSha256(appSecret, rawBody));
}

/** hub.mode=subscribe with our verify token → echo hub.challenge; anything else → null (403). */
export function verifyMetaHandshake(params: URLSearchParams, verifyToken: string): string | null {
  const challenge = params.get('hub.challenge');
  const token = params.get('hub.verify_token');
  if (!verifyToken || params.get('hub.mode') !== 'subscribe' || token === null || challenge === null) return null;
  return stringsEqual(token, verifyToken) ? challenge : null;
}

export type GraphError = { message?: string; code?: number; subcode?: number; type?: string; details?: string };

export function readGraphError(json: unknown): GraphError | undefined {
  const error = rec(rec(json)?.error);
  if (!error) return undefined;
  return {
    message: str(error.message),
    code: num(error.code),
    subcode: num(error.error_subcode),
    type: str(error.type),
    details: str(rec(error.error_data)?.details),
  };
}

/** "(#10) message" as Meta phrases it; their message often carries the prefix already. */
export function graphErrorText(error: GraphError | undefined, status: number): string {
  const message = error?.message?.trim() || `HTTP ${status}`;
  if (error?.code === undefined || message.startsWith('(#')) return message;
  return `(#${error.code}) ${message}`;
}
