import { downloadLimited } from '@/channels/shared/download';
import type { DbOrTx } from '@/db/client';
import { ownFileId } from '@/lib/files/file-links';
import { readFile } from '@/lib/files/storage';
import { AGENT_UPLOAD_LIMITS } from '@/lib/files/upload-check';
import { fetchAllowHosts } from '@/lib/http/outside-fetch';

/**
 * An attachment's bytes for a platform that takes uploads rather than links (X, Apple): our own
 * stored file read from storage, in the message's workspace; any other link fetched through
 * the outside-URL filter, no larger than an agent may upload.
 */
export function mediaLoader(db: DbOrTx, workspaceId: string) {
  return async (url: string): Promise<{ data: Buffer; mimeType: string; name?: string }> => {
    const fileId = ownFileId(url);
    if (fileId) {
      const stored = await readFile(db, workspaceId, fileId);
      if (!stored) throw new Error('the file no longer exists');
      return { data: stored.data, mimeType: stored.file.mimeType, name: stored.file.name };
    }
    return downloadLimited(url, { what: 'The attachment' }, { maxBytes: AGENT_UPLOAD_LIMITS.fileBytes, allowHosts: fetchAllowHosts() });
  };
}
