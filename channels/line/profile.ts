import type { ChannelCredentials } from '../types';
import type { ApiTarget } from '../adapter';
import { callApi, trimSlash, type RequestOptions } from '../shared/http';
import { rec, str } from '../shared/json';

/** Only users who have added the account as a friend have a profile (404 otherwise). */
export async function fetchLineProfile(
  userId: string,
  credentials: ChannelCredentials['line'],
  api: ApiTarget,
  options?: RequestOptions,
): Promise<{ name?: string; avatarUrl?: string; language?: string } | null> {
  const outcome = await callApi(
    {
      url: `${trimSlash(api.lineApiUrl)}/v2/bot/profile/${encodeURIComponent(userId)}`,
      method: 'GET',
      headers: { Authorization: `Bearer ${credentials.channelAccessToken}` },
      secrets: [credentials.channelAccessToken],
    },
    options,
  );
  if (outcome.kind !== 'response' || outcome.status !== 200) return null;
  const body = rec(outcome.json);
  if (!body) return null;
  const name = str(body.displayName);
  const avatarUrl = str(body.pictureUrl);
  // LINE gives the user's language when they allowed it (e.g. "th", "en", "zh-Hant").
  const language = str(body.language);
  return { ...(name ? { name } : {}), ...(avatarUrl ? { avatarUrl } : {}), ...(language ? { language } : {}) };
}
