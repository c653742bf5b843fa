import { EventLog } from './event-log';
import { FailureQueue } from './failures';
import { startFakeServer, type RecordedRequest } from './http';
import { ReplyTokens } from './line-reply-tokens';
import { lineRoute } from './line-routes';
import type { LineContent, LineFailureContext, LineFailureRule, LineHoldRule, LineProfile, LineSent, LineState } from './line-state';
import type { ScriptedHold } from './failures';

/**
 * A local stand-in for api.line.me and api-data.line.me: one server, the API under /api and
 * the data host under /data. It checks calls as LINE does (LINE Messaging API), including
 * single-use reply tokens and push retry keys, answers in LINE's shapes and records
 * everything, for integration tests and the demo's customer simulator.
 */

export type { LineContent, LineEndpoint, LineFailureRule, LineHoldRule, LineProfile, LineSent } from './line-state';
export type { RecordedRequest } from './http';

export type FakeLineBot = { channelAccessToken: string; botUserId: string };

export type FakeLineOptions = {
  port?: number;
  host?: string;
  /** Origin to advertise, if not http://host:port. */
  publicOrigin?: string;
  bots?: FakeLineBot[];
  /** How long an issued reply token stays usable (default 60 s). */
  replyTokenTtlMs?: number;
  /** Cap on each recorded list (oldest dropped); default 1000. */
  maxRecorded?: number;
};

export type FakeLine = {
  /** lineApiUrl: adapters call `${apiUrl}/v2/bot/message/reply` etc. */
  apiUrl: string;
  /** lineDataUrl: adapters call `${dataUrl}/v2/bot/message/{id}/content`. */
  dataUrl: string;
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** One entry per accepted message object (live array). */
  sent: LineSent[];
  failNext(rule: LineFailureRule): void;
  /** The next matching calls are accepted and recorded, but answered only after delayMs (a timeout after LINE accepted). */
  holdNext(rule: LineHoldRule): void;
  addContent(messageId: string, content: LineContent): void;
  setProfile(userId: string, profile: LineProfile): void;
  addBot(bot: FakeLineBot): void;
  /**
   * A reply token for an event from `userId` to a bot (default: the first bot), as LINE puts
   * in a webhook. Usable once, until ttlMs passes.
   */
  issueReplyToken(userId: string, options?: { botUserId?: string; ttlMs?: number }): string;
  waitForSent(predicate?: (sent: LineSent) => boolean, timeoutMs?: number): Promise<LineSent>;
  onSent(listener: (sent: LineSent) => void): () => void;
  /** Forgets recordings, failures, reply tokens and retry keys; with { data: true } also profiles and content. */
  reset(options?: { data?: boolean }): void;
  close(): Promise<void>;
};

export async function startFakeLine(options: FakeLineOptions): Promise<FakeLine> {
  const max = options.maxRecorded ?? 1000;
  const requests = new EventLog<RecordedRequest>('request', max, (r) => `${r.method} ${r.path} → ${r.status ?? '…'}`);
  const sent = new EventLog<LineSent>('LINE send', max, (s) => `${s.via} ${s.accountId} → ${s.recipient}: ${JSON.stringify(s.message)}`);
  const bots: FakeLineBot[] = [];
  const state: LineState = {
    botByToken: new Map(),
    profiles: new Map(),
    contents: new Map(),
    replyTokens: new ReplyTokens(options.replyTokenTtlMs ?? 60_000),
    acceptedRetryKeys: new Map(),
    failures: new FailureQueue<LineFailureContext>(),
    holds: new FailureQueue<LineFailureContext, ScriptedHold>(),
    requests,
    sent,
    sleep: () => Promise.resolve(),
  };
  const addBot = (bot: FakeLineBot) => {
    bots.push(bot);
    state.botByToken.set(bot.channelAccessToken, bot.botUserId);
  };
  (options.bots ?? []).forEach(addBot);

  const server = await startFakeServer({
    port: options.port,
    host: options.host,
    publicOrigin: options.publicOrigin,
    log: requests,
    handle: (req, res) => lineRoute(state, req, res),
  });
  state.sleep = server.sleep;

  return {
    apiUrl: `${server.origin}/api`,
    dataUrl: `${server.origin}/data`,
    origin: server.origin,
    port: server.port,
    requests: requests.items,
    sent: sent.items,
    failNext: (rule) => state.failures.add(rule, matchesRule(rule)),
    holdNext: (rule) => state.holds.add(rule, matchesRule(rule)),
    addContent: (messageId, content) => void state.contents.set(messageId, content),
    setProfile: (userId, profile) => void state.profiles.set(userId, profile),
    addBot,
    issueReplyToken(userId, issueOptions = {}) {
      const botUserId = issueOptions.botUserId ?? bots[0]?.botUserId;
      if (!botUserId) throw new Error('issueReplyToken: the fake LINE server has no bots');
      return state.replyTokens.issue(botUserId, userId, issueOptions.ttlMs);
    },
    waitForSent: (predicate = () => true, timeoutMs = 5000) => sent.waitFor(predicate, timeoutMs),
    onSent: (listener) => sent.on(listener),
    reset(resetOptions) {
      requests.clear();
      sent.clear();
      state.failures.clear();
      state.holds.clear();
      state.replyTokens.clear();
      state.acceptedRetryKeys.clear();
      if (resetOptions?.data) {
        state.profiles.clear();
        state.contents.clear();
      }
    },
    close: () => server.close(),
  };
}

function matchesRule(rule: Pick<LineFailureRule, 'endpoint' | 'botUserId'>): (ctx: LineFailureContext) => boolean {
  const endpoint = rule.endpoint ?? 'send';
  return (ctx) =>
    (endpoint === 'any' || endpoint === ctx.endpoint || (endpoint === 'send' && (ctx.endpoint === 'reply' || ctx.endpoint === 'push'))) &&
    (rule.botUserId === undefined || rule.botUserId === ctx.botUserId);
}
