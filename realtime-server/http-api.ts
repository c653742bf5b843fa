import type { IncomingMessage, ServerResponse } from 'node:http';
import { channelType, isAcceptedChannelName, isPresence } from './channels';
import type { ServerContext } from './context';
import { HttpError, readBody, sendError, sendJson } from './http-io';
import { CloseCode, SOCKET_ID, encodeFrame } from './protocol';
import { parseQueryString, verifyApiRequest } from './signing';

/**
 * The Pusher HTTP API as pusher-http-node calls it (the Pusher Channels protocol). Requests are
 * signed, so routing checks the app id, then the signature, then the route.
 */

const MAX_CHANNELS_PER_EVENT = 100;
const MAX_EVENT_NAME_LENGTH = 200;
const MAX_BATCH_SIZE = 10;
const INFO_ATTRIBUTES = new Set(['user_count', 'subscription_count']);

type ChannelAttributes = { user_count?: number; subscription_count?: number };

interface ValidEvent {
  name: string;
  data: string;
  channels: string[];
  socketId?: string;
  info: string[];
}

export function createHttpApiHandler(ctx: ServerContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(ctx, req, res).catch((err: unknown) => {
      if (err instanceof HttpError) {
        // The client may still be sending a refused body: do not keep that socket.
        if (err.status === 413) res.setHeader('connection', 'close');
        sendError(res, err.status, err.message);
        return;
      }
      ctx.config.log(`pusher http api error: ${err instanceof Error ? err.stack : String(err)}`);
      sendError(res, 500, 'Internal server error');
    });
  };
}

async function handle(ctx: ServerContext, req: IncomingMessage, res: ServerResponse) {
  const { config } = ctx;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q === -1 ? url : url.slice(0, q);
  const query = parseQueryString(q === -1 ? '' : url.slice(q + 1));
  const method = (req.method ?? 'GET').toUpperCase();

  // Readiness probes: unsigned on purpose, they reveal nothing.
  if ((rawPath === '/' || rawPath === '/health') && (method === 'GET' || method === 'HEAD')) {
    sendJson(res, 200, { ok: true });
    return;
  }

  const appMatch = /^\/apps\/([^/]+)(\/.*)?$/.exec(rawPath);
  if (!appMatch) throw new HttpError(404, 'Not found');
  if (decode(appMatch[1]) !== config.appId) throw new HttpError(404, 'App not found');

  const body = await readBody(req, config.maxHttpBodyBytes);
  const auth = verifyApiRequest(config, { method, path: rawPath, query, body });
  if (!auth.ok) throw new HttpError(401, auth.reason);

  const route = (appMatch[2] ?? '').split('/').slice(1).map(decode);
  const [resource, id, sub] = route;

  if (resource === 'events' && route.length === 1) {
    requireMethod(method, 'POST');
    sendJson(res, 200, triggerEvents(ctx, parseJsonBody(body)));
    return;
  }
  if (resource === 'batch_events' && route.length === 1) {
    requireMethod(method, 'POST');
    sendJson(res, 200, triggerBatch(ctx, parseJsonBody(body)));
    return;
  }
  if (resource === 'channels' && route.length === 1) {
    requireMethod(method, 'GET');
    sendJson(res, 200, listChannels(ctx, query));
    return;
  }
  if (resource === 'channels' && route.length === 2 && id) {
    requireMethod(method, 'GET');
    sendJson(res, 200, channelInfo(ctx, id, query));
    return;
  }
  if (resource === 'channels' && route.length === 3 && id && sub === 'users') {
    requireMethod(method, 'GET');
    sendJson(res, 200, channelUsers(ctx, id));
    return;
  }
  if (resource === 'users' && route.length === 3 && id && sub === 'terminate_connections') {
    requireMethod(method, 'POST');
    for (const socket of ctx.registry.userSockets(id)) {
      socket.disconnect(CloseCode.Unauthorized, 'You got disconnected by the app');
    }
    sendJson(res, 200, {});
    return;
  }
  throw new HttpError(404, 'Not found');
}

function triggerEvents(ctx: ServerContext, body: unknown): Record<string, unknown> {
  const request = asRecord(body);
  let channels: unknown;
  if (request.channels !== undefined) channels = request.channels;
  else if (request.channel !== undefined) channels = [request.channel];
  else throw new HttpError(400, 'Missing channel or channels');
  if (!Array.isArray(channels) || channels.length === 0) {
    throw new HttpError(400, 'channels must be a non-empty array');
  }
  if (channels.length > MAX_CHANNELS_PER_EVENT) {
    throw new HttpError(400, `At most ${MAX_CHANNELS_PER_EVENT} channels per event`);
  }

  const event = validateEvent(ctx, request, channels);
  publish(ctx, event);
  if (event.info.length === 0) return {};
  const result: Record<string, ChannelAttributes> = {};
  for (const channel of event.channels) result[channel] = attributes(ctx, channel, event.info);
  return { channels: result };
}

function triggerBatch(ctx: ServerContext, body: unknown): Record<string, unknown> {
  const batch = asRecord(body).batch;
  if (!Array.isArray(batch)) throw new HttpError(400, 'batch must be an array');
  if (batch.length > MAX_BATCH_SIZE) {
    throw new HttpError(400, `At most ${MAX_BATCH_SIZE} events per batch`);
  }
  // Validate every item before publishing any, so a bad batch publishes nothing.
  const events = batch.map((item) => {
    const request = asRecord(item);
    return validateEvent(ctx, request, [request.channel]);
  });
  for (const event of events) publish(ctx, event);
  if (events.every((event) => event.info.length === 0)) return {};
  return {
    batch: events.map((event) => attributes(ctx, event.channels[0], event.info)),
  };
}

function validateEvent(
  ctx: ServerContext,
  request: Record<string, unknown>,
  channels: unknown[],
): ValidEvent {
  const { name, data, socket_id: socketId, info } = request;
  if (typeof name !== 'string' || name === '') throw new HttpError(400, 'Missing event name');
  if (name.length > MAX_EVENT_NAME_LENGTH) {
    throw new HttpError(400, `Event name is longer than ${MAX_EVENT_NAME_LENGTH} characters`);
  }
  // The SDK always sends data as a string (ensureJSON); it is relayed exactly as received.
  if (typeof data !== 'string') throw new HttpError(400, 'data must be a string');
  if (Buffer.byteLength(data) > ctx.config.maxPayloadBytes) {
    throw new HttpError(413, `Event data is larger than ${ctx.config.maxPayloadBytes} bytes`);
  }
  for (const channel of channels) {
    if (!isAcceptedChannelName(channel)) {
      throw new HttpError(400, `Invalid channel name: ${String(channel).slice(0, 210)}`);
    }
  }
  const names = channels as string[];
  if (names.length > 1 && names.some((c) => channelType(c) === 'encrypted')) {
    throw new HttpError(400, 'Encrypted channels can only be triggered one at a time');
  }
  if (socketId !== undefined && (typeof socketId !== 'string' || !SOCKET_ID.test(socketId))) {
    throw new HttpError(400, 'Invalid socket_id');
  }
  if (info !== undefined && typeof info !== 'string') throw new HttpError(400, 'info must be a string');
  return {
    name,
    data,
    channels: names,
    socketId: socketId as string | undefined,
    info: parseInfo(info),
  };
}

function publish(ctx: ServerContext, event: ValidEvent): void {
  for (const channel of event.channels) {
    ctx.registry.broadcast(channel, encodeFrame(event.name, event.data, channel), event.socketId);
  }
}

function listChannels(ctx: ServerContext, query: Record<string, string>) {
  const prefix = query.filter_by_prefix ?? '';
  const info = parseInfo(query.info);
  // Pusher refuses user_count unless every listed channel is a presence channel.
  if (info.includes('user_count') && !prefix.startsWith('presence-')) {
    throw new HttpError(400, 'user_count requires filter_by_prefix=presence-');
  }
  const channels: Record<string, ChannelAttributes> = {};
  for (const name of ctx.registry.occupiedChannels(prefix)) {
    channels[name] = attributes(ctx, name, info);
  }
  return { channels };
}

function channelInfo(ctx: ServerContext, channel: string, query: Record<string, string>) {
  if (!isAcceptedChannelName(channel)) throw new HttpError(400, 'Invalid channel name');
  const info = parseInfo(query.info);
  if (info.includes('user_count') && !isPresence(channel)) {
    throw new HttpError(400, 'user_count is only available on presence channels');
  }
  const occupied = ctx.registry.subscriptionCount(channel) > 0;
  return { occupied, ...attributes(ctx, channel, info) };
}

function channelUsers(ctx: ServerContext, channel: string) {
  if (!isAcceptedChannelName(channel) || !isPresence(channel)) {
    throw new HttpError(400, 'Users can only be listed on presence channels');
  }
  return { users: [...ctx.registry.members(channel).keys()].map((id) => ({ id })) };
}

function attributes(ctx: ServerContext, channel: string, info: string[]): ChannelAttributes {
  const result: ChannelAttributes = {};
  if (info.includes('user_count') && isPresence(channel)) {
    result.user_count = ctx.registry.userCount(channel);
  }
  if (info.includes('subscription_count')) {
    result.subscription_count = ctx.registry.subscriptionCount(channel);
  }
  return result;
}

function parseInfo(info: string | undefined): string[] {
  if (info === undefined || info === '') return [];
  const attributes = info.split(',').map((a) => a.trim()).filter((a) => a !== '');
  for (const attribute of attributes) {
    if (!INFO_ATTRIBUTES.has(attribute)) {
      throw new HttpError(400, `Unknown info attribute: ${attribute.slice(0, 50)}`);
    }
  }
  return attributes;
}

function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'Body must be JSON');
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'Expected a JSON object');
  }
  return value as Record<string, unknown>;
}

function requireMethod(actual: string, expected: string): void {
  if (actual !== expected) throw new HttpError(405, `Use ${expected} for this endpoint`);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
