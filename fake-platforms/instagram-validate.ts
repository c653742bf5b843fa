import { charLength, isObject, type Json } from './check';
import { validateMessengerSend, type MessengerSend } from './messenger-validate';

/**
 * Checks an Instagram Send API body the way the Graph API does: Messenger's shape (shared
 * checks), then what Instagram narrows: texts up to 1,000 characters, image/video/audio and
 * generic templates only, text quick replies only, and HUMAN_AGENT as the only tag.
 */

const MAX_TEXT = 1000;
const ATTACHMENT_TYPES = ['image', 'video', 'audio', 'template'];

type InstagramSend = Exclude<MessengerSend, { kind: 'notification' }>;

export function validateInstagramSend(body: Json): { ok: true; send: InstagramSend } | { ok: false; error: string } {
  const shared = validateMessengerSend(body);
  const fail = (error: string) => ({ ok: false as const, error });
  if (!shared.ok) return shared;
  // Marketing Messages' tokens are Messenger's only.
  if (shared.send.kind === 'notification') return fail('Param recipient[notification_messages_token] is not supported for Instagram');
  if (shared.send.kind === 'action') return { ok: true, send: shared.send };
  if (body.messaging_type !== 'RESPONSE' && body.messaging_type !== 'MESSAGE_TAG') {
    return fail(`Param messaging_type must be one of {RESPONSE, MESSAGE_TAG} for Instagram - got "${String(body.messaging_type)}"`);
  }
  if (body.messaging_type === 'MESSAGE_TAG' && body.tag !== 'HUMAN_AGENT') return fail(`Param tag must be HUMAN_AGENT for Instagram - got "${String(body.tag)}"`);
  const message = shared.send.message;
  if (typeof message.text === 'string' && charLength(message.text) > MAX_TEXT) {
    return fail(`Length of param message[text] must be less than or equal to ${MAX_TEXT}`);
  }
  if (isObject(message.attachment)) {
    const type = message.attachment.type;
    if (typeof type !== 'string' || !ATTACHMENT_TYPES.includes(type)) {
      return fail(`Param message[attachment][type] must be one of {${ATTACHMENT_TYPES.join(', ')}} for Instagram - got "${String(type)}"`);
    }
    if (type === 'template' && isObject(message.attachment.payload) && message.attachment.payload.template_type !== 'generic') {
      return fail(`Instagram supports only the generic template - got "${String(message.attachment.payload.template_type)}"`);
    }
  }
  if (Array.isArray(message.quick_replies) && message.quick_replies.some((r) => !isObject(r) || r.content_type !== 'text')) {
    return fail('Instagram supports only text quick replies');
  }
  return { ok: true, send: shared.send };
}
