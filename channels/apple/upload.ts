import { randomBytes } from 'node:crypto';
import type { ApiTarget } from '../adapter';
import { callApi, isTimeout, trimSlash, type RequestOptions, type SendFailure } from '../shared/http';
import { rec, str } from '../shared/json';
import { fetchOutside, refusalIn } from '../shared/outside-fetch';
import { readStreamCapped } from '../shared/read-stream';
import { encryptAppleAttachment } from './cipher';
import { appleFailure } from './errors';

/** One entry of a message's `attachments`, as Apple's sample sends it (size as a string, of the encrypted file). */
export type AppleAttachment = {
  name: string;
  mimeType: string;
  size: string;
  'signature-base64': string;
  url: string;
  owner: string;
  key: string;
};

export type AppleFile = { data: Buffer; mimeType: string; name: string };

/** An upload takes longer than a message; a 100 MB file on a slow link still fits. */
const UPLOAD_TIMEOUT_MS = 120_000;
/** The upload's answer is a small JSON document; anything longer is not Apple's. */
const MAX_ANSWER_BYTES = 64 * 1024;

const uploadFailed = (error: string, retryable = true): SendFailure => ({ ok: false, error: `Apple attachment upload: ${error}`, retryable, code: 'media_upload' });

/**
 * A file for a message to Apple: encrypted with a fresh key (AES-256-CTR, zero IV), then
 * GET {gateway}/preUpload with the encrypted size gives an upload URL and the file's MMCS
 * location and owner; the encrypted bytes are POSTed there (the URL came from Apple's
 * answer, so it goes through the outside-URL filter) and Apple's checksum comes back.
 * Nothing has reached the customer until the message naming the attachment is sent, so
 * every failure here is safe to retry (a new preUpload gives a new URL).
 */
export async function uploadAppleAttachment(
  file: AppleFile,
  auth: { jwt: string; secrets: string[] },
  api: ApiTarget,
  options: RequestOptions = {},
): Promise<{ ok: true; attachment: AppleAttachment } | SendFailure> {
  const { keyField, encrypted } = encryptAppleAttachment(randomBytes(32), file.data);
  const pre = await callApi(
    {
      url: `${trimSlash(api.appleGatewayUrl)}/preUpload`,
      method: 'GET',
      headers: { Authorization: `Bearer ${auth.jwt}`, 'Source-Id': api.accountId, 'MMCS-Size': String(encrypted.length) },
      secrets: auth.secrets,
    },
    options,
  );
  if (pre.kind !== 'response' || pre.status < 200 || pre.status >= 300) return appleFailure(pre, 'Apple preUpload');
  const answer = rec(pre.json);
  const uploadUrl = str(answer?.['upload-url']);
  const mmcsUrl = str(answer?.['mmcs-url']);
  const owner = str(answer?.['mmcs-owner']);
  if (!uploadUrl || !mmcsUrl || !owner) return uploadFailed('preUpload did not return upload-url, mmcs-url and mmcs-owner');

  const checksum = await postEncrypted(uploadUrl, encrypted, options);
  if (typeof checksum !== 'string') return checksum;
  return {
    ok: true,
    attachment: { name: file.name, mimeType: file.mimeType, size: String(encrypted.length), 'signature-base64': checksum, url: mmcsUrl, owner, key: keyField },
  };
}

/** POST the encrypted bytes to Apple's upload URL; its answer's `singleFile.fileChecksum`, or why not. */
async function postEncrypted(uploadUrl: string, encrypted: Buffer, options: RequestOptions): Promise<string | SendFailure> {
  let res: Response;
  try {
    res = await fetchOutside(uploadUrl, {
      method: 'POST',
      body: new Uint8Array(encrypted),
      headers: { 'content-type': 'application/octet-stream' },
      signal: AbortSignal.timeout(options.timeoutMs ?? UPLOAD_TIMEOUT_MS),
      allowHosts: options.allowHosts,
      fetch: options.fetch,
    });
  } catch (error) {
    const refused = refusalIn(error);
    if (refused) return uploadFailed(`the upload URL Apple gave was refused (${refused.message})`, false);
    return uploadFailed(isTimeout(error) ? 'timed out' : `network error: ${(error as Error).message}`);
  }
  const read = res.body ? await readStreamCapped(res.body, MAX_ANSWER_BYTES) : { ok: true as const, bytes: Buffer.alloc(0) };
  if (res.status < 200 || res.status >= 300) return uploadFailed(`HTTP ${res.status}`, res.status !== 413);
  if (!read.ok) return uploadFailed('the answer was not Apple’s (too long)');
  let json: unknown;
  try {
    json = JSON.parse(read.bytes.toString('utf8'));
  } catch {
    json = undefined;
  }
  const checksum = str(rec(rec(json)?.singleFile)?.fileChecksum);
  return checksum ?? uploadFailed('the answer had no singleFile.fileChecksum');
}
