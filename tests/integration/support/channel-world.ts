import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { channels, contactIdentities, contacts, conversations, inboundEvents, messages } from '@/db/schema';
import { getConfig, resetConfigForTests } from '@/lib/config';
import { encryptJson } from '@/lib/crypto/secrets';
import { lineUserId, startFakePlatforms, type FakePlatforms, type SignedWebhook } from '@/fake-platforms';
import { POST, GET } from '@/app/api/webhooks/[kind]/[channelId]/route';
import { createWorkspace } from './fixtures';
import { waitFor } from '../../support/wait-for';

export { waitFor };

/**
 * A workspace with one channel of each messaging kind, each pointed at the local fake
 * platforms, plus helpers to deliver webhooks through the real route handler.
 */
export async function createChannelWorld(fakes: FakePlatforms) {
  const db = getDb();
  const key = getConfig().BATON_ENCRYPTION_KEY;
  const ws = await createWorkspace(db, 'Channel Shop');
  const suffix = ws.id.replace(/-/g, '').slice(0, 10);
  const endpoints = {
    graphUrl: fakes.endpoints.graphUrl,
    lineApiUrl: fakes.endpoints.lineApiUrl,
    lineDataUrl: fakes.endpoints.lineDataUrl,
    xApiUrl: fakes.endpoints.xApiUrl,
  };

  const facebook = {
    pageId: `10${suffix.replace(/\D/g, '1').padEnd(13, '7')}`,
    secrets: { appSecret: `fb-secret-${suffix}`, pageAccessToken: `EAAG-page-${suffix}`, verifyToken: `verify-${suffix}` },
  };
  const whatsapp = {
    phoneNumberId: `20${suffix.replace(/\D/g, '2').padEnd(13, '8')}`,
    secrets: { appSecret: `wa-secret-${suffix}`, accessToken: `EAAJ-wa-${suffix}`, verifyToken: `wa-verify-${suffix}` },
  };
  const instagram = {
    igId: `178414${suffix.replace(/\D/g, '3').padEnd(11, '9')}`,
    secrets: { appSecret: `ig-secret-${suffix}`, accessToken: `IGQV-ig-${suffix}`, verifyToken: `ig-verify-${suffix}` },
  };
  const x = {
    userId: `22${suffix.replace(/\D/g, '4').padEnd(17, '5')}`,
    secrets: { consumerKey: `x-key-${suffix}`, consumerSecret: `x-consumer-secret-${suffix}`, accessToken: `x-user-token-${suffix}` },
  };
  const line = {
    botUserId: lineUserId(),
    secrets: { channelSecret: `line-secret-${suffix}`, channelAccessToken: `line-token-${suffix}` },
  };
  fakes.meta.addPage({ pageId: facebook.pageId, accessToken: facebook.secrets.pageAccessToken });
  fakes.meta.addInstagramAccount({ igId: instagram.igId, accessToken: instagram.secrets.accessToken });
  fakes.meta.addWhatsAppNumber({ phoneNumberId: whatsapp.phoneNumberId, accessToken: whatsapp.secrets.accessToken });
  fakes.line.addBot({ botUserId: line.botUserId, channelAccessToken: line.secrets.channelAccessToken });
  fakes.x.addAccount({ userId: x.userId, accessToken: x.secrets.accessToken });

  const insert = async (kind: 'facebook' | 'instagram' | 'whatsapp' | 'line' | 'x', externalId: string, secrets: Record<string, string>) => {
    const [row] = await db
      .insert(channels)
      .values({ workspaceId: ws.id, kind, name: kind, externalId, settings: endpoints, secretsEncrypted: encryptJson(secrets, key) })
      .returning();
    return row;
  };

  return {
    workspace: ws,
    facebook: { ...facebook, channel: await insert('facebook', facebook.pageId, facebook.secrets) },
    whatsapp: { ...whatsapp, channel: await insert('whatsapp', whatsapp.phoneNumberId, whatsapp.secrets) },
    instagram: { ...instagram, channel: await insert('instagram', instagram.igId, instagram.secrets) },
    line: { ...line, channel: await insert('line', line.botUserId, line.secrets) },
    x: { ...x, channel: await insert('x', x.userId, x.secrets) },
  };
}

export type ChannelWorld = Awaited<ReturnType<typeof createChannelWorld>>;

/** POSTs a webhook to the real route handler, as the platform would. */
export async function deliver(kind: string, channelId: string, hook: SignedWebhook | { body: string | Uint8Array<ArrayBuffer>; headers: Record<string, string> }) {
  const request = new Request(`http://localhost/api/webhooks/${kind}/${channelId}`, {
    method: 'POST',
    headers: hook.headers,
    body: hook.body,
  });
  return POST(request, { params: Promise.resolve({ kind, channelId }) });
}

export async function handshake(kind: string, channelId: string, query: Record<string, string>) {
  const url = new URL(`http://localhost/api/webhooks/${kind}/${channelId}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return GET(new Request(url), { params: Promise.resolve({ kind, channelId }) });
}

/**
 * Polls until `check` returns a value (processing runs after the response, like in
 * production). Fails with `what` after the timeout; never a fixed sleep.
 */
/** Waits until every stored delivery of the channel left pending/processing. */
export async function settled(channelId: string) {
  return waitFor('inbound events to settle', async () => {
    const rows = await getDb().select({ status: inboundEvents.status }).from(inboundEvents).where(eq(inboundEvents.channelId, channelId));
    return rows.length > 0 && rows.every((r) => r.status !== 'pending' && r.status !== 'processing') ? rows : null;
  });
}

export async function messagesOf(channelId: string) {
  return getDb().select().from(messages).where(eq(messages.channelId, channelId)).orderBy(messages.createdAt, messages.seq);
}

export async function conversationsOf(channelId: string) {
  return getDb().select().from(conversations).where(eq(conversations.channelId, channelId));
}

export async function contactsOf(workspaceId: string) {
  return getDb().select().from(contacts).where(eq(contacts.workspaceId, workspaceId));
}

export async function identitiesOf(channelId: string) {
  return getDb().select().from(contactIdentities).where(eq(contactIdentities.channelId, channelId));
}

/**
 * Local fake platforms, allow-listed for outside-URL fetches (BATON_FETCH_ALLOW_HOSTS) the
 * way the demo launcher does it: their media downloads are local addresses, which the
 * fetch filter refuses for anything not on the list.
 */
export async function withFakes() {
  const fakes = await startFakePlatforms();
  allowHosts([`127.0.0.1:${fakes.meta.port}`, `127.0.0.1:${fakes.line.port}`, `127.0.0.1:${fakes.x.port}`, `127.0.0.1:${fakes.apple.port}`]);
  return fakes;
}

/** Adds host:port entries to this test process's fetch allow-list. */
export function allowHosts(entries: string[]) {
  const current = (process.env.BATON_FETCH_ALLOW_HOSTS ?? '').split(',').filter(Boolean);
  process.env.BATON_FETCH_ALLOW_HOSTS = [...new Set([...current, ...entries])].join(',');
  resetConfigForTests();
}
