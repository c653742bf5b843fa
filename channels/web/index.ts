import { WEB_AUDIO } from '../shared/audio';
import type { ChannelBase } from '../adapter';
import type { OutboundMessage } from '../types';
import { computeIdentityHash, verifyIdentityHash } from './identity';
import { renderForWidget, type WidgetRender } from './render';
import { signVisitorToken, verifyVisitorToken } from './token';

export { computeIdentityHash, verifyIdentityHash } from './identity';
export { renderForWidget, type WidgetButton, type WidgetMessage, type WidgetRender } from './render';
export { signVisitorToken, verifyVisitorToken, VISITOR_TOKEN_TTL_SECONDS, type VisitorClaims, type VisitorTokenResult } from './token';

/**
 * The widget has no webhook and no HTTP send API: visitors post to our own routes and
 * replies reach them over realtime. So it is not a ChannelAdapter, only the shared base plus
 * its identity and rendering helpers.
 */
export interface WebChannel extends ChannelBase<'web'> {
  renderForWidget(message: OutboundMessage): WidgetRender;
  signVisitorToken: typeof signVisitorToken;
  verifyVisitorToken: typeof verifyVisitorToken;
  computeIdentityHash: typeof computeIdentityHash;
  verifyIdentityHash: typeof verifyIdentityHash;
}

export const webChannel: WebChannel = {
  kind: 'web',
  rules: {
    outboundKinds: ['text', 'media', 'location', 'contact', 'product', 'article'],
    maxTextLength: 10_000,
    maxQuickReplies: 13,
    audio: WEB_AUDIO,
  },
  // The visitor is on the page or will see the reply next visit: no platform window applies.
  replyWindow: () => ({ state: 'open', closesAt: null }),
  renderForWidget,
  signVisitorToken,
  verifyVisitorToken,
  computeIdentityHash,
  verifyIdentityHash,
};
