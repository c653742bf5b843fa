import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { LoadRequest } from './load';

// Signed platform deliveries for the ingest benchmarks, built with the app's own fake
// platform builders (fake-platforms/webhooks.ts) and signed with each channel's secret
// read from the database (lib/channel-config/load.ts). Call useAppEnvironment() first:
// the secrets are decrypted with the app's BATON_ENCRYPTION_KEY.

export type WebhookKind = 'facebook' | 'whatsapp' | 'line';

export type Signer = { channelId: string; kind: WebhookKind; accountId: string; secret: string };

/** A customer who writes: an identity on one of the channels (existing, or new). */
export type Sender = { channelId: string; kind: WebhookKind; externalId: string; name: string };

export async function loadSigners(pool: pg.Pool, workspaceId: string): Promise<Map<string, Signer>> {
  const { loadChannel } = await import('../../lib/channel-config/load');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const schema = await import('../../db/schema');
  const db = drizzle(pool, { schema });
  const rows = await pool.query<{ id: string }>(
    `select id from channels where workspace_id = $1 and kind in ('facebook', 'whatsapp', 'line') and enabled`,
    [workspaceId],
  );
  const out = new Map<string, Signer>();
  for (const { id } of rows.rows) {
    const loaded = await loadChannel(db, id).catch(() => null);
    if (!loaded) continue;
    const kind = loaded.channel.kind as WebhookKind;
    const creds = loaded.credentials as { appSecret?: string; channelSecret?: string };
    const secret = kind === 'line' ? creds.channelSecret : creds.appSecret;
    if (secret) out.set(id, { channelId: id, kind, accountId: loaded.channel.externalId, secret });
  }
  return out;
}

/**
 * Existing customers to write as: a random sample of the workspace's identities on the
 * webhook channels (most of the generated ones have a resolved conversation, so their
 * message reopens one, as returning customers do).
 */
export async function sampleSenders(pool: pg.Pool, workspaceId: string, limit: number, options: { openOnly?: boolean } = {}): Promise<Sender[]> {
  const rows = await pool.query<Sender>(
    `select ci.channel_id as "channelId", ch.kind, ci.external_id as "externalId", c.name
       from contact_identities ci
       join channels ch on ch.id = ci.channel_id and ch.kind in ('facebook', 'whatsapp', 'line') and ch.enabled
       join contacts c on c.id = ci.contact_id
      where ci.workspace_id = $1
        ${options.openOnly ? `and exists (select 1 from conversations cv where cv.contact_id = ci.contact_id and cv.channel_id = ci.channel_id and cv.status = 'open')` : ''}
      order by md5(ci.id::text || $3)
      limit $2`,
    [workspaceId, limit, randomBytes(4).toString('hex')],
  );
  return rows.rows;
}

/** A customer never seen before, on one of the channels. */
export function newSender(signer: Signer, seq: number, run: string): Sender {
  const n = String(seq).padStart(7, '0');
  const externalId =
    signer.kind === 'facebook'
      ? `8${run.replace(/\D/g, '').padEnd(8, '7').slice(0, 8)}${n}`
      : signer.kind === 'whatsapp'
        ? `667${run.replace(/\D/g, '').padEnd(4, '3').slice(0, 4)}${n}`
        : `U${run}${n}`.padEnd(33, '0').slice(0, 33);
  return { channelId: signer.channelId, kind: signer.kind, externalId, name: `Bench ${run} ${seq}` };
}

type Builders = typeof import('../../fake-platforms/webhooks');
let builders: Builders | null = null;

export async function loadBuilders(): Promise<void> {
  builders ??= await import('../../fake-platforms/webhooks');
}

/** One signed delivery carrying one text message from `sender`; `loadBuilders()` first. */
export function delivery(signer: Signer, sender: Sender, text: string): LoadRequest {
  if (!builders) throw new Error('call loadBuilders() first');
  const path = `/api/webhooks/${signer.kind}/${signer.channelId}`;
  if (signer.kind === 'facebook') {
    const w = builders.messengerWebhook({ pageId: signer.accountId, psid: sender.externalId, text }, signer.secret);
    return { path, headers: w.headers, body: w.body };
  }
  if (signer.kind === 'whatsapp') {
    const w = builders.whatsappWebhook({ phoneNumberId: signer.accountId, waId: sender.externalId, name: sender.name, text }, signer.secret);
    return { path, headers: w.headers, body: w.body };
  }
  const w = builders.lineWebhook({ destination: signer.accountId, userId: sender.externalId, text }, signer.secret);
  return { path, headers: w.headers, body: w.body };
}

export const runId = () => randomBytes(3).toString('hex');
