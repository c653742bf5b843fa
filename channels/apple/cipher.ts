import { createCipheriv, createDecipheriv } from 'node:crypto';

// Apple's attachment cipher (its sample's attachment_cipher.py): AES-256-CTR with an IV of
// 16 zero bytes and a fresh key per file; the key travels as "00" followed by its hex.

const ZERO_IV = Buffer.alloc(16);

/** The 32 key bytes of a key field ("00" + 64 hex digits), or null. */
export function attachmentKey(field: string): Buffer | null {
  return /^00[0-9a-fA-F]{64}$/.test(field) ? Buffer.from(field.slice(2), 'hex') : null;
}

export function decryptAppleAttachment(keyField: string, encrypted: Buffer): Buffer {
  const key = attachmentKey(keyField);
  if (!key) throw new Error('The attachment key is not "00" followed by 32 bytes of hex');
  const decipher = createDecipheriv('aes-256-ctr', key, ZERO_IV);
  return Buffer.concat([decipher.update(encrypted), decipher.final()]);
}

/** What Apple's side does before an upload: encrypt with a key, give back the key field. */
export function encryptAppleAttachment(key: Buffer, plain: Buffer): { keyField: string; encrypted: Buffer } {
  const cipher = createCipheriv('aes-256-ctr', key, ZERO_IV);
  return { keyField: `00${key.toString('hex')}`, encrypted: Buffer.concat([cipher.update(plain), cipher.final()]) };
}
