import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { EventLog } from './event-log';
import { FailureQueue, type ScriptedFailure } from './failures';
import { sendBytes, sendJson, startFakeServer, type RecordedRequest } from './http';
import { appleJwtProblem } from './apple-jwt';
import { checkAppleEnvelope, checkAppleMessage } from './apple-validate';
import type { AppleBusinessKeys } from './apple-webhook';

/**
 * A local stand-in for Apple's MSP gateway (mspgw.push.apple.com/v1): POST /message checked
 * as Apple does (the provider's HS256 JWT with the business's secret, the id, Source-Id and
 * Destination-Id headers agreeing with the body, each message type's shape), answered
 * 200 with no body and recorded.
 */

export type AppleSent = {
  id: string;
  businessId: string;
  customerId: string;
  type: 'text' | 'richLink' | 'interactive';
  text?: string;
  richLink?: { url: string; title: string };
  listPicker?: { title: string; items: { identifier: string; title: string }[] };
  body: Record<string, unknown>;
  at: Date;
};

export type FakeAppleOptions = { port?: number; host?: string; publicOrigin?: string; businesses?: AppleBusinessKeys[]; maxRecorded?: number };

export type FakeApple = {
  /** appleGatewayUrl: adapters call `${gatewayUrl}/message`. */
  gatewayUrl: string;
  port: number;
  requests: RecordedRequest[];
  sent: AppleSent[];
  addBusiness(keys: AppleBusinessKeys): void;
  /**
   * Encrypts a file as a customer's Messages app does and keeps it on the fake MMCS: the
   * attachment entry for a webhook (location, owner, signature, key), served only through
   * preDownload.
   */
  addAttachment(name: string, mimeType: string, data: Buffer): Record<string, string>;
  failNext(rule: ScriptedFailure): void;
  waitForSent(predicate?: (sent: AppleSent) => boolean, timeoutMs?: number): Promise<AppleSent>;
  onSent(listener: (sent: AppleSent) => void): () => void;
  reset(): void;
  close(): Promise<void>;
};

type Items = { identifier: string; title: string }[];

function summary(body: Record<string, unknown>): Pick<AppleSent, 'text' | 'richLink' | 'listPicker'> {
  if (body.type === 'text') return { text: body.body as string };
  if (body.type === 'richLink') return { richLink: body.richLinkData as { url: string; title: string } };
  const interactive = body.interactiveData as { receivedMessage: { title: string }; data: { listPicker: { sections: { items: Items }[] } } };
  const items = interactive.data.listPicker.sections.flatMap((s) => s.items.map(({ identifier, title }) => ({ identifier, title })));
  return { listPicker: { title: interactive.receivedMessage.title, items } };
}

export async function startFakeApple(options: FakeAppleOptions = {}): Promise<FakeApple> {
  const max = options.maxRecorded ?? 1000;
  const requests = new EventLog<RecordedRequest>('request', max, (r) => `${r.method} ${r.path} → ${r.status ?? '…'}`);
  const sent = new EventLog<AppleSent>('Apple message', max, (s) => `${s.businessId} → ${s.customerId}: ${s.type} ${s.text ?? s.richLink?.url ?? s.listPicker?.title ?? ''}`);
  const businesses = new Map<string, AppleBusinessKeys>();
  const failures = new FailureQueue<null>();
  const addBusiness = (keys: AppleBusinessKeys) => void businesses.set(keys.businessId, keys);
  const files = new Map<string, { owner: string; signature: string; encrypted: Buffer; token: string }>();
  (options.businesses ?? []).forEach(addBusiness);

  function route(req: RecordedRequest, res: ServerResponse): void {
    const download = /^\/mmcs-download\/([\w-]+)$/.exec(req.path);
    if (download) {
      const file = [...files.values()].find((f) => f.token === download[1]);
      return file ? sendBytes(res, file.encrypted, 'application/octet-stream') : sendJson(res, 404, { message: 'Expired or unknown download' });
    }
    if (req.path === '/v1/preDownload') return preDownload(req, res);
    if (req.path !== '/v1/message') return sendJson(res, 404, { message: `No route ${req.method} ${req.path}` });
    if (req.method !== 'POST') return sendJson(res, 405, { message: 'POST only' });
    const sourceId = req.headers['source-id'];
    const business = typeof sourceId === 'string' ? businesses.get(sourceId) : undefined;
    if (!business) return sendJson(res, 400, { message: 'Unknown Source-Id (business id)' });
    const authProblem = appleJwtProblem(req.headers.authorization, business.mspId, business.secret);
    if (authProblem) return sendJson(res, 401, { message: authProblem });
    const failure = failures.take(null);
    if (failure) return sendJson(res, failure.status, failure.body, failure.headers);
    const problem = checkAppleEnvelope(req.headers, req.body) ?? checkAppleMessage(req.body as Record<string, unknown>);
    if (problem) return sendJson(res, 400, { message: problem });
    const body = req.body as Record<string, unknown>;
    sent.record({
      id: body.id as string,
      businessId: business.businessId,
      customerId: body.destinationId as string,
      type: body.type as AppleSent['type'],
      ...summary(body),
      body,
      at: new Date(),
    });
    res.writeHead(200, { 'content-length': '0' });
    res.end();
  }

  /** Apple's preDownload: the provider's JWT, and the file's location, owner and signature as the message gave them. */
  function preDownload(req: RecordedRequest, res: ServerResponse): void {
    if (req.method !== 'GET') return sendJson(res, 405, { message: 'GET only' });
    const sourceId = req.headers['source-id'];
    const business = typeof sourceId === 'string' ? businesses.get(sourceId) : undefined;
    if (!business) return sendJson(res, 400, { message: 'Unknown Source-Id (business id)' });
    const authProblem = appleJwtProblem(req.headers.authorization, business.mspId, business.secret);
    if (authProblem) return sendJson(res, 401, { message: authProblem });
    const file = files.get(String(req.headers['mmcs-url'] ?? ''));
    if (!file) return sendJson(res, 404, { message: 'Unknown MMCS-Url' });
    if (req.headers['mmcs-owner'] !== file.owner) return sendJson(res, 400, { message: 'MMCS-Owner does not match the file' });
    if (req.headers['mmcs-signature'] !== Buffer.from(file.signature, 'hex').toString('base64')) {
      return sendJson(res, 400, { message: 'MMCS-Signature must be the base64 of the signature bytes' });
    }
    file.token = randomUUID();
    sendJson(res, 200, { 'download-url': `${server.origin}/mmcs-download/${file.token}` });
  }

  const server = await startFakeServer({ port: options.port, host: options.host, publicOrigin: options.publicOrigin, log: requests, handle: route });
  return {
    gatewayUrl: `${server.origin}/v1`,
    port: server.port,
    requests: requests.items,
    sent: sent.items,
    addBusiness,
    addAttachment(name, mimeType, data) {
      const key = randomBytes(32);
      const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
      const encrypted = Buffer.concat([cipher.update(data), cipher.final()]);
      const url = `${server.origin}/mmcs/${randomUUID()}`;
      const owner = `owner-${randomBytes(4).toString('hex')}`;
      const signature = randomBytes(21).toString('hex');
      files.set(url, { owner, signature, encrypted, token: randomUUID() });
      return { name, mimeType, size: String(encrypted.length), signature, url, owner, key: `00${key.toString('hex')}` };
    },
    failNext: (rule) => failures.add(rule, () => true),
    waitForSent: (predicate = () => true, timeoutMs = 5000) => sent.waitFor(predicate, timeoutMs),
    onSent: (listener) => sent.on(listener),
    reset() {
      requests.clear();
      sent.clear();
      failures.clear();
    },
    close: () => server.close(),
  };
}
