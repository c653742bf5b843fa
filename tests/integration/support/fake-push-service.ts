import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

// A push service on 127.0.0.1 for tests, as the research verified (RFC 8030/8291/8292): an
// HTTPS server with a self-signed certificate that checks each request's VAPID token and
// decrypts its aes128gcm body with the fake browser's keys, like a real browser would.

const b64u = (b: Buffer | Uint8Array) => Buffer.from(b).toString('base64url');

export type FakeDevice = {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  ecdh: crypto.ECDH;
  authSecret: Buffer;
};

export type ReceivedPush = {
  path: string;
  headers: { ttl?: string; urgency?: string; contentEncoding?: string };
  vapid: { signatureOk: boolean; audience: string; expiresIn: number; alg: string; key: string; subject: string };
  payload: unknown;
};

export type FakePushService = {
  origin: string;
  /** A "browser" subscribed at this service; its path's answer can be scripted with `answer`. */
  device(name: string): FakeDevice;
  /** The status the device's endpoint answers with (the next `times` requests, or from now on). */
  answer(name: string, status: number, times?: number): void;
  received: ReceivedPush[];
  agent: https.Agent;
  close(): Promise<void>;
};

function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-push-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1',
    ], { stdio: 'ignore' });
    return { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** RFC 8291 §3.4 over RFC 8188: one record (our payloads are far below 4 KB). */
export function decryptAes128gcm(body: Buffer, ecdh: crypto.ECDH, authSecret: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  const serverPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  if (ciphertext.length > rs) throw new Error('more than one record');
  const hkdf = (salt: Buffer, ikm: Buffer, info: Buffer, length: number) => Buffer.from(crypto.hkdfSync('sha256', ikm, salt, info, length));
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ecdh.getPublicKey(), serverPublic]);
  const ikm = hkdf(authSecret, ecdh.computeSecret(serverPublic), keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(-16));
  const plain = Buffer.concat([decipher.update(ciphertext.subarray(0, -16)), decipher.final()]);
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (plain[end] !== 2) throw new Error('bad padding delimiter');
  return plain.subarray(0, end);
}

function readVapid(authorization: string | undefined) {
  const match = /^vapid t=([^,]+), k=(.+)$/.exec(authorization ?? '');
  if (!match) throw new Error(`no VAPID authorization: ${authorization}`);
  const [header, claims, signature] = match[1]!.split('.') as [string, string, string];
  const publicKey = Buffer.from(match[2]!, 'base64url');
  const jwk = { kty: 'EC', crv: 'P-256', x: b64u(publicKey.subarray(1, 33)), y: b64u(publicKey.subarray(33, 65)) };
  const signatureOk = crypto.verify('sha256', Buffer.from(`${header}.${claims}`), { key: crypto.createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  const h = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg: string };
  const c = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud: string; exp: number; sub: string };
  return { signatureOk, audience: c.aud, expiresIn: c.exp - Math.floor(Date.now() / 1000), alg: h.alg, key: match[2]!, subject: c.sub };
}

export async function startFakePushService(): Promise<FakePushService> {
  const devices = new Map<string, FakeDevice>();
  const answers = new Map<string, { status: number; times: number }>();
  const received: ReceivedPush[] = [];
  const server = https.createServer(selfSignedCertificate(), (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const name = (req.url ?? '').replace(/^\/push\//, '');
      const device = devices.get(name);
      const scripted = answers.get(name);
      const status = scripted && scripted.times > 0 ? scripted.status : 201;
      if (scripted) scripted.times--;
      if (!device || status >= 300) {
        res.writeHead(device ? status : 404).end();
        return;
      }
      try {
        const payload = JSON.parse(decryptAes128gcm(Buffer.concat(chunks), device.ecdh, device.authSecret).toString('utf8')) as unknown;
        received.push({
          path: req.url ?? '',
          headers: { ttl: req.headers.ttl as string, urgency: req.headers.urgency as string, contentEncoding: req.headers['content-encoding'] },
          vapid: readVapid(req.headers.authorization),
          payload,
        });
        res.writeHead(201, { location: `/m/${received.length}` }).end();
      } catch (error) {
        res.writeHead(400).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new https.Agent({ rejectUnauthorized: false });
  return {
    origin,
    received,
    agent,
    device(name) {
      const ecdh = crypto.createECDH('prime256v1');
      ecdh.generateKeys();
      const authSecret = crypto.randomBytes(16);
      const device = { endpoint: `${origin}/push/${name}`, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(authSecret) }, ecdh, authSecret };
      devices.set(name, device);
      return device;
    },
    answer(name, status, times = Infinity) {
      answers.set(name, { status, times });
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
