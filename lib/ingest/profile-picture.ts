import type { DbOrTx } from '@/db/client';
import type { LoadedChannel } from '@/lib/channel-config/load';
import { ownFileId } from '@/lib/files/file-links';
import { fetchAllowHosts } from '@/lib/http/outside-fetch';
import { fileUrl, saveFile } from '@/lib/files/storage';
import type { PlatformFetchers } from './media';

/** Profile pictures are small; anything bigger is not a profile picture. */
export const MAX_PROFILE_PICTURE_BYTES = 2 * 1024 * 1024;

type Profile = { name?: string; avatarUrl?: string; language?: string; username?: string };

/**
 * A platform's profile picture, brought into the file store like every other inbound
 * picture: the platform's link expires within days, and agents' browsers load media only
 * from Baton. A picture that cannot be fetched (refused address, error, not an image) is
 * left out; the customer keeps their initials and nothing else is held up.
 */
export async function withStoredPicture(db: DbOrTx, loaded: LoadedChannel, adapter: PlatformFetchers | null, profile: Profile | null): Promise<Profile | null> {
  if (!profile?.avatarUrl || ownFileId(profile.avatarUrl)) return profile;
  const { avatarUrl, ...rest } = profile;
  if (!adapter?.downloadMedia) return rest;
  try {
    const picture = await adapter.downloadMedia({ kind: 'image', url: avatarUrl }, loaded.credentials as never, loaded.endpoints, {
      maxBytes: MAX_PROFILE_PICTURE_BYTES,
      allowHosts: fetchAllowHosts(),
    });
    if (!picture.mimeType.startsWith('image/')) return rest;
    const stored = await saveFile(db, loaded.channel.workspaceId, { data: picture.data, name: 'profile-picture', mimeType: picture.mimeType });
    return { ...rest, avatarUrl: fileUrl(stored.id) };
  } catch (error) {
    console.warn(`[ingest] profile picture left out on channel ${loaded.channel.id}: ${error instanceof Error ? error.message : error}`);
    return rest;
  }
}
