import type { ServerResponse } from 'node:http';
import { isObject } from './check';
import { bearerToken, deferredResponse, isJsonRequest, sendBytes, sendJson, type RecordedRequest } from './http';
import { lineMessageId, lineQuoteToken, requestId } from './ids';
import { AUTH_FAILED, AUTH_MISSING, bodyErrors, INVALID_REPLY_TOKEN, NOT_FOUND } from './line-errors';
import type { LineEndpoint, LineState } from './line-state';
import { validateLineMessages, validateNotificationDisabled } from './line-validate';

/**
 * Routing and handlers of the fake LINE API: reply, push (with retry keys), profile on the
 * API base, message content on the data base. Every answer carries x-line-request-id.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Push targets: a user (U), group (C) or room (R) id, 32 hex digits after the letter. */
const TARGET = /^[UCR][0-9a-f]{32}$/;

type Route = { endpoint: LineEndpoint; param?: string };

function match(req: RecordedRequest): Route | undefined {
  const { method, path } = req;
  if (method === 'POST' && path === '/api/v2/bot/message/reply') return { endpoint: 'reply' };
  if (method === 'POST' && path === '/api/v2/bot/message/push') return { endpoint: 'push' };
  let m = /^\/api\/v2\/bot\/profile\/([^/]+)$/.exec(path);
  if (method === 'GET' && m) return { endpoint: 'profile', param: decodeURIComponent(m[1]) };
  m = /^\/data\/v2\/bot\/message\/([^/]+)\/content$/.exec(path);
  if (method === 'GET' && m) return { endpoint: 'content', param: decodeURIComponent(m[1]) };
  return undefined;
}

export async function lineRoute(state: LineState, req: RecordedRequest, res: ServerResponse): Promise<void> {
  const reqId = requestId();
  res.setHeader('x-line-request-id', reqId);
  const route = match(req);
  if (!route) return sendJson(res, 404, NOT_FOUND);

  const token = bearerToken(req);
  if (!token) return sendJson(res, 401, AUTH_MISSING);
  const botUserId = state.botByToken.get(token);
  if (!botUserId) return sendJson(res, 401, AUTH_FAILED);

  const retryKey = req.headers['x-line-retry-key'];
  if (retryKey !== undefined && route.endpoint !== 'push') {
    return sendJson(res, 400, { message: 'The X-Line-Retry-Key header is not supported on this endpoint' });
  }
  if (route.endpoint === 'push' && retryKey !== undefined) {
    if (typeof retryKey !== 'string' || !UUID.test(retryKey)) {
      return sendJson(res, 400, { message: 'The value of the X-Line-Retry-Key header must be a UUID' });
    }
    const accepted = state.acceptedRetryKeys.get(`${botUserId} ${retryKey.toLowerCase()}`);
    if (accepted) {
      return sendJson(
        res,
        409,
        { message: 'The retry key is already accepted', sentMessages: accepted.sentMessages },
        { 'x-line-accepted-request-id': accepted.requestId },
      );
    }
  }

  const failure = state.failures.take({ endpoint: route.endpoint, botUserId });
  if (failure) {
    if (failure.delayMs) await state.sleep(failure.delayMs);
    return sendJson(res, failure.status, failure.body, failure.headers);
  }

  const hold = state.holds.take({ endpoint: route.endpoint, botUserId });
  if (!hold) return answer(state, req, res, route, botUserId, reqId, retryKey);
  const held = deferredResponse(res);
  answer(state, req, held.res, route, botUserId, reqId, retryKey);
  await state.sleep(hold.delayMs);
  held.release();
}

function answer(
  state: LineState,
  req: RecordedRequest,
  res: ServerResponse,
  route: Route,
  botUserId: string,
  reqId: string,
  retryKey: string | string[] | undefined,
): void {
  switch (route.endpoint) {
    case 'reply':
      return reply(state, req, res, botUserId);
    case 'push':
      return push(state, req, res, botUserId, reqId, typeof retryKey === 'string' ? retryKey : undefined);
    case 'profile': {
      const profile = state.profiles.get(route.param ?? '');
      return profile ? sendJson(res, 200, { userId: route.param, ...profile }) : sendJson(res, 404, NOT_FOUND);
    }
    case 'content': {
      const content = state.contents.get(route.param ?? '');
      return content ? sendBytes(res, content.data, content.mimeType) : sendJson(res, 404, NOT_FOUND);
    }
  }
}

const NOT_JSON = { message: 'The request body could not be parsed as JSON' };

function reply(state: LineState, req: RecordedRequest, res: ServerResponse, botUserId: string): void {
  if (!isJsonRequest(req) || !isObject(req.body)) return sendJson(res, 400, NOT_JSON);
  const body = req.body;
  const details = [
    ...(typeof body.replyToken === 'string' && body.replyToken !== ''
      ? []
      : [{ property: 'replyToken', message: body.replyToken === undefined ? 'must be specified' : 'May not be empty' }]),
    ...validateLineMessages(body.messages),
    ...validateNotificationDisabled(body),
  ];
  if (details.length) return sendJson(res, 400, bodyErrors(details));
  const replyToken = body.replyToken as string;
  const userId = state.replyTokens.peek(replyToken, botUserId);
  if (!userId) return sendJson(res, 400, INVALID_REPLY_TOKEN);
  state.replyTokens.use(replyToken);
  const sentMessages = record(state, botUserId, userId, body, { via: 'reply', replyToken });
  sendJson(res, 200, { sentMessages });
}

function push(
  state: LineState,
  req: RecordedRequest,
  res: ServerResponse,
  botUserId: string,
  reqId: string,
  retryKey: string | undefined,
): void {
  if (!isJsonRequest(req) || !isObject(req.body)) return sendJson(res, 400, NOT_JSON);
  const body = req.body;
  const details = [
    ...(body.to === undefined ? [{ property: 'to', message: 'must be specified' }] : []),
    ...validateLineMessages(body.messages),
    ...validateNotificationDisabled(body),
  ];
  if (details.length) return sendJson(res, 400, bodyErrors(details));
  if (typeof body.to !== 'string' || !TARGET.test(body.to)) {
    return sendJson(res, 400, { message: "The property, 'to', in the request body is invalid (line: -, column: -)" });
  }
  const sentMessages = record(state, botUserId, body.to, body, { via: 'push', retryKey });
  if (retryKey) state.acceptedRetryKeys.set(`${botUserId} ${retryKey.toLowerCase()}`, { requestId: reqId, sentMessages });
  sendJson(res, 200, { sentMessages });
}

function record(
  state: LineState,
  botUserId: string,
  recipient: string,
  body: Record<string, unknown>,
  how: { via: 'reply' | 'push'; replyToken?: string; retryKey?: string },
): { id: string; quoteToken: string }[] {
  const messages = body.messages as unknown[];
  return messages.map((message) => {
    const sent = { id: lineMessageId(), quoteToken: lineQuoteToken() };
    state.sent.record({
      platform: 'line',
      accountId: botUserId,
      recipient,
      message,
      externalId: sent.id,
      quoteToken: sent.quoteToken,
      ...how,
      body,
      at: new Date(),
    });
    return sent;
  });
}
