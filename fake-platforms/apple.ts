import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
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
 * 200 with no body and recorded. Files go both ways through a fake MMCS: preDownload for
 * the customer's attachments; preUpload, the upload URL it hands out and the attachment
 * entries of a message (location, owner, size, checksum and a key that decrypts the file)
 * for the business's.
 */

export type AppleSent = {
  id: string;
  businessId: string;
  customerId: string;
  type: 'text' | 'richLink' | 'interactive';
  text?: string;
  richLink?: { url: string; title: string };
  listPicker?: { title: string; items: { identifier: string; title: string }[] };
  /** The files the message carried, decrypted with the keys it gave: what the customer's phone shows. */
  attachments?: { name: string; mimeType: string; data: Buffer }[];
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

const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;

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
  /** Upload URLs handed out by preUpload and not yet used: the size announced, where the file will live. */
  const uploads = new Map<string, { size: number; url: string; owner: string }>();
  (options.businesses ?? []).forEach(addBusiness);

  function route(req: RecordedRequest, res: ServerResponse): void {
    const download = /^\/mmcs-download\/([\w-]+)$/.exec(req.path);
    if (download) {
      const file = [...files.values()].find((f) => f.token === download[1]);
      return file ? sendBytes(res, file.encrypted, 'application/octet-stream') : sendJson(res, 404, { message: 'Expired or unknown download' });
    }
    const upload = /^\/mmcs-upload\/([\w-]+)$/.exec(req.path);
    if (upload) return receiveUpload(upload[1], req, res);
    if (req.path === '/v1/preDownload') return preDownload(req, res);
    if (req.path === '/v1/preUpload') return preUpload(req, res);
    if (req.path !== '/v1/message') return sendJson(res, 404, { message: `No route ${req.method} ${req.path}` });
    if (req.method !== 'POST') return sendJson(res, 405, { message: 'POST only' });
    const business = authorised(req, res);
    if (!business) return;
    const failure = failures.take(null);
    if (failure) return sendJson(res, failure.status, failure.body, failure.headers);
    const problem = checkAppleEnvelope(req.headers, req.body) ?? checkAppleMessage(req.body as Record<string, unknown>);
    if (problem) return sendJson(res, 400, { message: problem });
    const body = req.body as Record<string, unknown>;
    const attached = openAttachments(body);
    if (typeof attached === 'string') return sendJson(res, 400, { message: attached });
    sent.record({
      id: body.id as string,
      businessId: business.businessId,
      customerId: body.destinationId as string,
      type: body.type as AppleSent['type'],
      ...summary(body),
      ...(attached.length ? { attachments: attached } : {}),
      body,
      at: new Date(),
    });
    res.writeHead(200, { 'content-length': '0' });
    res.end();
  }

  /** The business's side of a gateway call: the Source-Id names a known business and the JWT is its provider's. */
  function authorised(req: RecordedRequest, res: ServerResponse): AppleBusinessKeys | null {
    const sourceId = req.headers['source-id'];
    const business = typeof sourceId === 'string' ? businesses.get(sourceId) : undefined;
    if (!business) return void sendJson(res, 400, { message: 'Unknown Source-Id (business id)' }), null;
    const authProblem = appleJwtProblem(req.headers.authorization, business.mspId, business.secret);
    if (authProblem) return void sendJson(res, 401, { message: authProblem }), null;
    return business;
  }

  /** Apple's preUpload: the provider's JWT and the encrypted file's size (MMCS-Size); an upload URL for exactly that many bytes. */
  function preUpload(req: RecordedRequest, res: ServerResponse): void {
    if (req.method !== 'GET') return sendJson(res, 405, { message: 'GET only' });
    if (!authorised(req, res)) return;
    const failure = failures.take(null);
    if (failure) return sendJson(res, failure.status, failure.body, failure.headers);
    const size = Number(req.headers['mmcs-size']);
    if (!/^\d+$/.test(String(req.headers['mmcs-size'] ?? '')) || size <= 0) return sendJson(res, 400, { message: 'MMCS-Size must be the encrypted file’s size in bytes' });
    if (size > MAX_ATTACHMENT_BYTES) return sendJson(res, 413, { message: 'Attachments are limited to 100 MB' });
    const token = randomUUID();
    const url = `${server.origin}/mmcs/${randomUUID()}`;
    const owner = `owner-${randomBytes(4).toString('hex')}`;
    uploads.set(token, { size, url, owner });
    sendJson(res, 200, { 'upload-url': `${server.origin}/mmcs-upload/${token}`, 'mmcs-url': url, 'mmcs-owner': owner });
  }

  /** The upload URL: POST exactly the announced bytes, once; the answer carries the file's checksum (base64 of its signature). */
  function receiveUpload(token: string, req: RecordedRequest, res: ServerResponse): void {
    if (req.method !== 'POST') return sendJson(res, 405, { message: 'POST only' });
    const pending = uploads.get(token);
    if (!pending) return sendJson(res, 404, { message: 'Unknown or used upload URL' });
    if (req.bytes.length !== pending.size) return sendJson(res, 400, { message: `Uploaded ${req.bytes.length} bytes, preUpload announced ${pending.size}` });
    uploads.delete(token);
    // MMCS signatures are 21 bytes: a version byte and the SHA-1 of the encrypted file.
    const signature = Buffer.concat([Buffer.from([1]), createHash('sha1').update(req.bytes).digest()]).toString('hex');
    files.set(pending.url, { owner: pending.owner, signature, encrypted: Buffer.from(req.bytes), token: randomUUID() });
    sendJson(res, 200, { singleFile: { fileChecksum: Buffer.from(signature, 'hex').toString('base64') } });
  }

  /**
   * A message's attachments as Apple checks them: one U+FFFC in the text per attachment,
   * each an uploaded file with its owner, encrypted size and checksum, and a key ("00" + hex)
   * that decrypts it. The decrypted files, or what is wrong.
   */
  function openAttachments(body: Record<string, unknown>): { name: string; mimeType: string; data: Buffer }[] | string {
    if (body.attachments === undefined) return [];
    if (!Array.isArray(body.attachments) || body.attachments.length === 0) return 'attachments must be a non-empty array';
    if (body.type !== 'text') return 'Attachments go in a text message';
    const marks = [...String(body.body)].filter((c) => c === '\uFFFC').length;
    if (marks !== body.attachments.length) return `The body must hold one U+FFFC per attachment (${marks} for ${body.attachments.length})`;
    const opened: { name: string; mimeType: string; data: Buffer }[] = [];
    for (const entry of body.attachments as Record<string, unknown>[]) {
      const { name, mimeType, size, url, owner, key } = entry ?? {};
      if (typeof name !== 'string' || !name || typeof mimeType !== 'string' || !mimeType) return 'Each attachment needs a name and a mimeType';
      const file = typeof url === 'string' ? files.get(url) : undefined;
      if (!file) return 'An attachment url is not an uploaded MMCS file';
      if (owner !== file.owner) return 'An attachment owner does not match its file';
      if (size !== String(file.encrypted.length)) return 'An attachment size must be the encrypted file’s size, as a string';
      if (entry['signature-base64'] !== Buffer.from(file.signature, 'hex').toString('base64')) return 'An attachment signature-base64 is not the upload’s fileChecksum';
      if (typeof key !== 'string' || !/^00[0-9a-f]{64}$/i.test(key)) return 'An attachment key must be "00" followed by 32 bytes of hex';
      const decipher = createDecipheriv('aes-256-ctr', Buffer.from(key.slice(2), 'hex'), Buffer.alloc(16));
      opened.push({ name, mimeType, data: Buffer.concat([decipher.update(file.encrypted), decipher.final()]) });
    }
    return opened;
  }

  /** Apple's preDownload: the provider's JWT, and the file's location, owner and signature as the message gave them. */
  function preDownload(req: RecordedRequest, res: ServerResponse): void {
    if (req.method !== 'GET') return sendJson(res, 405, { message: 'GET only' });
    if (!authorised(req, res)) return;
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
      uploads.clear();
    },
    close: () => server.close(),
  };
}
