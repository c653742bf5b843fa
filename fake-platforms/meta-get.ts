import type { ServerResponse } from 'node:http';
import { graphError, invalidToken, unknownObject } from './graph-errors';
import { bearerToken, sendBytes, sendJson, type RecordedRequest } from './http';
import { answerScriptedFailure, graphToken } from './meta-send';
import { isWhatsAppToken, type MetaState } from './meta-state';

/**
 * GET /{version}/{id}: a Messenger user profile (page token) or WhatsApp media metadata
 * (number token); and GET /media-download/{id}: the media bytes (WhatsApp Cloud API, in two steps).
 */

const PROFILE_FIELDS = ['id', 'name', 'first_name', 'last_name', 'profile_pic', 'locale', 'timezone', 'gender'];

export async function graphGet(state: MetaState, req: RecordedRequest, res: ServerResponse, id: string): Promise<void> {
  const token = graphToken(req);
  const media = state.media.get(id);
  if (media) {
    const allowed = media.phoneNumberId ? state.numberTokens.get(media.phoneNumberId) === token : isWhatsAppToken(state, token);
    if (!allowed) {
      sendJson(res, 401, invalidToken());
      return;
    }
    if (await answerScriptedFailure(state, { platform: 'whatsapp', endpoint: 'media', accountId: media.phoneNumberId }, res)) return;
    sendJson(res, 200, {
      url: mediaDownloadUrl(state, id),
      mime_type: media.mimeType,
      sha256: media.sha256,
      file_size: media.data.length,
      id,
      messaging_product: 'whatsapp',
    });
    return;
  }
  if (isWhatsAppToken(state, token)) {
    // A valid WhatsApp token asking for media that does not exist (or has expired).
    sendJson(res, 400, unknownObject('get', id));
    return;
  }
  const pageId = token ? state.pageByToken.get(token) : undefined;
  if (!pageId) {
    sendJson(res, 400, invalidToken());
    return;
  }
  if (await answerScriptedFailure(state, { platform: 'facebook', endpoint: 'profile', accountId: pageId }, res)) return;
  const profile = state.profiles.get(id);
  if (!profile) {
    sendJson(res, 400, unknownObject('get', id));
    return;
  }
  const requested = req.query.fields ? req.query.fields.split(',').map((f) => f.trim()).filter(Boolean) : ['name', 'id'];
  const unknownField = requested.find((f) => !PROFILE_FIELDS.includes(f));
  if (unknownField) {
    sendJson(res, 400, graphError(100, `(#100) Tried accessing nonexisting field (${unknownField}) on node type (User)`));
    return;
  }
  const full: Record<string, unknown> = { ...profile, name: `${profile.first_name} ${profile.last_name}`.trim(), id };
  const answer: Record<string, unknown> = {};
  for (const field of requested) if (full[field] !== undefined) answer[field] = full[field];
  answer.id = id;
  sendJson(res, 200, answer);
}

/** Like Meta's lookaside URLs: a separate host path, only usable with the Bearer header. */
function mediaDownloadUrl(state: MetaState, id: string): string {
  const ext = Math.floor(Date.now() / 1000);
  return `${state.origin}/media-download/${encodeURIComponent(id)}?mid=${encodeURIComponent(id)}&ext=${ext}&hash=ATt${id.slice(-6)}`;
}

export async function mediaDownload(state: MetaState, req: RecordedRequest, res: ServerResponse, id: string): Promise<void> {
  const media = state.media.get(id);
  // The download URL takes the token only from the header, never from the query.
  const token = bearerToken(req);
  const allowed = media?.phoneNumberId ? state.numberTokens.get(media.phoneNumberId) === token : isWhatsAppToken(state, token);
  if (!allowed) {
    sendJson(res, 401, invalidToken());
    return;
  }
  if (!media) {
    sendJson(res, 404, graphError(100, '(#100) Media not found or expired'));
    return;
  }
  if (await answerScriptedFailure(state, { platform: 'whatsapp', endpoint: 'download', accountId: media.phoneNumberId }, res)) return;
  sendBytes(res, media.data, media.mimeType);
}
