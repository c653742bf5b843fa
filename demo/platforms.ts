import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { channels } from '@/db/schema';
import { withCredentials } from '@/lib/channel-config/load';
import { getConfig } from '@/lib/config';
import { startFakePlatforms, type FakePlatforms } from '@/fake-platforms';
import type { ChannelCredentials } from '@/channels/types';

// The demo shop's Messenger, WhatsApp and LINE channels are marked `simulated`: they talk
// to local fakes of the platforms, started here inside the app, so a new user can play the
// customer (Settings → Simulator) without any Meta or LINE account.

const holder = globalThis as unknown as { __batonDemoPlatforms?: FakePlatforms };

export function getDemoPlatforms(): FakePlatforms | null {
  return holder.__batonDemoPlatforms ?? null;
}

export const simulatedChannel = sql`(${channels.settings}->>'simulated') = 'true'`;

export async function startDemoPlatforms(db: Db, log: (line: string) => void = console.log): Promise<FakePlatforms> {
  if (holder.__batonDemoPlatforms) return holder.__batonDemoPlatforms;
  const ports = getConfig().BATON_DEMO_PLATFORM_PORTS;
  const fakes = await startFakePlatforms({ host: '127.0.0.1', meta: { port: ports?.[0] }, line: { port: ports?.[1] } });
  holder.__batonDemoPlatforms = fakes;

  const rows = await db
    .select()
    .from(channels)
    .where(and(simulatedChannel, inArray(channels.kind, ['facebook', 'whatsapp', 'line'])));
  for (const row of rows) {
    const loaded = withCredentials(row);
    if (row.kind === 'facebook') {
      fakes.meta.addPage({ pageId: row.externalId, accessToken: (loaded.credentials as ChannelCredentials['facebook']).pageAccessToken });
    } else if (row.kind === 'whatsapp') {
      fakes.meta.addWhatsAppNumber({ phoneNumberId: row.externalId, accessToken: (loaded.credentials as ChannelCredentials['whatsapp']).accessToken });
    } else if (row.kind === 'line') {
      fakes.line.addBot({ botUserId: row.externalId, channelAccessToken: (loaded.credentials as ChannelCredentials['line']).channelAccessToken });
    }
    // The fakes get new ports on each start: point the channel at this run's.
    await db
      .update(channels)
      .set({ settings: { ...row.settings, ...fakes.endpoints } })
      .where(eq(channels.id, row.id));
  }
  log(`[baton] Simulated Messenger/WhatsApp/LINE platforms for ${rows.length} demo channel(s) at ${fakes.meta.origin} and ${fakes.line.origin}`);
  return fakes;
}
