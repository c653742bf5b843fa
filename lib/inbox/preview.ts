import type { MessageKind } from '@/db/schema/messages';

const labels: Partial<Record<MessageKind, string>> = {
  image: 'Image',
  video: 'Video',
  audio: 'Voice message',
  file: 'File',
  sticker: 'Sticker',
  location: 'Location',
  contact: 'Contact card',
  template: 'Template',
  product: 'Product',
  unsupported: 'Unsupported message',
};

/** The one-line preview a list row shows for a message. */
export function messagePreview(kind: MessageKind, body: string | null): string {
  const text = body?.replace(/\s+/g, ' ').trim() ?? '';
  if (kind === 'note') return `Note: ${text}`.slice(0, 200);
  if (kind === 'text' || kind === 'status') return text.slice(0, 200);
  const label = labels[kind] ?? kind;
  return (text ? `${label}: ${text}` : label).slice(0, 200);
}
