import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { channels } from '@/db/schema';
import { withCredentials } from '@/lib/channel-config/load';
import { getConfig } from '@/lib/config';
import { startFakePlatforms, type FakePlatforms } from '@/fake-platforms';
import type { ChannelCredentials } from '@/channels/types';

// The demo shop's Messenger, WhatsApp and LINE channels (and any an admin hands over, X too) are marked `simulated`: they talk
// to local fakes of the platforms, started here inside the app, so a new user can play the
// customer (Settings → Simulator) without any Meta or LINE account.

const holder = globalThis as unknown as { __batonDemoPlatforms?: FakePlatforms };

export function getDemoPlatforms(): FakePlatforms | null {
  return holder.__batonDemoPlatforms ?? null;
}

export const simulatedChannel = sql`(${channels.settings}->>'simulated') = 'true'`;

/**
 * Tells the fake platform the channel's account and token, and points the channel at the
 * fake (also for a channel an admin connected and hands to the simulator).
 */
export async function attachToFakes(db: Db, fakes: FakePlatforms, row: typeof channels.$inferSelect): Promise<void> {
  const loaded = withCredentials(row);
  if (row.kind === 'facebook') {
    fakes.meta.addPage({ pageId: row.externalId, accessToken: (loaded.credentials as ChannelCredentials['facebook']).pageAccessToken });
  } else if (row.kind === 'instagram') {
    fakes.meta.addInstagramAccount({ igId: row.externalId, accessToken: (loaded.credentials as ChannelCredentials['instagram']).accessToken });
  } else if (row.kind === 'whatsapp') {
    fakes.meta.addWhatsAppNumber({ phoneNumberId: row.externalId, accessToken: (loaded.credentials as ChannelCredentials['whatsapp']).accessToken });
  } else if (row.kind === 'x') {
    fakes.x.addAccount({ userId: row.externalId, accessToken: (loaded.credentials as ChannelCredentials['x']).accessToken });
  } else if (row.kind === 'apple') {
    const { mspId, secret } = loaded.credentials as ChannelCredentials['apple'];
    fakes.apple.addBusiness({ businessId: row.externalId, mspId, secret });
  } else if (row.kind === 'line') {
    fakes.line.addBot({ botUserId: row.externalId, channelAccessToken: (loaded.credentials as ChannelCredentials['line']).channelAccessToken });
  }
  // The fakes get new ports on each start: point the channel at this run's.
  await db
    .update(channels)
    .set({ settings: { ...row.settings, simulated: true, ...fakes.endpoints } })
    .where(eq(channels.id, row.id));
}

export async function startDemoPlatforms(db: Db, log: (line: string) => void = console.log): Promise<FakePlatforms> {
  if (holder.__batonDemoPlatforms) return holder.__batonDemoPlatforms;
  const ports = getConfig().BATON_DEMO_PLATFORM_PORTS;
  const fakes = await startFakePlatforms({ host: '127.0.0.1', meta: { port: ports?.[0] }, line: { port: ports?.[1] }, x: { port: ports?.[2] }, apple: { port: ports?.[3] } });
  holder.__batonDemoPlatforms = fakes;

  const rows = await db
    .select()
    .from(channels)
    .where(and(simulatedChannel, inArray(channels.kind, ['facebook', 'instagram', 'whatsapp', 'line', 'x', 'apple'])));
  for (const row of rows) await attachToFakes(db, fakes, row);
  log(`[baton] Simulated Messenger/Instagram/WhatsApp/LINE/X/Apple platforms for ${rows.length} demo channel(s) at ${fakes.meta.origin}, ${fakes.line.origin}, ${fakes.x.origin} and ${fakes.apple.gatewayUrl}`);
  return fakes;
}
