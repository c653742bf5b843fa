import { charLength, isHttpUrl, isNonEmptyString, isObject, type Json } from './check';

/**
 * Checks a Messenger Send API body the way the Graph API does (Messenger Platform): returns the
 * "(#100) …" message for the first problem, or null when the body would be accepted.
 */

const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG'];
const TAGS = ['HUMAN_AGENT', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE', 'CUSTOMER_FEEDBACK'];
const SENDER_ACTIONS = ['typing_on', 'typing_off', 'mark_seen'];
const ATTACHMENT_TYPES = ['image', 'video', 'audio', 'file', 'template'];
const MAX_TEXT = 2000;
const MAX_QUICK_REPLIES = 13;
const MAX_QUICK_REPLY_TITLE = 20;
const MAX_BUTTON_TITLE = 20;

const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY'];
const REOPTIN = ['ENABLED', 'DISABLED'];
const MAX_OPTIN_TITLE = 65;

export type MessengerSend =
  | { kind: 'action'; recipient: string; action: 'typing_on' | 'typing_off' | 'mark_seen' }
  | { kind: 'message'; recipient: string; message: Json }
  /** A notification (Marketing Messages) addressed to a notification_messages_token, not a PSID. */
  | { kind: 'notification'; token: string; message: Json };

export function validateMessengerSend(body: Json): { ok: true; send: MessengerSend } | { ok: false; error: string } {
  const fail = (error: string) => ({ ok: false as const, error });
  if (!isObject(body.recipient)) return fail('The parameter recipient is required');
  if (body.recipient.notification_messages_token !== undefined) return validateNotification(body);
  if (!isNonEmptyString(body.recipient.id)) return fail('Param recipient[id] must be a non-empty string');
  const recipient = body.recipient.id;

  if (body.sender_action !== undefined) {
    if (body.message !== undefined) return fail('Param sender_action cannot be sent with message');
    if (typeof body.sender_action !== 'string' || !SENDER_ACTIONS.includes(body.sender_action)) {
      return fail(`Param sender_action must be one of {MARK_SEEN, TYPING_ON, TYPING_OFF} - got "${String(body.sender_action)}"`);
    }
    return { ok: true, send: { kind: 'action', recipient, action: body.sender_action as 'typing_on' } };
  }

  if (!isObject(body.message)) return fail('The parameter message is required');
  if (body.messaging_type === undefined) return fail('The parameter messaging_type is required');
  if (typeof body.messaging_type !== 'string' || !MESSAGING_TYPES.includes(body.messaging_type)) {
    return fail(`Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG} - got "${String(body.messaging_type)}"`);
  }
  if (body.messaging_type === 'MESSAGE_TAG') {
    if (body.tag === undefined) return fail('Param tag is required when messaging_type is MESSAGE_TAG');
    if (typeof body.tag !== 'string' || !TAGS.includes(body.tag)) return fail(`Param tag must be one of {${TAGS.join(', ')}} - got "${String(body.tag)}"`);
  }
  const messageError = checkMessage(body.message);
  return messageError ? fail(messageError) : { ok: true, send: { kind: 'message', recipient, message: body.message } };
}

/** A send to a notification token: a message of its own, never a tag or a sender action. */
function validateNotification(body: Json): { ok: true; send: MessengerSend } | { ok: false; error: string } {
  const fail = (error: string) => ({ ok: false as const, error });
  const recipient = body.recipient as Json;
  if (!isNonEmptyString(recipient.notification_messages_token)) return fail('Param recipient[notification_messages_token] must be a non-empty string');
  if (recipient.id !== undefined) return fail('Only one of recipient[id] or recipient[notification_messages_token] can be specified');
  if (body.sender_action !== undefined) return fail('Param sender_action cannot be sent to a notification_messages_token');
  if (body.tag !== undefined) return fail('Param tag cannot be used with a notification_messages_token');
  if (!isObject(body.message)) return fail('The parameter message is required');
  const messageError = checkMessage(body.message);
  return messageError ? fail(messageError) : { ok: true, send: { kind: 'notification', token: recipient.notification_messages_token, message: body.message } };
}

function checkMessage(message: Json): string | null {
  const hasText = message.text !== undefined;
  const hasAttachment = message.attachment !== undefined;
  if (hasText && hasAttachment) return 'Only one of text or attachment can be specified in param message';
  if (!hasText && !hasAttachment) return 'Param message must contain either text or attachment';
  if (hasText) {
    if (!isNonEmptyString(message.text)) return 'Param message[text] must be a non-empty UTF-8 encoded string';
    if (charLength(message.text) > MAX_TEXT) return `Length of param message[text] must be less than or equal to ${MAX_TEXT}`;
  } else {
    const error = checkAttachment(message.attachment);
    if (error) return error;
  }
  if (message.quick_replies !== undefined) {
    const error = checkQuickReplies(message.quick_replies);
    if (error) return error;
  }
  if (message.metadata !== undefined && (typeof message.metadata !== 'string' || message.metadata.length > 1000)) {
    return 'Param message[metadata] must be a string of at most 1000 characters';
  }
  return null;
}

function checkAttachment(attachment: unknown): string | null {
  if (!isObject(attachment)) return 'Param message[attachment] must be an object';
  if (typeof attachment.type !== 'string' || !ATTACHMENT_TYPES.includes(attachment.type)) {
    return `Param message[attachment][type] must be one of {${ATTACHMENT_TYPES.join(', ')}} - got "${String(attachment.type)}"`;
  }
  if (!isObject(attachment.payload)) return 'The parameter message[attachment][payload] is required';
  const payload = attachment.payload;
  if (attachment.type === 'template') return checkTemplate(payload);
  if (payload.attachment_id !== undefined) {
    return isNonEmptyString(payload.attachment_id) ? null : 'Param message[attachment][payload][attachment_id] must be a valid attachment id';
  }
  if (!isHttpUrl(payload.url)) return 'Param message[attachment][payload][url] must be a valid URL';
  return null;
}

function checkTemplate(payload: Json): string | null {
  switch (payload.template_type) {
    case 'generic': {
      const elements = payload.elements;
      if (!Array.isArray(elements) || elements.length === 0) return 'Param message[attachment][payload][elements] must be a non-empty array';
      if (elements.length > 10) return 'Param message[attachment][payload][elements] must have at most 10 elements';
      for (const [i, element] of elements.entries()) {
        const where = `message[attachment][payload][elements][${i}]`;
        if (!isObject(element)) return `Param ${where} must be an object`;
        if (!isNonEmptyString(element.title)) return `Param ${where}[title] must be a non-empty UTF-8 encoded string`;
        if (charLength(element.title) > 80) return `Length of param ${where}[title] must be less than or equal to 80`;
        if (element.subtitle !== undefined && (typeof element.subtitle !== 'string' || charLength(element.subtitle) > 80)) {
          return `Length of param ${where}[subtitle] must be less than or equal to 80`;
        }
        if (element.image_url !== undefined && !isHttpUrl(element.image_url)) return `Param ${where}[image_url] must be a valid URL`;
        if (element.buttons !== undefined) {
          const error = checkButtons(element.buttons, `${where}[buttons]`);
          if (error) return error;
        }
      }
      return null;
    }
    case 'button': {
      if (!isNonEmptyString(payload.text)) return 'Param message[attachment][payload][text] must be a non-empty UTF-8 encoded string';
      if (charLength(payload.text) > 640) return 'Length of param message[attachment][payload][text] must be less than or equal to 640';
      if (!Array.isArray(payload.buttons) || payload.buttons.length === 0) return 'Param message[attachment][payload][buttons] must be a non-empty array';
      return checkButtons(payload.buttons, 'message[attachment][payload][buttons]');
    }
    case 'notification_messages':
      return checkOptinRequest(payload);
    case 'media':
    case 'receipt':
    case 'customer_feedback':
      return null;
    default:
      return `Param message[attachment][payload][template_type] must be one of {generic, button, media, receipt, notification_messages} - got "${String(payload.template_type)}"`;
  }
}

/** Meta's notification opt-in request (Marketing Messages). */
function checkOptinRequest(payload: Json): string | null {
  const where = 'message[attachment][payload]';
  if (!isNonEmptyString(payload.title)) return `Param ${where}[title] must be a non-empty UTF-8 encoded string`;
  if (charLength(payload.title) > MAX_OPTIN_TITLE) return `Length of param ${where}[title] must be less than or equal to ${MAX_OPTIN_TITLE}`;
  if (payload.payload !== undefined && (!isNonEmptyString(payload.payload) || payload.payload.length > 1000)) {
    return `Param ${where}[payload] must be a non-empty string of at most 1000 characters`;
  }
  const frequency = payload.notification_messages_frequency;
  if (frequency !== undefined && (typeof frequency !== 'string' || !FREQUENCIES.includes(frequency))) {
    return `Param ${where}[notification_messages_frequency] must be one of {${FREQUENCIES.join(', ')}} - got "${String(frequency)}"`;
  }
  const reoptin = payload.notification_messages_reoptin;
  if (reoptin !== undefined && (typeof reoptin !== 'string' || !REOPTIN.includes(reoptin))) {
    return `Param ${where}[notification_messages_reoptin] must be one of {${REOPTIN.join(', ')}} - got "${String(reoptin)}"`;
  }
  const zone = payload.notification_messages_timezone;
  if (zone !== undefined && (typeof zone !== 'string' || !isTimeZone(zone))) return `Param ${where}[notification_messages_timezone] must be a valid time zone`;
  return null;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function checkButtons(buttons: unknown, where: string): string | null {
  if (!Array.isArray(buttons)) return `Param ${where} must be an array`;
  if (buttons.length > 3) return `Param ${where} must have at most 3 buttons`;
  for (const [i, button] of buttons.entries()) {
    if (!isObject(button)) return `Param ${where}[${i}] must be an object`;
    if (button.type === 'web_url') {
      if (!isHttpUrl(button.url)) return `Param ${where}[${i}][url] must be a valid URL`;
    } else if (button.type === 'postback') {
      if (!isNonEmptyString(button.payload)) return `Param ${where}[${i}][payload] must be a non-empty UTF-8 encoded string`;
      if (button.payload.length > 1000) return `Length of param ${where}[${i}][payload] must be less than or equal to 1000`;
    } else if (button.type === 'phone_number') {
      if (!isNonEmptyString(button.payload)) return `Param ${where}[${i}][payload] must be a phone number`;
    } else {
      return `Param ${where}[${i}][type] must be one of {web_url, postback, phone_number} - got "${String(button.type)}"`;
    }
    if (!isNonEmptyString(button.title)) return `Param ${where}[${i}][title] must be a non-empty UTF-8 encoded string`;
    if (charLength(button.title) > MAX_BUTTON_TITLE) return `Length of param ${where}[${i}][title] must be less than or equal to ${MAX_BUTTON_TITLE}`;
  }
  return null;
}

function checkQuickReplies(quickReplies: unknown): string | null {
  if (!Array.isArray(quickReplies) || quickReplies.length === 0) return 'Param message[quick_replies] must be a non-empty array';
  if (quickReplies.length > MAX_QUICK_REPLIES) return `Param message[quick_replies] must have at most ${MAX_QUICK_REPLIES} elements`;
  for (const [i, reply] of quickReplies.entries()) {
    const where = `message[quick_replies][${i}]`;
    if (!isObject(reply)) return `Param ${where} must be an object`;
    if (reply.content_type === 'user_phone_number' || reply.content_type === 'user_email') continue;
    if (reply.content_type !== 'text') {
      return `Param ${where}[content_type] must be one of {text, user_phone_number, user_email} - got "${String(reply.content_type)}"`;
    }
    if (!isNonEmptyString(reply.title)) return `Param ${where}[title] must be a non-empty UTF-8 encoded string`;
    if (charLength(reply.title) > MAX_QUICK_REPLY_TITLE) return `Length of param ${where}[title] must be less than or equal to ${MAX_QUICK_REPLY_TITLE}`;
    if (!isNonEmptyString(reply.payload) && typeof reply.payload !== 'number') return `Param ${where}[payload] must be a non-empty UTF-8 encoded string`;
    if (String(reply.payload).length > 1000) return `Length of param ${where}[payload] must be less than or equal to 1000`;
    if (reply.image_url !== undefined && !isHttpUrl(reply.image_url)) return `Param ${where}[image_url] must be a valid URL`;
  }
  return null;
}
