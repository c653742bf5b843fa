import type { ChannelCredentials } from '../types';
import type { ApiTarget } from '../adapter';
import { callApi, trimSlash, type ApiOutcome, type RequestOptions } from '../shared/http';

/** POST {graph}/{phone_number_id}/messages: sends and read receipts share it. */
export function postToMessages(
  body: Record<string, unknown>,
  credentials: ChannelCredentials['whatsapp'],
  api: ApiTarget,
  options?: RequestOptions,
): Promise<ApiOutcome> {
  return callApi(
    {
      url: `${trimSlash(api.graphUrl)}/${encodeURIComponent(api.accountId)}/messages`,
      method: 'POST',
      headers: { Authorization: `Bearer ${credentials.accessToken}` },
      body: { messaging_product: 'whatsapp', ...body },
      secrets: [credentials.accessToken],
    },
    options,
  );
}
