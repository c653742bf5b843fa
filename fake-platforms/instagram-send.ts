import type { ServerResponse } from 'node:http';
import { isObject } from './check';
import { graphError, graphErrors, invalidParameter, invalidToken, unknownObject } from './graph-errors';
import { isJsonRequest, sendJson, type RecordedRequest } from './http';
import { instagramMessageId } from './ids';
import { validateInstagramSend } from './instagram-validate';
import { answerScriptedFailure, graphToken } from './meta-send';
import type { MetaState } from './meta-state';

/**
 * POST /{version}/{me|IG_ID}/messages with an Instagram account's token, and
 * GET /{version}/{IGSID} (the customer's profile). Like the Graph API, a send must go to
 * someone who wrote to the account: within 24 h of their last message, or up to 7 days
 * with the HUMAN_AGENT tag.
 */

const DAY_MS = 86_400_000;
const PROFILE_FIELDS = ['id', 'name', 'username', 'profile_pic', 'follower_count', 'is_user_follow_business', 'is_business_follow_user', 'is_verified_user'];

export const instagramKey = (igId: string, igsid: string) => `${igId}:${igsid}`;

export async function instagramSend(state: MetaState, req: RecordedRequest, res: ServerResponse, node: string, igId: string): Promise<void> {
  if (node !== 'me' && node !== igId) {
    sendJson(res, 400, invalidToken());
    return;
  }
  if (!isJsonRequest(req) || !isObject(req.body)) {
    sendJson(res, 400, invalidParameter('The request body must be JSON with Content-Type: application/json'));
    return;
  }
  const body = req.body;
  const endpoint = body.sender_action !== undefined ? 'action' : 'send';
  if (await answerScriptedFailure(state, { platform: 'instagram', endpoint, accountId: igId }, res)) return;

  const check = validateInstagramSend(body);
  if (!check.ok) {
    sendJson(res, 400, invalidParameter(check.error));
    return;
  }
  const { send } = check;
  const lastInbound = state.instagramLastInbound.get(instagramKey(igId, send.recipient));
  if (!lastInbound) {
    sendJson(res, 400, graphErrors.noMatchingUser().body);
    return;
  }
  if (send.kind === 'action') {
    state.actions.record({ platform: 'instagram', accountId: igId, action: send.action, recipient: send.recipient, at: new Date() });
    sendJson(res, 200, { recipient_id: send.recipient });
    return;
  }
  const elapsed = Date.now() - lastInbound.getTime();
  const tagged = body.messaging_type === 'MESSAGE_TAG' && body.tag === 'HUMAN_AGENT';
  if (elapsed > 7 * DAY_MS || (elapsed > DAY_MS && !tagged)) {
    sendJson(res, 400, graphErrors.outsideWindow().body);
    return;
  }
  const externalId = instagramMessageId();
  state.sent.record({ platform: 'instagram', accountId: igId, recipient: send.recipient, message: send.message, externalId, body, at: new Date() });
  sendJson(res, 200, { recipient_id: send.recipient, message_id: externalId });
}

export async function instagramProfile(state: MetaState, req: RecordedRequest, res: ServerResponse, igId: string, igsid: string): Promise<void> {
  if (await answerScriptedFailure(state, { platform: 'instagram', endpoint: 'profile', accountId: igId }, res)) return;
  const profile = state.instagramProfiles.get(igsid);
  // An account sees only the profiles of people who wrote to it.
  if (!profile || !state.instagramLastInbound.has(instagramKey(igId, igsid))) {
    sendJson(res, 400, unknownObject('get', igsid));
    return;
  }
  const requested = req.query.fields ? req.query.fields.split(',').map((f) => f.trim()).filter(Boolean) : ['id'];
  const unknownField = requested.find((f) => !PROFILE_FIELDS.includes(f));
  if (unknownField) {
    sendJson(res, 400, graphError(100, `(#100) Tried accessing nonexisting field (${unknownField}) on node type (InstagramUser)`));
    return;
  }
  const full: Record<string, unknown> = { ...profile, id: igsid };
  const answer: Record<string, unknown> = {};
  for (const field of requested) if (full[field] !== undefined) answer[field] = full[field];
  answer.id = igsid;
  sendJson(res, 200, answer);
}

export function instagramAccountOf(state: MetaState, req: RecordedRequest): string | undefined {
  const token = graphToken(req);
  return token ? state.instagramByToken.get(token) : undefined;
}
