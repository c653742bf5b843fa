import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';

export type LocalSecrets = {
  authSecret: string;
  encryptionKey: string;
  pusher: { appId: string; key: string; secret: string };
  vapid: { publicKey: string; privateKey: string };
};

function generate(): LocalSecrets {
  return {
    authSecret: randomBytes(32).toString('base64'),
    encryptionKey: randomBytes(32).toString('base64'),
    pusher: {
      appId: String(100000 + (randomBytes(3).readUIntBE(0, 3) % 900000)),
      key: randomBytes(10).toString('hex'),
      secret: randomBytes(20).toString('hex'),
    },
    vapid: webpush.generateVAPIDKeys(),
  };
}

/**
 * Secrets for the embedded defaults, generated once into the data folder (mode 600) so
 * sessions and encrypted channel secrets survive restarts. Production sets them in env.
 */
export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.resolve(dataDir, 'secrets.json');
  const fresh = generate();
  if (fs.existsSync(file)) {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
    // A data folder from before a secret existed gains it; the saved ones are kept.
    const missing = (Object.keys(fresh) as (keyof LocalSecrets)[]).filter((k) => !saved[k]);
    if (missing.length === 0) return saved as LocalSecrets;
    const merged = { ...fresh, ...saved } as LocalSecrets;
    fs.writeFileSync(file, JSON.stringify(merged, null, 2), { mode: 0o600 });
    return merged;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600 });
  return fresh;
}
