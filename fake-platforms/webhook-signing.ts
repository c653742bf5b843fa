import { createHmac } from 'node:crypto';

/**
 * Serialising and signing webhooks exactly as the platforms do (Meta's and LINE's signatures, checked against their published samples):
 * the signature covers the bytes sent, so receivers must verify the raw body.
 */

export type SignedWebhook = {
  /** The exact body to POST; the signature covers these bytes. */
  body: string;
  /** Lower-case header names: content-type plus the platform's signature header(s). */
  headers: Record<string, string>;
  /** The object that was serialised, for assertions. */
  payload: unknown;
};

/** `sha256=<hex HMAC-SHA256(app secret, body)>`, Meta's X-Hub-Signature-256. */
export function metaSignature(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** The legacy X-Hub-Signature header Meta still sends alongside. */
export function metaSha1Signature(body: string | Buffer, appSecret: string): string {
  return `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}`;
}

/** base64 HMAC-SHA256(channel secret, body), LINE's x-line-signature. */
export function lineSignature(body: string | Buffer, channelSecret: string): string {
  return createHmac('sha256', channelSecret).update(body).digest('base64');
}

/**
 * JSON the way Meta delivers it: non-ASCII as \uXXXX (lowercase hex; astral characters as
 * surrogate pairs), "/" as "\/", and "<", "%", "@" as \u003C, \u0025, \u0040. A receiver that
 * parses and re-serialises before hashing gets a different digest (vector M3), which is the
 * bug these bodies are meant to catch. All of these characters only occur inside JSON
 * strings, so rewriting the serialised text is safe.
 */
export function metaEscapeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff/<%@]/g, (ch) => {
    switch (ch) {
      case '/':
        return '\\/';
      case '<':
        return '\\u003C';
      case '%':
        return '\\u0025';
      case '@':
        return '\\u0040';
      default:
        return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

export function signMetaPayload(payload: unknown, appSecret: string, options: { escape?: boolean } = {}): SignedWebhook {
  const body = options.escape === false ? JSON.stringify(payload) : metaEscapeJson(payload);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': metaSignature(body, appSecret),
      'x-hub-signature': metaSha1Signature(body, appSecret),
    },
    payload,
  };
}

export function signLinePayload(payload: unknown, channelSecret: string): SignedWebhook {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-line-signature': lineSignature(body, channelSecret) },
    payload,
  };
}
