import { charLength, isHttpUrl, isNonEmptyString, isNumeric, isObject, type Json } from './check';

/**
 * Checks a WhatsApp Cloud API send body. Errors come back as the Graph
 * message ("The parameter to is required." / "Invalid parameter") plus error_data.details
 * naming the field, like the real API.
 */

export const WHATSAPP_TYPES = [
  'text', 'image', 'video', 'audio', 'document', 'sticker', 'location', 'contacts', 'interactive', 'template',
] as const;
export type WhatsAppType = (typeof WHATSAPP_TYPES)[number];

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];
const CAPTIONED = ['image', 'video', 'document'];

export type WhatsAppSend =
  | { kind: 'read'; messageId: string }
  | { kind: 'message'; to: string; waId: string; type: WhatsAppType };

export type WhatsAppCheck = { ok: true; send: WhatsAppSend } | { ok: false; message: string; details: string };

const missing = (param: string): WhatsAppCheck => ({
  ok: false,
  message: `The parameter ${param} is required.`,
  details: `The parameter ${param} is required.`,
});
const invalid = (details: string): WhatsAppCheck => ({ ok: false, message: 'Invalid parameter', details });

export function validateWhatsAppSend(body: Json): WhatsAppCheck {
  if (body.messaging_product === undefined) return missing('messaging_product');
  if (body.messaging_product !== 'whatsapp') return invalid(`Param messaging_product must be "whatsapp", got "${String(body.messaging_product)}"`);

  // Marking an inbound message read shares the endpoint but has no recipient.
  if (body.status !== undefined) {
    if (body.status !== 'read') return invalid(`Param status must be "read", got "${String(body.status)}"`);
    if (!isNonEmptyString(body.message_id)) return missing('message_id');
    return { ok: true, send: { kind: 'read', messageId: body.message_id } };
  }

  if (body.recipient_type !== undefined && body.recipient_type !== 'individual') {
    return invalid(`Param recipient_type must be "individual", got "${String(body.recipient_type)}"`);
  }
  if (body.to === undefined) return missing('to');
  if (typeof body.to !== 'string' || !/^\+?[0-9][0-9 ()-]{4,20}$/.test(body.to.trim())) {
    return invalid(`Param to must be a phone number or WhatsApp ID, got "${String(body.to)}"`);
  }
  // The API defaults a missing type to text.
  const type = body.type ?? 'text';
  if (typeof type !== 'string' || !(WHATSAPP_TYPES as readonly string[]).includes(type)) {
    return invalid(`Invalid Type: message type should be one of the following [${WHATSAPP_TYPES.join(', ')}]`);
  }
  if (body.context !== undefined && (!isObject(body.context) || !isNonEmptyString(body.context.message_id))) {
    return invalid("Param context['message_id'] must be a non-empty string");
  }
  const content = body[type];
  if (content === undefined) return missing(type);
  const error = checkContent(type as WhatsAppType, content);
  if (error) return error;
  return { ok: true, send: { kind: 'message', to: body.to, waId: body.to.replace(/[^0-9]/g, ''), type: type as WhatsAppType } };
}

function checkContent(type: WhatsAppType, content: unknown): WhatsAppCheck | null {
  if (type === 'contacts') return checkContacts(content);
  if (!isObject(content)) return invalid(`Param ${type} must be an object`);
  if (MEDIA_TYPES.includes(type)) return checkMedia(type, content);
  switch (type) {
    case 'text':
      if (content.body === undefined) return missing("text['body']");
      if (!isNonEmptyString(content.body)) return invalid("Param text['body'] must be a non-empty string");
      if (charLength(content.body) > 4096) return invalid("Param text['body'] must be at most 4096 characters");
      if (content.preview_url !== undefined && typeof content.preview_url !== 'boolean') return invalid("Param text['preview_url'] must be a boolean");
      return null;
    case 'location':
      if (content.latitude === undefined) return missing("location['latitude']");
      if (content.longitude === undefined) return missing("location['longitude']");
      if (!isNumeric(content.latitude) || Math.abs(Number(content.latitude)) > 90) return invalid("Param location['latitude'] must be a number between -90 and 90");
      if (!isNumeric(content.longitude) || Math.abs(Number(content.longitude)) > 180) return invalid("Param location['longitude'] must be a number between -180 and 180");
      return null;
    case 'interactive':
      return checkInteractive(content);
    case 'template':
      if (!isNonEmptyString(content.name)) return missing("template['name']");
      if (!isObject(content.language) || !isNonEmptyString(content.language.code)) return missing("template['language']['code']");
      if (content.components !== undefined && !Array.isArray(content.components)) return invalid("Param template['components'] must be an array");
      return null;
    default:
      return null;
  }
}

function checkMedia(type: string, media: Json): WhatsAppCheck | null {
  const hasId = media.id !== undefined;
  const hasLink = media.link !== undefined;
  if (hasId === hasLink) return invalid(`Param ${type} must contain exactly one of ${type}['id'] or ${type}['link']`);
  if (hasId && !isNonEmptyString(media.id)) return invalid(`Param ${type}['id'] must be a valid media id`);
  if (hasLink && !isHttpUrl(media.link)) return invalid(`Param ${type}['link'] must be a valid URL`);
  if (media.caption !== undefined) {
    if (!CAPTIONED.includes(type)) return invalid(`Param ${type}['caption'] is not supported for ${type} messages`);
    if (typeof media.caption !== 'string' || charLength(media.caption) > 1024) return invalid(`Param ${type}['caption'] must be a string of at most 1024 characters`);
  }
  if (media.filename !== undefined && (type !== 'document' || typeof media.filename !== 'string')) {
    return invalid(`Param ${type}['filename'] is only supported on documents`);
  }
  return null;
}

function checkContacts(contacts: unknown): WhatsAppCheck | null {
  if (!Array.isArray(contacts) || contacts.length === 0) return invalid('Param contacts must be a non-empty array');
  for (const [i, contact] of contacts.entries()) {
    if (!isObject(contact) || !isObject(contact.name)) return missing(`contacts[${i}]['name']`);
    if (!isNonEmptyString(contact.name.formatted_name)) return missing(`contacts[${i}]['name']['formatted_name']`);
    if (contact.phones !== undefined && !Array.isArray(contact.phones)) return invalid(`Param contacts[${i}]['phones'] must be an array`);
  }
  return null;
}

function checkInteractive(interactive: Json): WhatsAppCheck | null {
  const kind = interactive.type;
  if (kind === undefined) return missing("interactive['type']");
  if (!isObject(interactive.action)) return missing("interactive['action']");
  const action = interactive.action;
  if (interactive.footer !== undefined && (!isObject(interactive.footer) || typeof interactive.footer.text !== 'string' || charLength(interactive.footer.text) > 60)) {
    return invalid("Param interactive['footer']['text'] must be a string of at most 60 characters");
  }
  if (kind === 'button' || kind === 'list') {
    if (!isObject(interactive.body) || !isNonEmptyString(interactive.body.text)) return missing("interactive['body']['text']");
    if (charLength(interactive.body.text) > 1024) return invalid("Param interactive['body']['text'] must be at most 1024 characters");
  }
  switch (kind) {
    case 'button': {
      const buttons = action.buttons;
      if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) return invalid("Param interactive['action']['buttons'] must have 1 to 3 buttons");
      const ids = new Set<string>();
      for (const [i, button] of buttons.entries()) {
        const where = `interactive['action']['buttons'][${i}]`;
        if (!isObject(button) || button.type !== 'reply' || !isObject(button.reply)) return invalid(`Param ${where} must be {type: 'reply', reply: {id, title}}`);
        if (!isNonEmptyString(button.reply.id) || button.reply.id.length > 256) return invalid(`Param ${where}['reply']['id'] must be a non-empty string of at most 256 characters`);
        if (!isNonEmptyString(button.reply.title) || charLength(button.reply.title) > 20) return invalid(`Param ${where}['reply']['title'] must be a non-empty string of at most 20 characters`);
        if (ids.has(button.reply.id)) return invalid(`Param ${where}['reply']['id'] must be unique`);
        ids.add(button.reply.id);
      }
      return null;
    }
    case 'list': {
      if (!isNonEmptyString(action.button) || charLength(action.button) > 20) return invalid("Param interactive['action']['button'] must be a non-empty string of at most 20 characters");
      const sections = action.sections;
      if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10) return invalid("Param interactive['action']['sections'] must have 1 to 10 sections");
      let rowCount = 0;
      for (const [i, section] of sections.entries()) {
        const where = `interactive['action']['sections'][${i}]`;
        if (!isObject(section) || !Array.isArray(section.rows) || section.rows.length === 0) return invalid(`Param ${where}['rows'] must be a non-empty array`);
        if (sections.length > 1 && !isNonEmptyString(section.title)) return missing(`${where}['title']`);
        for (const [j, row] of section.rows.entries()) {
          rowCount += 1;
          const rowWhere = `${where}['rows'][${j}]`;
          if (!isObject(row) || !isNonEmptyString(row.id) || row.id.length > 200) return invalid(`Param ${rowWhere}['id'] must be a non-empty string of at most 200 characters`);
          if (!isNonEmptyString(row.title) || charLength(row.title) > 24) return invalid(`Param ${rowWhere}['title'] must be a non-empty string of at most 24 characters`);
          if (row.description !== undefined && (typeof row.description !== 'string' || charLength(row.description) > 72)) return invalid(`Param ${rowWhere}['description'] must be at most 72 characters`);
        }
      }
      if (rowCount > 10) return invalid("Param interactive['action']['sections'] may hold at most 10 rows in total");
      return null;
    }
    case 'cta_url': {
      const parameters = action.parameters;
      if (action.name !== 'cta_url' || !isObject(parameters)) return invalid("Param interactive['action'] must be {name: 'cta_url', parameters: {display_text, url}}");
      if (!isNonEmptyString(parameters.display_text) || charLength(parameters.display_text) > 20) return invalid("Param interactive['action']['parameters']['display_text'] must be a non-empty string of at most 20 characters");
      if (!isHttpUrl(parameters.url)) return invalid("Param interactive['action']['parameters']['url'] must be a valid URL");
      return null;
    }
    case 'product':
    case 'product_list':
    case 'flow':
    case 'location_request_message':
      return null;
    default:
      return invalid(`Param interactive['type'] must be one of [button, list, cta_url, product, product_list, flow], got "${String(kind)}"`);
  }
}
