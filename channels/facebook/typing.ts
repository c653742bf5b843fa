import type { ApiTarget } from '../adapter';
import type { ChannelCredentials } from '../types';
import { callApi, networkFailure, trimSlash, type RequestOptions, type SendFailure } from '../shared/http';
import { messengerFailure } from './errors';

/**
 * A Messenger sender action: the "typing…" bubble (`typing_on`, cleared by `typing_off`
 * or after about 20 s) or `mark_seen`. Same endpoint and token as the Send API; best
 * effort, never throws.
 */
export async function sendMessengerSenderAction(
  recipient: string,
  action: 'typing_on' | 'typing_off' | 'mark_seen',
  credentials: ChannelCredentials['facebook'],
  api: ApiTarget,
  options?: RequestOptions,
): Promise<{ ok: true } | SendFailure> {
  const outcome = await callApi(
    {
      url: `${trimSlash(api.graphUrl)}/me/messages?access_token=${encodeURIComponent(credentials.pageAccessToken)}`,
      method: 'POST',
      body: { recipient: { id: recipient }, sender_action: action },
      secrets: [credentials.pageAccessToken],
    },
    { timeoutMs: 5_000, ...options },
  );
  if (outcome.kind === 'network') return networkFailure(outcome);
  if (outcome.status >= 200 && outcome.status < 300) return { ok: true };
  return messengerFailure(outcome.status, outcome.json);
}
