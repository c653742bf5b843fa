import type { ServerResponse } from 'node:http';
import { isObject } from './check';
import { graphError, invalidParameter, invalidToken, type GraphErrorBody } from './graph-errors';
import { bearerToken, isJsonRequest, sendJson, type RecordedRequest } from './http';
import { messengerMessageId, whatsappMessageId } from './ids';
import type { MetaFailureContext, MetaState } from './meta-state';
import { validateMessengerSend } from './messenger-validate';
import { validateWhatsAppSend } from './whatsapp-validate';

/** POST /{version}/{me|PAGE_ID|PHONE_NUMBER_ID}/messages: Messenger and WhatsApp sends. */

/** Graph takes the token from ?access_token= or an Authorization: Bearer header. */
export function graphToken(req: RecordedRequest): string | undefined {
  return req.query.access_token || bearerToken(req);
}

/** Answers with a scripted failure if one matches; true when it did. */
export async function answerScriptedFailure(state: MetaState, ctx: MetaFailureContext, res: ServerResponse): Promise<boolean> {
  const failure = state.failures.take(ctx);
  if (!failure) return false;
  if (failure.delayMs) await state.sleep(failure.delayMs);
  sendJson(res, failure.status, failure.body, failure.headers);
  return true;
}

function notJson(): GraphErrorBody {
  return invalidParameter('The request body must be JSON with Content-Type: application/json');
}

export async function messengerSend(state: MetaState, req: RecordedRequest, res: ServerResponse, node: string): Promise<void> {
  const token = graphToken(req);
  const pageId = token ? state.pageByToken.get(token) : undefined;
  // /me is the page the token belongs to; /{PAGE_ID} must be that same page.
  if (!pageId || (node !== 'me' && node !== pageId)) {
    sendJson(res, 400, invalidToken());
    return;
  }
  if (!isJsonRequest(req) || !isObject(req.body)) {
    sendJson(res, 400, notJson());
    return;
  }
  const body = req.body;
  const endpoint = body.sender_action !== undefined ? 'action' : 'send';
  if (await answerScriptedFailure(state, { platform: 'facebook', endpoint, accountId: pageId }, res)) return;

  const check = validateMessengerSend(body);
  if (!check.ok) {
    sendJson(res, 400, invalidParameter(check.error));
    return;
  }
  const { send } = check;
  if (send.kind === 'action') {
    state.actions.record({ platform: 'facebook', accountId: pageId, action: send.action, recipient: send.recipient, at: new Date() });
    sendJson(res, 200, { recipient_id: send.recipient });
    return;
  }
  if (send.kind === 'notification') {
    const used = state.optins.use(pageId, send.token);
    if (!used.ok) {
      sendJson(res, 400, used.error);
      return;
    }
    // Recorded under the customer the token stands for, like any message to them.
    const externalId = messengerMessageId();
    state.sent.record({ platform: 'facebook', accountId: pageId, recipient: used.token.psid, message: send.message, externalId, body, at: new Date() });
    sendJson(res, 200, { recipient_id: used.token.psid, message_id: externalId });
    return;
  }
  const template = optinTemplate(send.message);
  if (template) state.optins.recordRequest(pageId, send.recipient, template);
  const externalId = messengerMessageId();
  state.sent.record({
    platform: 'facebook',
    accountId: pageId,
    recipient: send.recipient,
    message: send.message,
    externalId,
    body,
    at: new Date(),
  });
  sendJson(res, 200, { recipient_id: send.recipient, message_id: externalId });
}

function optinTemplate(message: Record<string, unknown>): Record<string, unknown> | null {
  const attachment = message.attachment;
  if (!isObject(attachment) || !isObject(attachment.payload)) return null;
  return attachment.payload.template_type === 'notification_messages' ? attachment.payload : null;
}

export async function whatsappSend(state: MetaState, req: RecordedRequest, res: ServerResponse, phoneNumberId: string): Promise<void> {
  const token = graphToken(req);
  if (!token || state.numberTokens.get(phoneNumberId) !== token) {
    sendJson(res, 401, invalidToken());
    return;
  }
  if (!isJsonRequest(req) || !isObject(req.body)) {
    sendJson(res, 400, graphError(100, '(#100) Invalid parameter', { details: 'The request body must be JSON with Content-Type: application/json' }));
    return;
  }
  const body = req.body;
  const endpoint = body.status !== undefined ? 'action' : 'send';
  if (await answerScriptedFailure(state, { platform: 'whatsapp', endpoint, accountId: phoneNumberId }, res)) return;

  const check = validateWhatsAppSend(body);
  if (!check.ok) {
    sendJson(res, 400, invalidParameter(check.message, check.details));
    return;
  }
  const { send } = check;
  if (send.kind === 'read') {
    state.actions.record({ platform: 'whatsapp', accountId: phoneNumberId, action: 'read', messageId: send.messageId, at: new Date() });
    sendJson(res, 200, { success: true });
    return;
  }
  const externalId = whatsappMessageId();
  state.sent.record({
    platform: 'whatsapp',
    accountId: phoneNumberId,
    recipient: send.waId,
    message: body,
    externalId,
    body,
    at: new Date(),
  });
  sendJson(res, 200, {
    messaging_product: 'whatsapp',
    contacts: [{ input: send.to, wa_id: send.waId }],
    messages: [{ id: externalId }],
  });
}
