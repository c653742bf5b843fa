import type { ChannelCredentials } from '../types';
import type { ApiTarget } from '../adapter';
import { callApi, trimSlash, type RequestOptions } from '../shared/http';
import { rec, str } from '../shared/json';

/** GET /{IGSID}?fields=name,username,profile_pic with the account's token; null when Instagram does not say. */
export async function fetchInstagramProfile(
  igsid: string,
  credentials: ChannelCredentials['instagram'],
  api: ApiTarget,
  options?: RequestOptions,
): Promise<{ name?: string; username?: string; avatarUrl?: string } | null> {
  const url =
    `${trimSlash(api.graphUrl)}/${encodeURIComponent(igsid)}?fields=name,username,profile_pic` +
    `&access_token=${encodeURIComponent(credentials.accessToken)}`;
  const outcome = await callApi({ url, method: 'GET', secrets: [credentials.accessToken] }, options);
  if (outcome.kind !== 'response' || outcome.status !== 200) return null;
  const body = rec(outcome.json);
  if (!body) return null;
  const username = str(body.username);
  // Many Instagram users set no name: their handle is what the shop knows them by.
  const name = str(body.name)?.trim() || (username ? `@${username}` : undefined);
  const avatarUrl = str(body.profile_pic);
  return { ...(name ? { name } : {}), ...(username ? { username } : {}), ...(avatarUrl ? { avatarUrl } : {}) };
}
