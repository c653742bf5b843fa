import { charLength, isNonEmptyString, isObject, type Json } from './check';

/**
 * The checks X makes on a DM send and a media upload (POST
 * /2/dm_conversations/with/{participant_id}/messages, /2/media/upload/…): each returns the
 * problem, or null when X would accept it.
 */

export const X_FAKE_LIMITS = { text: 10_000, options: 20, label: 36, description: 72, metadata: 1000 } as const;

const MB = 1024 * 1024;
const CATEGORY_LIMITS: Record<string, { types: string[]; maxBytes: number }> = {
  dm_image: { types: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 5 * MB },
  dm_gif: { types: ['image/gif'], maxBytes: 15 * MB },
  dm_video: { types: ['video/mp4'], maxBytes: 512 * MB },
};

function checkOptions(value: unknown): string | null {
  if (!isObject(value) || value.type !== 'options' || !Array.isArray(value.options)) return 'quick_reply must be {"type":"options","options":[…]}';
  const options = value.options as unknown[];
  if (options.length < 1 || options.length > X_FAKE_LIMITS.options) return `quick_reply.options must have 1 to ${X_FAKE_LIMITS.options} items`;
  const labels = new Set<string>();
  for (const [i, option] of options.entries()) {
    if (!isObject(option)) return `quick_reply.options[${i}] must be an object`;
    const extra = Object.keys(option).filter((k) => !['label', 'description', 'metadata'].includes(k));
    if (extra.length) return `quick_reply.options[${i}] has unknown fields: ${extra.join(', ')}`;
    if (!isNonEmptyString(option.label) || charLength(option.label) > X_FAKE_LIMITS.label) return `quick_reply.options[${i}].label must be 1 to ${X_FAKE_LIMITS.label} characters`;
    if (labels.has(option.label)) return `quick_reply.options[${i}].label must be unique`;
    labels.add(option.label);
    if (option.description !== undefined && (typeof option.description !== 'string' || charLength(option.description) > X_FAKE_LIMITS.description)) {
      return `quick_reply.options[${i}].description must be at most ${X_FAKE_LIMITS.description} characters`;
    }
    if (option.metadata !== undefined && (typeof option.metadata !== 'string' || charLength(option.metadata) > X_FAKE_LIMITS.metadata)) {
      return `quick_reply.options[${i}].metadata must be at most ${X_FAKE_LIMITS.metadata} characters`;
    }
  }
  return null;
}

/** The DM body: text and/or one attachment by media id, and quick-reply options. */
export function checkDmBody(body: Json): string | null {
  const extra = Object.keys(body).filter((k) => !['text', 'attachments', 'quick_reply'].includes(k));
  if (extra.length) return `Unknown fields: ${extra.join(', ')}`;
  if (body.text !== undefined) {
    if (!isNonEmptyString(body.text)) return 'text must be a non-empty string';
    if (charLength(body.text) > X_FAKE_LIMITS.text) return `text must be at most ${X_FAKE_LIMITS.text} characters`;
  }
  if (body.attachments !== undefined) {
    if (!Array.isArray(body.attachments) || body.attachments.length !== 1) return 'attachments must hold exactly 1 item';
    const [attachment] = body.attachments as unknown[];
    if (!isObject(attachment) || typeof attachment.media_id !== 'string' || !/^\d+$/.test(attachment.media_id)) {
      return 'attachments[0].media_id must be a numeric string';
    }
  }
  if (body.text === undefined && body.attachments === undefined) return 'One of text or attachments is required';
  if (body.quick_reply !== undefined) return checkOptions(body.quick_reply);
  return null;
}

/** An upload's start: its type, size and DM category must agree. */
export function checkUploadInit(body: Json): string | null {
  const category = CATEGORY_LIMITS[String(body.media_category)];
  if (!category) return `media_category must be one of ${Object.keys(CATEGORY_LIMITS).join(', ')}`;
  if (typeof body.media_type !== 'string' || !category.types.includes(body.media_type)) {
    return `media_type ${String(body.media_type)} is not allowed for ${String(body.media_category)}`;
  }
  if (!Number.isInteger(body.total_bytes) || (body.total_bytes as number) <= 0) return 'total_bytes must be a positive integer';
  if ((body.total_bytes as number) > category.maxBytes) return `total_bytes exceeds ${category.maxBytes} for ${String(body.media_category)}`;
  return null;
}
