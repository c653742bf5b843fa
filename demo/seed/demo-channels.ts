import { encryptJson } from '@/lib/crypto/secrets';
import type { Tx } from '@/db/client';
import { channels, type ChannelKind } from '@/db/schema';
import { digitId, hexId, lineUserId, tokenId } from './demo-ids';

export type ChannelSeed = {
  kind: ChannelKind;
  name: string;
  externalId: string;
  settings: Record<string, unknown>;
  // Fake but well-formed: the settings screens and adapters can parse them, and no real
  // account is ever reachable with them.
  secrets: Record<string, string>;
};

/** Seeded from the workspace slug so two demo workspaces never share a platform id. */
export function demoChannelSeeds(slug: string, shopName: string): ChannelSeed[] {
  const s = (what: string) => `${slug}:${what}`;
  const pageId = digitId(s('fb-page'), 15);
  const phoneNumberId = digitId(s('wa-phone-number-id'), 15);
  const botUserId = lineUserId(s('line-bot'));
  return [
    {
      kind: 'facebook',
      name: `${shopName} on Messenger`,
      externalId: pageId,
      settings: { pageId, pageName: shopName },
      secrets: {
        appSecret: hexId(s('fb-app-secret'), 32),
        pageAccessToken: `EAAG${tokenId(s('fb-page-token'), 180)}`,
        verifyToken: `verify-${hexId(s('fb-verify'), 16)}`,
      },
    },
    {
      kind: 'whatsapp',
      name: `${shopName} WhatsApp`,
      externalId: phoneNumberId,
      settings: {
        phoneNumberId,
        displayPhoneNumber: '+66 2 026 3311',
        businessAccountId: digitId(s('waba'), 15),
      },
      secrets: {
        appSecret: hexId(s('wa-app-secret'), 32),
        accessToken: `EAAJ${tokenId(s('wa-token'), 200)}`,
        verifyToken: `verify-${hexId(s('wa-verify'), 16)}`,
      },
    },
    {
      kind: 'line',
      name: `${shopName} LINE`,
      externalId: botUserId,
      settings: { botUserId, basicId: `@${slug.replace(/-/g, '')}`, channelId: digitId(s('line-channel'), 10) },
      secrets: {
        channelSecret: hexId(s('line-secret'), 32),
        channelAccessToken: `${tokenId(s('line-token'), 171)}=`,
      },
    },
    webChannelSeed(slug),
  ];
}

export function webChannelSeed(slug: string): ChannelSeed {
  return {
    kind: 'web',
    name: 'Website chat',
    externalId: tokenId(`${slug}:widget-token`, 24),
    settings: {
      color: '#0f766e',
      greeting: 'Hi there 👋 Questions about sizes, delivery or an order? We are here.',
      allowedOrigins: [`https://${slug}.example.com`],
    },
    secrets: { hmacToken: tokenId(`${slug}:widget-hmac`, 32) },
  };
}

export async function insertChannels(
  tx: Tx,
  workspaceId: string,
  seeds: ChannelSeed[],
  encryptionKey: string,
  createdAt: Date,
): Promise<Partial<Record<ChannelKind, string>>> {
  const rows = await tx
    .insert(channels)
    .values(
      seeds.map((c, i) => ({
        workspaceId,
        kind: c.kind,
        name: c.name,
        externalId: c.externalId,
        // Demo channels talk to the local fake platforms (demo/platforms.ts), never to Meta or LINE.
        settings: c.kind === 'web' ? c.settings : { ...c.settings, simulated: true },
        secretsEncrypted: encryptJson(c.secrets, encryptionKey),
        createdAt: new Date(createdAt.getTime() + i * 3_600_000),
      })),
    )
    .returning({ id: channels.id, kind: channels.kind });
  return Object.fromEntries(rows.map((r) => [r.kind, r.id]));
}
