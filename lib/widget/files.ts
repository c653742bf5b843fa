import { readFile } from '@/lib/files/storage';
import type { DbOrTx } from '@/db/client';
import type { WidgetChannel } from './context';
import { fileSignatureValid } from './tokens';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A stored file behind a signed widget link (the link is only ever given out in the
 * history of a visitor whose conversation holds the file). Only the channel's workspace.
 */
export async function serveWidgetFile(db: DbOrTx, channel: WidgetChannel, fileId: string, signature: string | null): Promise<Response> {
  const notFound = () => Response.json({ error: 'File not found.', code: 'not_found' }, { status: 404 });
  if (!UUID.test(fileId) || !fileSignatureValid(channel.channel.id, fileId, signature)) return notFound();
  const stored = await readFile(db, channel.channel.workspaceId, fileId).catch(() => null);
  if (!stored) return notFound();
  // Images, audio and video inline; everything else downloads, so nothing stored can run as a page.
  const inline = /^(image\/(png|jpeg|gif|webp)|video\/|audio\/)/.test(stored.file.mimeType);
  return new Response(new Uint8Array(stored.data), {
    headers: {
      'content-type': stored.file.mimeType,
      'content-length': String(stored.file.size),
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(stored.file.name)}`,
      'cache-control': 'private, max-age=86400',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
}
