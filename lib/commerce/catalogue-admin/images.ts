import type { DbOrTx } from '@/db/client';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { checkAgentUpload, AGENT_UPLOAD_LIMITS } from '@/lib/files/upload-check';
import { signedFileUrl } from '@/lib/files/signed-url';
import { saveFile } from '@/lib/files/storage';
import { ownFileId } from '@/lib/files/file-links';
import { fetchAllowHosts } from '@/lib/http/outside-fetch';
import { downloadLimited } from '@/channels/shared/download';

// Product pictures: an uploaded file or a picture named by its web address, both checked
// and kept in Baton's file store, and linked with a long-lived signed URL.

type Ctx = Pick<ActorContext, 'workspaceId'>;

/** Ten years: catalogue images are shared again and again, so their signed links must outlive a product. */
export const CATALOGUE_IMAGE_TTL_SECONDS = 10 * 365 * 24 * 60 * 60;

/** Stores an uploaded image (≤ 4 MB, PNG/JPEG/GIF/WebP by its bytes) and returns its absolute signed link. */
export async function storeProductImage(db: DbOrTx, ctx: Ctx, file: File, origin: string): Promise<string> {
  return storeImageBytes(db, ctx, { data: Buffer.from(await file.arrayBuffer()), name: file.name, declaredType: file.type }, origin, 'imageFile');
}

async function storeImageBytes(db: DbOrTx, ctx: Ctx, image: { data: Buffer; name: string; declaredType: string }, origin: string, field: string): Promise<string> {
  const check = checkAgentUpload({ data: image.data, declaredType: image.declaredType });
  if (!check.ok) throw new UserError('invalid', check.error, { [field]: [check.error] });
  if (check.kind !== 'image') {
    const message = 'Product images must be PNG, JPEG, GIF or WebP pictures.';
    throw new UserError('invalid', message, { [field]: [message] });
  }
  if (image.data.length > AGENT_UPLOAD_LIMITS.imageBytes) throw new UserError('invalid', 'Images can be at most 4 MB.', { [field]: ['Images can be at most 4 MB.'] });
  const stored = await saveFile(db, ctx.workspaceId, { data: image.data, name: image.name || 'product-image', mimeType: check.mimeType });
  return signedFileUrl(stored.id, { origin, ttlSeconds: CATALOGUE_IMAGE_TTL_SECONDS });
}

/** A link to one of Baton's own stored files, as this app serves it (relative or on its origin). */
function isOwnLink(url: string, origin: string): boolean {
  if (!ownFileId(url)) return false;
  return url.startsWith('/') || new URL(url).origin === new URL(origin).origin;
}

/**
 * A picture named by its URL (the form's image link, a CSV's images column) is brought into
 * the file store through the outside-URL filter, like every URL that comes from outside: the
 * shop's site may move it, and agents' browsers load pictures only from Baton. A link that is
 * already one of ours is kept, so saving a product again fetches nothing.
 */
export async function importProductImage(db: DbOrTx, ctx: Ctx, url: string, origin: string, field = 'imageUrl'): Promise<string> {
  if (isOwnLink(url, origin)) return url;
  let picture: { data: Buffer; mimeType: string };
  try {
    picture = await downloadLimited(url, { what: 'The picture' }, { maxBytes: AGENT_UPLOAD_LIMITS.imageBytes, allowHosts: fetchAllowHosts() });
  } catch (error) {
    const message = `The picture at ${url} could not be fetched: ${error instanceof Error ? error.message : String(error)}`;
    throw new UserError('invalid', message, { [field]: [message] });
  }
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || '') || 'product-image';
  return storeImageBytes(db, ctx, { data: picture.data, name, declaredType: picture.mimeType }, origin, field);
}
