import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type LocalSecrets = {
  authSecret: string;
  encryptionKey: string;
  pusher: { appId: string; key: string; secret: string };
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
  };
}

/**
 * Secrets for the embedded defaults, generated once into the data folder (mode 600) so
 * sessions and encrypted channel secrets survive restarts. Production sets them in env.
 */
export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.resolve(dataDir, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as LocalSecrets;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secrets = generate();
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
