import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { fileUrl, saveFile } from '@/lib/files/storage';
import { signedFileUrl } from '@/lib/files/signed-url';
import { CATALOGUE_IMAGE_TTL_SECONDS } from '@/lib/commerce/catalogue-admin/images';
import { getConfig, type Env } from '@/lib/config';

// The demo's pictures ship with the app (demo/seed/images) and are stored as the workspace's
// own files, so the demo works offline and agents' browsers load nothing from a third party.
// Scripts name a picture as `demo-image:<name>`; once everything is inserted, each name is
// replaced by the stored file's link: a signed absolute link where a platform must fetch it
// (products, collections, product cards), the plain file link for customers' photos.

const IMAGES_DIR = fileURLToPath(new URL('./images', import.meta.url));
const PREFIX = 'demo-image:';

export const demoImage = (name: string) => `${PREFIX}${name}`;

/** Where the seeded app will be reached, for the signed links platforms fetch. */
export function demoOrigin(config: Pick<Env, 'AUTH_URL' | 'PORT'> = getConfig()): string {
  return config.AUTH_URL ? new URL(config.AUTH_URL).origin : `http://localhost:${config.PORT}`;
}

export async function storeDemoImages(tx: Tx, workspaceId: string, origin: string): Promise<void> {
  const names = (await fs.readdir(IMAGES_DIR)).filter((f) => f.endsWith('.jpg')).sort();
  for (const file of names) {
    const name = file.replace(/\.jpg$/, '');
    const stored = await saveFile(tx, workspaceId, { data: await fs.readFile(path.join(IMAGES_DIR, file)), name: file, mimeType: 'image/jpeg' });
    const token = JSON.stringify(demoImage(name));
    const shared = JSON.stringify(signedFileUrl(stored.id, { origin, ttlSeconds: CATALOGUE_IMAGE_TTL_SECONDS }));
    const own = JSON.stringify(fileUrl(stored.id));
    // Tokens are whole JSON strings ("demo-image:name"), so a name never matches inside another.
    await tx.execute(sql`update products set images = replace(images::text, ${token}, ${shared})::jsonb
      where workspace_id = ${workspaceId} and images::text like ${`%${token}%`}`);
    await tx.execute(sql`update collections set image_url = ${JSON.parse(shared)}
      where workspace_id = ${workspaceId} and image_url = ${demoImage(name)}`);
    await tx.execute(sql`update messages set payload = replace(payload::text, ${token}, ${shared})::jsonb
      where workspace_id = ${workspaceId} and payload::text like ${`%${token}%`}`);
    await tx.execute(sql`update messages set attachments = replace(attachments::text, ${token}, ${own})::jsonb
      where workspace_id = ${workspaceId} and attachments::text like ${`%${token}%`}`);
  }
}
