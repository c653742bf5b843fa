import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { files } from '@/db/schema';
import { workspaceRoute } from '@/lib/auth/route';
import { verifySignedFileLink } from '@/lib/files/signed-url';
import { readFile, type StoredFile } from '@/lib/files/storage';

const params = z.object({ fileId: z.uuid().transform((id) => id.toLowerCase()) });

const notFound = () => new Response('Not found', { status: 404 });

async function ownerOf(fileId: string): Promise<string | null> {
  const [owner] = await getDb().select({ workspaceId: files.workspaceId }).from(files).where(eq(files.id, fileId)).limit(1);
  return owner?.workspaceId ?? null;
}

/** Without a signed link: a signed-in member of the file's workspace. */
const forMembers = workspaceRoute(
  {
    params,
    workspace: async ({ fileId }) => {
      const workspaceId = await ownerOf(fileId);
      return workspaceId ? { id: workspaceId } : null;
    },
    role: 'agent',
    kind: 'download',
    messages: { unauthenticated: 'Sign in to view files' },
  },
  async (_request, { params: { fileId }, ctx }) => {
    const stored = await readFile(getDb(), ctx.workspaceId, fileId).catch(() => null);
    if (!stored) return notFound();
    return serve(stored, 'private, max-age=86400');
  },
);

/**
 * A stored file, for either a signed-in member of the file's workspace, or anyone holding
 * a valid, unexpired signed link (`?exp=…&sig=…`, see lib/files/signed-url.ts): that is
 * how Messenger, WhatsApp and LINE fetch the media an agent sends.
 */
export async function GET(request: Request, context: { params: Promise<{ fileId: string }> }) {
  const parsed = params.safeParse(await context.params);
  if (!parsed.success) return notFound();
  const { fileId } = parsed.data;

  const query = new URL(request.url).searchParams;
  const link = verifySignedFileLink(fileId, query.get('exp'), query.get('sig'));
  if (!link.ok && link.reason === 'missing') return forMembers(request, context);
  if (!link.ok) return new Response('This link is invalid or has expired', { status: 403 });

  const owner = await ownerOf(fileId);
  const stored = owner ? await readFile(getDb(), owner, fileId).catch(() => null) : null;
  if (!stored) return notFound();
  const remaining = Math.max(0, Number(query.get('exp')) - Math.floor(Date.now() / 1000));
  return serve(stored, `public, max-age=${Math.min(remaining, 3600)}`);
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
