import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { channels, contactIdentities, conversations } from '@/db/schema';
import { withCredentials, type LoadedChannel } from '@/lib/channel-config/load';
import { widgetErrors } from './errors';
import { takeToken, type BucketRule } from './rate-limit';
import { readVisitorToken, type VisitorTokenPurpose } from './tokens';
import { clientIp } from '@/lib/http/client-ip';

export type WidgetChannel = LoadedChannel<'web'>;

export type Visitor = {
  visitorId: string;
  identityId: string;
  contactId: string;
  profile: Record<string, unknown>;
};

const channelToken = z.string().min(8).max(128).regex(/^[A-Za-z0-9_-]+$/);

/** The enabled web channel a public widget token names, or null (unknown, disabled, not web). */
export async function findWidgetChannel(db: DbOrTx, token: string): Promise<WidgetChannel | null> {
  if (!channelToken.safeParse(token).success) return null;
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.kind, 'web'), eq(channels.externalId, token)))
    .limit(1);
  if (!row || !row.enabled || row.kind !== 'web') return null;
  return withCredentials(row as typeof row & { kind: 'web' });
}

export async function requireWidgetChannel(db: DbOrTx, token: string): Promise<WidgetChannel> {
  const channel = await findWidgetChannel(db, token);
  if (!channel) throw widgetErrors.channelNotFound();
  return channel;
}

/** The bearer token of a widget request (`Authorization: Bearer …`). */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  const match = header ? /^Bearer\s+([A-Za-z0-9_.-]{1,2048})$/i.exec(header.trim()) : null;
  return match ? match[1] : null;
}

/** The visitor's address for rate limits, read as sign-in reads it (the trusted hop, not the client's claim). */
export function visitorAddress(request: Request): string {
  return clientIp(request.headers) ?? 'local';
}

export function rateLimit(rule: BucketRule, key: string): void {
  const wait = takeToken(key, rule);
  if (wait > 0) throw widgetErrors.rateLimited(wait);
}

/** The channel identity behind a visitor id, in the channel's workspace. */
export async function findVisitor(db: DbOrTx, channel: WidgetChannel, visitorId: string): Promise<Visitor | null> {
  const [row] = await db
    .select({ id: contactIdentities.id, contactId: contactIdentities.contactId, profile: contactIdentities.profile })
    .from(contactIdentities)
    .where(
      and(
        eq(contactIdentities.channelId, channel.channel.id),
        eq(contactIdentities.workspaceId, channel.channel.workspaceId),
        eq(contactIdentities.externalId, visitorId),
      ),
    )
    .limit(1);
  return row ? { visitorId, identityId: row.id, contactId: row.contactId, profile: row.profile } : null;
}

/**
 * The visitor a request speaks for: a valid token of this channel (constant-time
 * signature check) whose visitor still exists. Rate-limited per visitor. The token is the
 * `Authorization: Bearer` header's, unless the route read it from its body (`token.value`:
 * the recorder's uploads are CORS-simple requests, which cannot carry that header), and
 * must be of the route's purpose (a chat token by default).
 */
export async function requireVisitor(
  db: Db,
  channel: WidgetChannel,
  request: Request,
  limit: { name: string; rule: BucketRule },
  token: { value?: string | null; purpose?: VisitorTokenPurpose } = {},
): Promise<Visitor> {
  const presented = 'value' in token ? (token.value ?? null) : bearerToken(request);
  const visitorId = readVisitorToken(presented, channel.channel.id, token.purpose ?? 'visitor');
  if (!visitorId) {
    rateLimit(limit.rule, `${limit.name}:ip:${visitorAddress(request)}`);
    throw widgetErrors.unauthorized();
  }
  rateLimit(limit.rule, `${limit.name}:${channel.channel.id}:${visitorId}`);
  const visitor = await findVisitor(db, channel, visitorId);
  if (!visitor) throw widgetErrors.unauthorized();
  return visitor;
}

/** The visitor's own conversations on this channel: every widget query about them starts here. */
export function visitorConversations(channel: WidgetChannel, visitor: Pick<Visitor, 'contactId'>) {
  return and(
    eq(conversations.workspaceId, channel.channel.workspaceId),
    eq(conversations.channelId, channel.channel.id),
    eq(conversations.contactId, visitor.contactId),
  );
}
