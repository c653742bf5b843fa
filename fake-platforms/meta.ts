import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { EventLog } from './event-log';
import { FailureQueue } from './failures';
import { unknownObject, unknownPath } from './graph-errors';
import { sendBytes, sendJson, startFakeServer, type RecordedRequest } from './http';
import { instagramAccountOf, instagramKey, instagramProfile, instagramSend } from './instagram-send';
import { graphGet, mediaDownload } from './meta-get';
import { MessengerOptins, type FakeNotificationToken, type FakeOptinRequest } from './messenger-optins';
import { messengerSend, whatsappSend } from './meta-send';
import type {
  InstagramProfile,
  MessengerProfile,
  MetaAction,
  MetaFailureContext,
  MetaFailureRule,
  MetaSent,
  MetaState,
} from './meta-state';

/**
 * A local stand-in for graph.facebook.com serving the Messenger Send API, the WhatsApp Cloud
 * API and WhatsApp media downloads. It checks each call the way Meta does (Messenger Platform and WhatsApp Cloud API),
 * answers in Meta's shapes (including error bodies) and records everything, for integration
 * tests and for the demo app's customer simulator.
 */

export type {
  InstagramProfile,
  MessengerProfile,
  MetaAction,
  MetaEndpoint,
  MetaFailureRule,
  MetaPlatform,
  MetaSent,
} from './meta-state';
export type { RecordedRequest } from './http';
export type { FakeNotificationToken, FakeOptinRequest } from './messenger-optins';

export type FakeMetaPage = { pageId: string; accessToken: string };
export type FakeMetaNumber = { phoneNumberId: string; accessToken: string };
export type FakeInstagramAccount = { igId: string; accessToken: string };
export type FakeMedia = { data: Buffer; mimeType: string; /** Only this number's token may fetch it. */ phoneNumberId?: string };

export type FakeMetaOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Origin to advertise in url and media download links, if not http://host:port. */
  publicOrigin?: string;
  /** Graph version path segment (default 'v21.0'); other versions are unknown paths. */
  version?: string;
  pages?: FakeMetaPage[];
  whatsappNumbers?: FakeMetaNumber[];
  media?: Record<string, FakeMedia>;
  profiles?: Record<string, MessengerProfile>;
  /** Cap on each recorded list (oldest dropped); default 1000. */
  maxRecorded?: number;
};

export type FakeMeta = {
  /** The graphUrl adapters use, version included, e.g. http://127.0.0.1:41234/v21.0 */
  url: string;
  origin: string;
  port: number;
  version: string;
  /** Every request, in arrival order (live array). */
  requests: RecordedRequest[];
  /** Accepted messages (live array). */
  sent: MetaSent[];
  /** Accepted sender actions and read receipts (live array). */
  actions: MetaAction[];
  /** Messenger opt-in requests the pages sent (live array). */
  optinRequests: FakeOptinRequest[];
  /**
   * The customer accepts the newest opt-in request the page sent them: the fake issues a
   * notification token and returns the `optin` object of the `messaging_optins` webhook.
   */
  acceptOptin(pageId: string, psid: string, at?: Date): { token: FakeNotificationToken; optin: Record<string, unknown> };
  /** The customer stops the page's notifications: the `optin` object of the STOP NOTIFICATIONS webhook. */
  stopOptin(pageId: string, psid: string): { token: FakeNotificationToken; optin: Record<string, unknown> };
  /** Whether the customer has an opt-in with the page that is neither stopped nor expired. */
  hasActiveOptin(pageId: string, psid: string): boolean;
  /** Tokens issued so far, by token. */
  notificationTokens: Map<string, FakeNotificationToken>;
  /** Answer the next matching call(s) with this status and body. See graphErrors for presets. */
  failNext(rule: MetaFailureRule): void;
  addMedia(id: string, media: FakeMedia): void;
  /**
   * The signed CDN link a Messenger webhook carries for an attachment (served without a
   * token, like Meta's lookaside CDN); add the bytes with addMedia first.
   */
  messengerCdnUrl(id: string): string;
  setProfile(psid: string, profile: MessengerProfile): void;
  addPage(page: FakeMetaPage): void;
  addInstagramAccount(account: FakeInstagramAccount): void;
  setInstagramProfile(igsid: string, profile: InstagramProfile): void;
  /**
   * The customer wrote to the account at `at` (default now): only then may it send to them,
   * within Instagram's window. The simulator and tests call it with each inbound webhook.
   */
  instagramCustomerWrote(igId: string, igsid: string, at?: Date): void;
  addWhatsAppNumber(number: FakeMetaNumber): void;
  /** Resolves with the first send (past or future) matching; rejects after timeoutMs (default 5000). */
  waitForSent(predicate?: (sent: MetaSent) => boolean, timeoutMs?: number): Promise<MetaSent>;
  waitForAction(predicate?: (action: MetaAction) => boolean, timeoutMs?: number): Promise<MetaAction>;
  /** Called for each accepted message; returns an unsubscribe function. */
  onSent(listener: (sent: MetaSent) => void): () => void;
  /** Forgets recordings and scripted failures; with { data: true } also media and profiles. */
  reset(options?: { data?: boolean }): void;
  close(): Promise<void>;
};

// Long: the fake Graph API's routes, one short case each.
export async function startFakeMeta(options: FakeMetaOptions): Promise<FakeMeta> {
  const version = options.version ?? 'v21.0';
  const max = options.maxRecorded ?? 1000;
  const requests = new EventLog<RecordedRequest>('request', max, (r) => `${r.method} ${r.path} → ${r.status ?? '…'}`);
  const sent = new EventLog<MetaSent>('Meta send', max, (s) => `${s.platform} ${s.accountId} → ${s.recipient}: ${JSON.stringify(s.message)}`);
  const actions = new EventLog<MetaAction>('Meta action', max, (a) => `${a.platform} ${a.accountId} ${a.action} ${a.recipient ?? a.messageId ?? ''}`);

  const state: MetaState = {
    version,
    origin: '',
    pageByToken: new Map(),
    pageTokens: new Map(),
    numberTokens: new Map(),
    instagramByToken: new Map(),
    instagramTokens: new Map(),
    instagramLastInbound: new Map(),
    instagramProfiles: new Map(),
    media: new Map(),
    profiles: new Map(),
    optins: new MessengerOptins(),
    failures: new FailureQueue<MetaFailureContext>(),
    requests,
    sent,
    actions,
    sleep: () => Promise.resolve(),
  };
  const addPage = ({ pageId, accessToken }: FakeMetaPage) => {
    state.pageByToken.set(accessToken, pageId);
    state.pageTokens.set(pageId, accessToken);
  };
  const addNumber = ({ phoneNumberId, accessToken }: FakeMetaNumber) => state.numberTokens.set(phoneNumberId, accessToken);
  const addMedia = (id: string, media: FakeMedia) =>
    state.media.set(id, { ...media, sha256: createHash('sha256').update(media.data).digest('hex') });
  const seed = () => {
    for (const [id, media] of Object.entries(options.media ?? {})) addMedia(id, media);
    for (const [psid, profile] of Object.entries(options.profiles ?? {})) state.profiles.set(psid, profile);
  };
  (options.pages ?? []).forEach(addPage);
  (options.whatsappNumbers ?? []).forEach(addNumber);
  seed();

  const server = await startFakeServer({
    port: options.port,
    host: options.host,
    publicOrigin: options.publicOrigin,
    log: requests,
    handle: (req, res) => route(state, req, res),
  });
  state.origin = server.origin;
  state.sleep = server.sleep;

  return {
    url: `${server.origin}/${version}`,
    origin: server.origin,
    port: server.port,
    version,
    requests: requests.items,
    sent: sent.items,
    actions: actions.items,
    optinRequests: state.optins.requests,
    notificationTokens: state.optins.tokens,
    acceptOptin(pageId, psid, at) {
      const token = state.optins.accept(pageId, psid, at);
      return { token, optin: MessengerOptins.webhookOptin(token) };
    },
    stopOptin(pageId, psid) {
      const token = state.optins.stop(pageId, psid);
      return { token, optin: MessengerOptins.webhookOptin(token, 'STOP NOTIFICATIONS') };
    },
    hasActiveOptin: (pageId, psid) => state.optins.hasActive(pageId, psid),
    failNext(rule) {
      const endpoint = rule.endpoint ?? 'send';
      state.failures.add(rule, (ctx) =>
        (rule.platform === undefined || rule.platform === ctx.platform) &&
        (endpoint === 'any' || endpoint === ctx.endpoint) &&
        (rule.accountId === undefined || rule.accountId === ctx.accountId),
      );
    },
    addMedia,
    messengerCdnUrl: (id) => `${server.origin}/messenger-cdn/${encodeURIComponent(id)}?oh=${id.slice(-6)}&oe=${Math.floor(Date.now() / 1000) + 86_400}`,
    setProfile: (psid, profile) => void state.profiles.set(psid, profile),
    addPage,
    addInstagramAccount({ igId, accessToken }) {
      state.instagramByToken.set(accessToken, igId);
      state.instagramTokens.set(igId, accessToken);
    },
    setInstagramProfile: (igsid, profile) => void state.instagramProfiles.set(igsid, profile),
    instagramCustomerWrote: (igId, igsid, at = new Date()) => void state.instagramLastInbound.set(instagramKey(igId, igsid), at),
    addWhatsAppNumber: addNumber,
    waitForSent: (predicate = () => true, timeoutMs = 5000) => sent.waitFor(predicate, timeoutMs),
    waitForAction: (predicate = () => true, timeoutMs = 5000) => actions.waitFor(predicate, timeoutMs),
    onSent: (listener) => sent.on(listener),
    reset(resetOptions) {
      requests.clear();
      sent.clear();
      actions.clear();
      state.optins.requests.length = 0;
      state.failures.clear();
      if (resetOptions?.data) {
        state.media.clear();
        state.profiles.clear();
        state.instagramProfiles.clear();
        state.instagramLastInbound.clear();
        state.optins.clear();
        seed();
      }
    },
    close: () => server.close(),
  };
}

async function route(state: MetaState, req: RecordedRequest, res: ServerResponse): Promise<void> {
  const segments = req.path.split('/').slice(1).map(safeDecode);
  if (req.method === 'GET' && segments.length === 2 && segments[0] === 'media-download') {
    return mediaDownload(state, req, res, segments[1]);
  }
  if (req.method === 'GET' && segments.length === 2 && segments[0] === 'messenger-cdn') {
    const media = state.media.get(segments[1]);
    return media ? sendBytes(res, media.data, media.mimeType) : sendJson(res, 404, unknownPath(req.path));
  }
  if (segments[0] === state.version) {
    const [, node, edge] = segments;
    // An Instagram account's token decides the platform, as on graph.facebook.com.
    const igId = instagramAccountOf(state, req);
    if (igId && node) {
      if (req.method === 'POST' && segments.length === 3 && edge === 'messages') return instagramSend(state, req, res, node, igId);
      if (req.method === 'GET' && segments.length === 2) return instagramProfile(state, req, res, igId, node);
    }
    if (req.method === 'POST' && segments.length === 3 && edge === 'messages' && node) {
      if (node === 'me' || state.pageTokens.has(node)) return messengerSend(state, req, res, node);
      if (state.numberTokens.has(node)) return whatsappSend(state, req, res, node);
      return sendJson(res, 400, unknownObject('post', node));
    }
    if (req.method === 'GET' && segments.length === 2 && node) return graphGet(state, req, res, node);
  }
  sendJson(res, 404, unknownPath(req.path));
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
