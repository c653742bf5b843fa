import type { SendContext } from '../types';
import type { SendFailure } from './http';

export type OutboundFile = { data: Buffer; mimeType: string; name?: string };

/**
 * An attachment's bytes for a platform that takes uploads rather than links (X, Apple),
 * through the outbox's `loadMedia`. Unreadable now (a storage hiccup, a link that failed)
 * is retried; no loader at all is final.
 */
export async function readOutboundMedia(ctx: SendContext, url: string, platform: string): Promise<OutboundFile | SendFailure> {
  if (!ctx.loadMedia) return { ok: false, error: `This attachment cannot be read for upload to ${platform}`, retryable: false };
  try {
    return await ctx.loadMedia(url);
  } catch (error) {
    return { ok: false, error: `The attachment could not be read: ${(error as Error).message}`, retryable: true, code: 'media_read' };
  }
}

export const isSendFailure = (value: OutboundFile | SendFailure): value is SendFailure => 'ok' in value && value.ok === false;
