import type { OutboundMessage } from '@/channels/types';
import type { Attachment } from '@/db/schema/messages';
import type { MessageFields } from '@/lib/ingest/to-message';

/** How an outbound message is stored; the original is kept in payload.outbound for sending. */
export function outboundToMessage(content: OutboundMessage): MessageFields {
  const payload = { outbound: content } as Record<string, unknown>;
  switch (content.kind) {
    case 'text':
      return { kind: 'text', body: content.text, attachments: [], payload };
    case 'media': {
      const attachment: Attachment = { kind: content.mediaKind, url: content.url, ...(content.name ? { name: content.name } : {}) };
      return { kind: content.mediaKind, body: content.caption ?? null, attachments: [attachment], payload };
    }
    case 'location':
      return { kind: 'location', body: [content.name, content.address].filter(Boolean).join(', ') || null, attachments: [], payload };
    case 'contact':
      return { kind: 'contact', body: content.contact.name, attachments: [], payload };
    case 'template':
      return { kind: 'template', body: `Template: ${content.name}`, attachments: [], payload };
    case 'product':
      return { kind: 'product', body: content.product.name, attachments: [], payload };
    case 'article':
      return { kind: 'article', body: content.article.title, attachments: [], payload };
    case 'optin_request':
      // Shown to agents as text; the template itself is rebuilt from payload.outbound.
      return { kind: 'text', body: `Notification opt-in request (${content.frequency.toLowerCase()}): ${content.title}`, attachments: [], payload };
  }
}
