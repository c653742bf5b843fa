import type { ChannelAdapter, MessagingKind } from './adapter';
import type { ChannelKind } from './types';
import { appleAdapter } from './apple';
import { facebookAdapter } from './facebook';
import { instagramAdapter } from './instagram';
import { lineAdapter } from './line';
import { webChannel, type WebChannel } from './web';
import { whatsappAdapter } from './whatsapp';
import { xAdapter } from './x';

export type { ApiTarget, ChannelAdapter, ChannelBase, ChannelRules, MessagingKind } from './adapter';
export { MediaDownloadError } from './shared/download';
export type { WebChannel } from './web';

export type AdapterFor<K extends ChannelKind> = K extends MessagingKind ? ChannelAdapter<K> : WebChannel;

const registry: { [K in ChannelKind]: AdapterFor<K> } = {
  facebook: facebookAdapter,
  instagram: instagramAdapter,
  whatsapp: whatsappAdapter,
  line: lineAdapter,
  x: xAdapter,
  apple: appleAdapter,
  web: webChannel,
};

export function getAdapter<K extends ChannelKind>(kind: K): AdapterFor<K> {
  const adapter = registry[kind];
  if (!adapter) throw new Error(`Unknown channel kind: ${String(kind)}`);
  return adapter;
}

export function isMessagingKind(kind: ChannelKind): kind is MessagingKind {
  return kind !== 'web';
}

/**
 * For code holding a kind only known at run time (a webhook route, the outbox): the
 * messaging adapter, or null for the widget. Credentials must be the ones of that kind.
 */
export function getMessagingAdapter(kind: ChannelKind): ChannelAdapter<MessagingKind> | null {
  return isMessagingKind(kind) ? (registry[kind] as ChannelAdapter<MessagingKind>) : null;
}
