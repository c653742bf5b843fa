import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { channels } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { encryptJson } from '@/lib/crypto/secrets';
import { resetRateLimitsForTests } from '@/lib/widget/rate-limit';
import type { WidgetHistoryResponse, WidgetMessageView, WidgetSessionResponse } from '@/lib/widget/types';
import * as configRoute from '@/app/api/widget/[token]/config/route';
import * as sessionRoute from '@/app/api/widget/[token]/session/route';
import * as messagesRoute from '@/app/api/widget/[token]/messages/route';
import * as realtimeAuthRoute from '@/app/api/widget/[token]/realtime-auth/route';
import * as typingRoute from '@/app/api/widget/[token]/typing/route';
import * as readRoute from '@/app/api/widget/[token]/read/route';
import * as filesRoute from '@/app/api/widget/[token]/files/[fileId]/route';
import { createWorkspace } from '../support/fixtures';

/** The W1 test vector of the website chat's identity signature. */
export const W1 = {
  hmacToken: 'widget-hmac-token',
  identifier: 'user-42',
  hash: '29720e25381e8d6cb2a9b375d10ec0cc2c0beacc9ab5f4f43a40595c44f5ed1a',
};

/** A workspace with an enabled web channel whose identity secret is W1's. */
export async function createWidgetWorld(options: { settings?: Record<string, unknown>; enabled?: boolean; hmacToken?: string } = {}) {
  const db = getDb();
  const workspace = await createWorkspace(db, 'Widget Shop');
  const token = randomBytes(18).toString('base64url');
  const [channel] = await db
    .insert(channels)
    .values({
      workspaceId: workspace.id,
      kind: 'web',
      name: 'Website chat',
      externalId: token,
      enabled: options.enabled ?? true,
      settings: options.settings ?? { color: '#0f766e', title: 'Widget Shop', greeting: 'Hello!' },
      secretsEncrypted: encryptJson({ hmacToken: options.hmacToken ?? W1.hmacToken }, getConfig().BATON_ENCRYPTION_KEY),
    })
    .returning();
  return { db, workspace, channel, token, client: widgetClient(token) };
}

export async function disableChannel(channelId: string) {
  await getDb().update(channels).set({ enabled: false }).where(eq(channels.id, channelId));
}

export function resetLimits() {
  resetRateLimitsForTests();
}

type Call = { bearer?: string | null; headers?: Record<string, string>; body?: BodyInit; json?: unknown; query?: Record<string, string> };

function request(method: string, url: string, call: Call = {}): Request {
  const headers = new Headers(call.headers);
  if (call.bearer) headers.set('authorization', `Bearer ${call.bearer}`);
  let body = call.body;
  if (call.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(call.json);
  }
  const u = new URL(url);
  for (const [k, v] of Object.entries(call.query ?? {})) u.searchParams.set(k, v);
  return new Request(u, { method, headers, body });
}

/** Calls the real route handlers as Next would, for one channel token. */
export function widgetClient(token: string) {
  const base = `http://localhost/api/widget/${token}`;
  const params = { params: Promise.resolve({ token }) };
  return {
    config: (call?: Call) => configRoute.GET(request('GET', `${base}/config`, call), params),
    session: (call?: Call) => sessionRoute.POST(request('POST', `${base}/session`, call?.body !== undefined || call?.json !== undefined ? call : { ...call, json: {} }), params),
    history: (call?: Call) => messagesRoute.GET(request('GET', `${base}/messages`, call), params),
    send: (call?: Call) => messagesRoute.POST(request('POST', `${base}/messages`, call), params),
    realtimeAuth: (call?: Call) => realtimeAuthRoute.POST(request('POST', `${base}/realtime-auth`, call), params),
    typing: (call?: Call) => typingRoute.POST(request('POST', `${base}/typing`, call), params),
    read: (call?: Call) => readRoute.POST(request('POST', `${base}/read`, call), params),
    file: (fileId: string, sig: string | null) =>
      filesRoute.GET(request('GET', `${base}/files/${fileId}${sig === null ? '' : `?sig=${encodeURIComponent(sig)}`}`), {
        params: Promise.resolve({ token, fileId }),
      }),
  };
}

export type WidgetClient = ReturnType<typeof widgetClient>;

export async function newVisitor(client: WidgetClient): Promise<WidgetSessionResponse> {
  const response = await client.session();
  if (response.status !== 201) throw new Error(`session: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function sendText(client: WidgetClient, bearer: string, text: string, clientId = crypto.randomUUID()) {
  const response = await client.send({ bearer, json: { clientId, text } });
  return { response, body: (await response.json()) as { message: WidgetMessageView; error?: string; code?: string } };
}

export async function history(client: WidgetClient, bearer: string, query?: Record<string, string>) {
  const response = await client.history({ bearer, query });
  return { response, body: (await response.json()) as WidgetHistoryResponse & { error?: string } };
}

/** An agent's reply through the real outbox: queued in a transaction, then delivered (published to the visitor). */
export async function agentReply(
  workspaceId: string,
  conversationId: string,
  userId: string,
  content: import('@/channels/types').OutboundMessage,
) {
  const db = getDb();
  const { queueOutbound } = await import('@/lib/outbox/queue');
  const { deliverMessage } = await import('@/lib/outbox/deliver');
  const queued = await db.transaction((tx) => queueOutbound(tx, { workspaceId, conversationId, sender: { kind: 'agent', userId }, content }));
  const status = await deliverMessage(db, queued.message.id);
  return { message: queued.message, status };
}
