import { z } from 'zod';
import { getDb } from '@/db/client';
import { listUserWorkspaces } from '@/lib/auth/membership';
import { getSessionUser } from '@/lib/auth/session';
import { files } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { readFile } from '@/lib/files/storage';

const params = z.object({ fileId: z.uuid() });

/** Stored media for signed-in members of the file's workspace. */
export async function GET(_request: Request, context: { params: Promise<{ fileId: string }> }) {
  const parsed = params.safeParse(await context.params);
  if (!parsed.success) return new Response('Not found', { status: 404 });
  const user = await getSessionUser();
  if (!user) return new Response('Sign in to view files', { status: 401 });

  const db = getDb();
  const [owner] = await db.select({ workspaceId: files.workspaceId }).from(files).where(eq(files.id, parsed.data.fileId)).limit(1);
  const memberOf = new Set((await listUserWorkspaces(db, user.id)).map((w) => w.workspaceId));
  if (!owner || !memberOf.has(owner.workspaceId)) return new Response('Not found', { status: 404 });

  const stored = await readFile(db, owner.workspaceId, parsed.data.fileId);
  if (!stored) return new Response('Not found', { status: 404 });
  // Served as an attachment unless it is an image/video/audio, so a stored HTML or SVG
  // file can never run script in the app's origin.
  const inline = /^(image\/(png|jpeg|gif|webp)|video\/|audio\/)/.test(stored.file.mimeType);
  return new Response(new Uint8Array(stored.data), {
    headers: {
      'content-type': stored.file.mimeType,
      'content-length': String(stored.file.size),
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(stored.file.name)}`,
      'cache-control': 'private, max-age=86400',
      'x-content-type-options': 'nosniff',
    },
  });
}
