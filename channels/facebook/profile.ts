import type { ChannelCredentials } from '../types';
import type { ApiTarget } from '../adapter';
import { callApi, trimSlash, type RequestOptions } from '../shared/http';
import { rec, str } from '../shared/json';

export async function fetchMessengerProfile(
  psid: string,
  credentials: ChannelCredentials['facebook'],
  api: ApiTarget,
  options?: RequestOptions,
): Promise<{ name?: string; avatarUrl?: string; language?: string } | null> {
  const url =
    `${trimSlash(api.graphUrl)}/${encodeURIComponent(psid)}?fields=first_name,last_name,profile_pic,locale` +
    `&access_token=${encodeURIComponent(credentials.pageAccessToken)}`;
  const outcome = await callApi({ url, method: 'GET', secrets: [credentials.pageAccessToken] }, options);
  if (outcome.kind !== 'response' || outcome.status !== 200) return null;
  const body = rec(outcome.json);
  if (!body) return null;
  const name = [str(body.first_name), str(body.last_name)].filter(Boolean).join(' ');
  const avatarUrl = str(body.profile_pic);
  // Messenger's locale (e.g. "en_US") when the page may read it; routing rules use its language.
  const language = str(body.locale);
  return { ...(name ? { name } : {}), ...(avatarUrl ? { avatarUrl } : {}), ...(language ? { language } : {}) };
}
