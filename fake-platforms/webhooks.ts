import type { SignedWebhook } from './webhook-signing';

/**
 * Correctly signed inbound webhooks, built as the platforms would send them: for
 * integration tests and for the demo's customer simulator.
 */

export { messengerEvent, messengerWebhook, type MessengerEventInput, type MessengerWebhookInput } from './messenger-webhook';
export {
  whatsappWebhook,
  type WhatsAppMediaInput,
  type WhatsAppStatusInput,
  type WhatsAppWebhookInput,
} from './whatsapp-webhook';
export { instagramEvent, instagramWebhook, type InstagramEventInput, type InstagramWebhookInput } from './instagram-webhook';
export { checkXCrc, signXPayload, xSignature, xWebhook, type XDirectMessageInput, type XUser, type XWebhookInput } from './x-webhook';
export { appleCustomerId, appleWebhook, type AppleBusinessKeys, type AppleWebhook, type AppleWebhookInput } from './apple-webhook';
export { lineEvent, lineWebhook, type BuiltLineEvent, type LineEventInput, type LineWebhookInput } from './line-webhook';
export {
  lineSignature,
  metaEscapeJson,
  metaSha1Signature,
  metaSignature,
  signLinePayload,
  signMetaPayload,
  type SignedWebhook,
} from './webhook-signing';

/** POSTs a built webhook to the app, as the platform's delivery would. */
export function deliverWebhook(url: string, webhook: SignedWebhook, init: { signal?: AbortSignal } = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: webhook.headers, body: webhook.body, signal: init.signal });
}
