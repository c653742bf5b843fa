import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { files } from '@/db/schema';
import { listUserWorkspaces } from '@/lib/auth/membership';
import { getSessionUser } from '@/lib/auth/session';
import { verifySignedFileLink } from '@/lib/files/signed-url';
import { readFile, type StoredFile } from '@/lib/files/storage';

const params = z.object({ fileId: z.uuid() });

const notFound = () => new Response('Not found', { status: 404 });

/**
 * A stored file, for either a signed-in member of the file's workspace, or anyone holding
 * a valid, unexpired signed link (`?exp=…&sig=…`, see lib/files/signed-url.ts): that is
 * how Messenger, WhatsApp and LINE fetch the media an agent sends.
 */
export async function GET(request: Request, context: { params: Promise<{ fileId: string }> }) {
  const parsed = params.safeParse(await context.params);
  if (!parsed.success) return notFound();
  const fileId = parsed.data.fileId.toLowerCase();
  const db = getDb();

  const query = new URL(request.url).searchParams;
  const link = verifySignedFileLink(fileId, query.get('exp'), query.get('sig'));
  if (link.ok) {
    const [owner] = await db.select({ workspaceId: files.workspaceId }).from(files).where(eq(files.id, fileId)).limit(1);
    const stored = owner ? await readFile(db, owner.workspaceId, fileId).catch(() => null) : null;
    if (!stored) return notFound();
    const remaining = Math.max(0, Number(query.get('exp')) - Math.floor(Date.now() / 1000));
    return serve(stored, `public, max-age=${Math.min(remaining, 3600)}`);
  }
  if (link.reason !== 'missing') return new Response('This link is invalid or has expired', { status: 403 });

  const user = await getSessionUser();
  if (!user) return new Response('Sign in to view files', { status: 401 });
  const [owner] = await db.select({ workspaceId: files.workspaceId }).from(files).where(eq(files.id, fileId)).limit(1);
  const memberOf = new Set((await listUserWorkspaces(db, user.id)).map((w) => w.workspaceId));
  if (!owner || !memberOf.has(owner.workspaceId)) return notFound();
  const stored = await readFile(db, owner.workspaceId, fileId).catch(() => null);
  if (!stored) return notFound();
  return serve(stored, 'private, max-age=86400');
}

function serve(stored: { file: StoredFile; data: Buffer }, cacheControl: string): Response {
  // Served as an attachment unless it is an image/video/audio, so a stored HTML or SVG
  // file can never run script in the app's origin.
  const inline = /^(image\/(png|jpeg|gif|webp)|video\/|audio\/)/.test(stored.file.mimeType);
  return new Response(new Uint8Array(stored.data), {
    headers: {
      'content-type': stored.file.mimeType,
      'content-length': String(stored.file.size),
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(stored.file.name)}`,
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
}
