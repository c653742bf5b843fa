import type { ServerResponse } from 'node:http';
import { EventLog } from './event-log';
import { FailureQueue, type ScriptedFailure } from './failures';
import { bearerToken, isJsonRequest, sendBytes, sendJson, startFakeServer, type RecordedRequest } from './http';
import { xSnowflake } from './ids';
import { checkDmBody, checkUploadInit } from './x-validate';
import { checkXCrc } from './x-webhook';

/**
 * A local stand-in for api.x.com: DM sends (POST /2/dm_conversations/with/{id}/messages)
 * and the chunked media upload (initialize, append, finalize, STATUS), each checked as X
 * does — the account's Bearer token, the body's shape and lengths, the media's owner and
 * size — answered in X's shapes (Problem Details on errors) and recorded; DM media for
 * webhooks served behind the token; and X's CRC check of a webhook URL.
 */

export type FakeXAccount = { userId: string; accessToken: string };

export type XSent = {
  /** The account that sent (the shop's user id). */
  accountId: string;
  recipient: string;
  text?: string;
  media?: { id: string; mimeType: string; category: string; data: Buffer };
  options?: { label: string; metadata?: string; description?: string }[];
  dmEventId: string;
  at: Date;
};

export type XEndpoint = 'dm' | 'upload' | 'any';
export type XFailureRule = ScriptedFailure & { endpoint?: XEndpoint; accountId?: string };

type Upload = { id: string; owner: string; mimeType: string; category: string; totalBytes: number; chunks: Buffer[]; finalized: boolean };

export type FakeXOptions = { port?: number; host?: string; publicOrigin?: string; accounts?: FakeXAccount[]; maxRecorded?: number };

export type FakeX = {
  /** xApiUrl: adapters call `${apiUrl}/2/…`. */
  apiUrl: string;
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** One entry per accepted DM (live array). */
  sent: XSent[];
  addAccount(account: FakeXAccount): void;
  /** Serves bytes at `${origin}/dm-media/{name}` (as ton.twimg.com does, behind the account's token); returns the URL. */
  addMedia(name: string, data: Buffer, contentType: string): string;
  failNext(rule: XFailureRule): void;
  /** X's CRC GET to a webhook URL, checked against the consumer secret. */
  checkCrc(url: string, consumerSecret: string): Promise<{ valid: boolean; status: number; body: string }>;
  waitForSent(predicate?: (sent: XSent) => boolean, timeoutMs?: number): Promise<XSent>;
  onSent(listener: (sent: XSent) => void): () => void;
  reset(options?: { data?: boolean }): void;
  close(): Promise<void>;
};

const problem = (status: number, title: string, detail: string, type = 'about:blank') => ({ title, detail, type, status });
const invalid = (message: string) => ({
  errors: [{ message }],
  title: 'Invalid Request',
  detail: 'One or more parameters to your request was invalid.',
  type: 'https://api.twitter.com/2/problems/invalid-request',
});

// Long: one fake server's state and its routes in one closure, as the other fakes are built.
export async function startFakeX(options: FakeXOptions = {}): Promise<FakeX> {
  const max = options.maxRecorded ?? 1000;
  const requests = new EventLog<RecordedRequest>('request', max, (r) => `${r.method} ${r.path} → ${r.status ?? '…'}`);
  const sent = new EventLog<XSent>('X DM', max, (s) => `${s.accountId} → ${s.recipient}: ${s.text ?? ''} ${s.media ? `[${s.media.mimeType}]` : ''}`);
  const accountByToken = new Map<string, string>();
  const uploads = new Map<string, Upload>();
  const media = new Map<string, { data: Buffer; contentType: string }>();
  const failures = new FailureQueue<{ endpoint: Exclude<XEndpoint, 'any'>; accountId: string }>();
  const addAccount = (a: FakeXAccount) => void accountByToken.set(a.accessToken, a.userId);
  (options.accounts ?? []).forEach(addAccount);

  function route(req: RecordedRequest, res: ServerResponse): void {
    const token = bearerToken(req);
    const accountId = token ? accountByToken.get(token) : undefined;
    if (req.method === 'GET' && req.path.startsWith('/dm-media/')) {
      const file = media.get(req.path.slice('/dm-media/'.length));
      if (!accountId) return sendJson(res, 401, problem(401, 'Unauthorized', 'Unauthorized'));
      return file ? sendBytes(res, file.data, file.contentType) : sendJson(res, 404, problem(404, 'Not Found Error', 'Not found'));
    }
    // App-only (or no) tokens cannot send DMs: X asks for a user-context token.
    if (!accountId) return sendJson(res, 401, problem(401, 'Unauthorized', 'Unauthorized'));
    const dm = /^\/2\/dm_conversations\/with\/([^/]+)\/messages$/.exec(req.path);
    const endpoint = dm ? 'dm' : req.path.startsWith('/2/media/upload') ? 'upload' : null;
    if (!endpoint) return sendJson(res, 404, problem(404, 'Not Found Error', `No route ${req.method} ${req.path}`));
    const failure = failures.take({ endpoint, accountId });
    if (failure) return sendJson(res, failure.status, failure.body, failure.headers);
    if (dm) return sendDm(req, res, accountId, decodeURIComponent(dm[1]));
    return upload(req, res, accountId);
  }

  function sendDm(req: RecordedRequest, res: ServerResponse, accountId: string, recipient: string): void {
    if (req.method !== 'POST') return sendJson(res, 405, problem(405, 'Method Not Allowed', 'POST only'));
    if (!isJsonRequest(req) || typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      return sendJson(res, 400, invalid('The body must be a JSON object (Content-Type: application/json)'));
    }
    if (!/^\d{1,20}$/.test(recipient)) return sendJson(res, 400, invalid(`participant_id ${recipient} is not a user id`));
    if (recipient === accountId) return sendJson(res, 400, invalid('You cannot send a direct message to yourself'));
    const body = req.body as Record<string, unknown>;
    const problemText = checkDmBody(body);
    if (problemText) return sendJson(res, 400, invalid(problemText));
    let attached: XSent['media'];
    const attachments = body.attachments as { media_id: string }[] | undefined;
    if (attachments) {
      const found = uploads.get(attachments[0].media_id);
      if (!found || found.owner !== accountId || !found.finalized) return sendJson(res, 400, invalid(`media_id ${attachments[0].media_id} is not an uploaded media of this account`));
      attached = { id: found.id, mimeType: found.mimeType, category: found.category, data: Buffer.concat(found.chunks) };
    }
    const dmEventId = xSnowflake();
    const ids = [accountId, recipient].sort();
    sent.record({
      accountId,
      recipient,
      ...(typeof body.text === 'string' ? { text: body.text } : {}),
      ...(attached ? { media: attached } : {}),
      ...(body.quick_reply ? { options: (body.quick_reply as { options: XSent['options'] }).options } : {}),
      dmEventId,
      at: new Date(),
    });
    sendJson(res, 201, { data: { dm_conversation_id: ids.join('-'), dm_event_id: dmEventId } });
  }

  function upload(req: RecordedRequest, res: ServerResponse, accountId: string): void {
    if (req.method === 'GET' && req.path === '/2/media/upload' && req.query.command === 'STATUS') {
      const found = uploads.get(req.query.media_id ?? '');
      if (!found || found.owner !== accountId) return sendJson(res, 400, invalid('Unknown media_id'));
      return sendJson(res, 200, { data: { id: found.id, processing_info: { state: 'succeeded', progress_percent: 100 } } });
    }
    if (req.method !== 'POST') return sendJson(res, 405, problem(405, 'Method Not Allowed', 'POST only'));
    // Finalize takes no body; initialize and append a JSON object.
    const needsBody = !req.path.endsWith('/finalize');
    if (needsBody && (!isJsonRequest(req) || typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))) {
      return sendJson(res, 400, invalid('The body must be a JSON object (Content-Type: application/json)'));
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (req.path === '/2/media/upload/initialize') {
      const problemText = checkUploadInit(body);
      if (problemText) return sendJson(res, 400, invalid(problemText));
      const id = xSnowflake();
      uploads.set(id, {
        id,
        owner: accountId,
        mimeType: String(body.media_type),
        category: String(body.media_category),
        totalBytes: body.total_bytes as number,
        chunks: [],
        finalized: false,
      });
      return sendJson(res, 200, { data: { id, media_key: `16_${id}`, expires_after_secs: 86_400 } });
    }
    const step = /^\/2\/media\/upload\/(\d+)\/(append|finalize)$/.exec(req.path);
    const found = step ? uploads.get(step[1]) : undefined;
    if (!step || !found || found.owner !== accountId) return sendJson(res, 400, invalid('Unknown media id'));
    if (found.finalized) return sendJson(res, 400, invalid('This media is already finalized'));
    if (step[2] === 'append') {
      if (body.segment_index !== found.chunks.length) return sendJson(res, 400, invalid(`segment_index must be ${found.chunks.length}`));
      if (typeof body.media !== 'string' || !/^[A-Za-z0-9+/]+=*$/.test(body.media)) return sendJson(res, 400, invalid('media must be base64'));
      found.chunks.push(Buffer.from(body.media, 'base64'));
      return sendJson(res, 200, { data: { expires_at: Math.floor(Date.now() / 1000) + 86_400 } });
    }
    const size = found.chunks.reduce((n, c) => n + c.length, 0);
    if (size !== found.totalBytes) return sendJson(res, 400, invalid(`Received ${size} bytes, total_bytes said ${found.totalBytes}`));
    found.finalized = true;
    const processing = found.category === 'dm_video' ? { processing_info: { state: 'pending', check_after_secs: 1 } } : {};
    return sendJson(res, 200, { data: { id: found.id, media_key: `16_${found.id}`, size, expires_after_secs: 86_400, ...processing } });
  }

  const server = await startFakeServer({ port: options.port, host: options.host, publicOrigin: options.publicOrigin, log: requests, handle: route });
  return {
    apiUrl: server.origin,
    origin: server.origin,
    port: server.port,
    requests: requests.items,
    sent: sent.items,
    addAccount,
    addMedia(name, data, contentType) {
      media.set(name, { data, contentType });
      return `${server.origin}/dm-media/${name}`;
    },
    failNext(rule) {
      const endpoint = rule.endpoint ?? 'dm';
      failures.add(rule, (ctx) => (endpoint === 'any' || endpoint === ctx.endpoint) && (!rule.accountId || rule.accountId === ctx.accountId));
    },
    checkCrc: checkXCrc,
    waitForSent: (predicate = () => true, timeoutMs = 5000) => sent.waitFor(predicate, timeoutMs),
    onSent: (listener) => sent.on(listener),
    reset(resetOptions) {
      requests.clear();
      sent.clear();
      failures.clear();
      uploads.clear();
      if (resetOptions?.data) media.clear();
    },
    close: () => server.close(),
  };
}
