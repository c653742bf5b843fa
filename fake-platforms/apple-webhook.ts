import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { appleGatewayJwt } from './apple-jwt';

/** Who Apple's gateway is talking to: the provider (MSP id, secret) and the business. */
export type AppleBusinessKeys = { businessId: string; mspId: string; secret: string };

export type AppleWebhookInput = {
  /** The customer's opaque id (urn:mbid:…). */
  customerId: string;
  id?: string;
} & (
  | { type: 'text'; text: string; attachments?: Record<string, unknown>[] }
  | { type: 'typing_start' | 'typing_end' | 'close' }
  | { type: 'interactive'; listPick: { identifier: string; title: string }[] }
);

export type AppleWebhook = { id: string; body: Buffer; json: string; headers: Record<string, string> };

/**
 * A message as Apple's gateway posts it to the MSP: JSON gzipped, the customer and business
 * in both headers and body, an HS256 JWT whose audience is the MSP id, signed with the
 * base64-decoded secret.
 */
export function appleWebhook(input: AppleWebhookInput, keys: AppleBusinessKeys, now = Date.now()): AppleWebhook {
  const id = input.id ?? randomUUID();
  const base = { id, v: 1, sourceId: input.customerId, destinationId: keys.businessId, locale: 'en_US' };
  const message =
    input.type === 'text'
      ? { ...base, type: 'text', body: input.text + (input.attachments ?? []).map(() => '\uFFFC').join(''), ...(input.attachments ? { attachments: input.attachments } : {}) }
      : input.type === 'interactive'
        ? {
            ...base,
            type: 'interactive',
            interactiveData: {
              bid: 'com.apple.messages.MSMessageExtensionBalloonPlugin:0000000000:com.apple.icloud.apps.messages.business.extension',
              data: { version: '1.0', listPicker: { sections: [{ order: 0, items: input.listPick.map((item, order) => ({ ...item, order })) }] } },
            },
          }
        : { ...base, type: input.type };
  const json = JSON.stringify(message);
  const seconds = Math.floor(now / 1000);
  return {
    id,
    json,
    body: gzipSync(json),
    headers: {
      authorization: `Bearer ${appleGatewayJwt({ aud: keys.mspId, iss: 'https://mspgw.push.apple.com', iat: seconds, exp: seconds + 3600 }, keys.secret)}`,
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'source-id': input.customerId,
      'destination-id': keys.businessId,
      'capability-list': 'LIST,TIME,QUICK,AUTH,INPUT',
      'device-agent': 'iPhone18,1',
    },
  };
}

/** An opaque customer id in Apple's form. */
export function appleCustomerId(): string {
  return `urn:mbid:${Buffer.from(randomUUID()).toString('base64url')}`;
}
