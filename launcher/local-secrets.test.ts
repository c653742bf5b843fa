import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { envSchema } from '@/lib/config/schema';
import { loadOrCreateLocalSecrets } from './local-secrets';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-secrets-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadOrCreateLocalSecrets', () => {
  it('generates a VAPID key pair the configuration accepts, once', () => {
    const dir = tempDir();
    const first = loadOrCreateLocalSecrets(dir);
    const vapidShape = envSchema.pick({ VAPID_PUBLIC_KEY: true, VAPID_PRIVATE_KEY: true });
    expect(vapidShape.safeParse({ VAPID_PUBLIC_KEY: first.vapid.publicKey, VAPID_PRIVATE_KEY: first.vapid.privateKey }).success).toBe(true);
    expect(loadOrCreateLocalSecrets(dir)).toEqual(first);
    expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('adds the VAPID keys to a data folder made before them and keeps its other secrets', () => {
    const dir = tempDir();
    const old = { authSecret: 'a'.repeat(44), encryptionKey: 'b'.repeat(44), pusher: { appId: '123456', key: 'k', secret: 's' } };
    fs.writeFileSync(path.join(dir, 'secrets.json'), JSON.stringify(old));
    const loaded = loadOrCreateLocalSecrets(dir);
    expect(loaded).toMatchObject(old);
    expect(loaded.vapid.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(loadOrCreateLocalSecrets(dir)).toEqual(loaded);
  });
});
