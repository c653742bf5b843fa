import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { files } from '@/db/schema';
import { getConfig } from '@/lib/config';

export type StoredFile = typeof files.$inferSelect;

// Local-disk store under the data folder. The rest of the app only sees file rows and
// `fileUrl()`, so an object store can replace this module without touching callers.
function root(): string {
  return path.resolve(getConfig().BATON_DATA_DIR, 'files');
}

function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is being replaced
  const cleaned = name.replace(/[/\\\u0000-\u001f]/g, '_').trim().slice(0, 200);
  return cleaned || 'file';
}

export async function saveFile(
  db: DbOrTx,
  workspaceId: string,
  input: { data: Buffer; name: string; mimeType: string },
): Promise<StoredFile> {
  const key = `${workspaceId}/${randomUUID()}`;
  const target = path.join(root(), key);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, input.data);
  const [row] = await db
    .insert(files)
    .values({
      workspaceId,
      name: safeName(input.name),
      mimeType: input.mimeType || 'application/octet-stream',
      size: input.data.length,
      storageKey: key,
      sha256: createHash('sha256').update(input.data).digest('hex'),
    })
    .returning();
  return row;
}

/** A file of this workspace with its bytes, or null (other workspaces' files do not exist). */
export async function readFile(db: DbOrTx, workspaceId: string, fileId: string) {
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.workspaceId, workspaceId)))
    .limit(1);
  if (!row) return null;
  const data = await fs.readFile(path.join(root(), row.storageKey));
  return { file: row, data };
}

export function fileUrl(fileId: string): string {
  return `/api/files/${fileId}`;
}

/** Removes stored bytes (after their rows were deleted); a missing file is not an error. */
export async function removeStoredBytes(storageKeys: string[]): Promise<void> {
  await Promise.all(storageKeys.map((key) => fs.rm(path.join(root(), key), { force: true })));
}
