import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { channels } from '@/db/schema';
import type { ApiEndpoints, ChannelCredentials, ChannelKind } from '@/channels/types';
import { getConfig } from '@/lib/config';
import { decryptJson } from '@/lib/crypto/secrets';
import { channelCache } from './cache';

export type ChannelRow = typeof channels.$inferSelect;

export type LoadedChannel<K extends ChannelKind = ChannelKind> = {
  channel: ChannelRow & { kind: K };
  credentials: ChannelCredentials[K];
  endpoints: ApiEndpoints & { accountId: string };
};

/**
 * A channel with its decrypted credentials and API endpoints. The endpoints come from the
 * environment unless the channel's settings override them (the demo points at local fakes).
 */
export function withCredentials<K extends ChannelKind>(channel: ChannelRow & { kind: K }): LoadedChannel<K> {
  const env = getConfig();
  const settings = channel.settings as Partial<ApiEndpoints>;
  const credentials = channel.secretsEncrypted
    ? decryptJson<ChannelCredentials[K]>(channel.secretsEncrypted, env.BATON_ENCRYPTION_KEY)
    : ({} as ChannelCredentials[K]);
  return {
    channel,
    credentials,
    endpoints: {
      graphUrl: settings.graphUrl ?? env.META_GRAPH_URL,
      lineApiUrl: settings.lineApiUrl ?? env.LINE_API_URL,
      lineDataUrl: settings.lineDataUrl ?? env.LINE_DATA_API_URL,
      xApiUrl: settings.xApiUrl ?? env.X_API_URL,
      appleGatewayUrl: settings.appleGatewayUrl ?? env.APPLE_GATEWAY_URL,
      accountId: channel.externalId,
    },
  };
}

/** A channel by id, read now: for a page that must show what its own save just wrote. */
export async function loadChannelFresh(db: DbOrTx, channelId: string): Promise<LoadedChannel | null> {
  const [row] = await db.select().from(channels).where(eq(channels.id, channelId)).limit(1);
  return row ? withCredentials(row) : null;
}

/**
 * A channel by id; from memory in a process that listens for channel changes (cache.ts).
 * A change is heard a moment after its commit, so the request that made it reads fresh.
 */
export function loadChannel(db: DbOrTx, channelId: string): Promise<LoadedChannel | null> {
  return channelCache.get(channelId, () => loadChannelFresh(db, channelId));
}
