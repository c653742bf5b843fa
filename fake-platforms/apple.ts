import type { ServerResponse } from 'node:http';
import { EventLog } from './event-log';
import { FailureQueue, type ScriptedFailure } from './failures';
import { sendJson, startFakeServer, type RecordedRequest } from './http';
import { appleJwtProblem } from './apple-jwt';
import { checkAppleEnvelope, checkAppleMessage } from './apple-validate';
import type { AppleBusinessKeys } from './apple-webhook';

/**
 * A local stand-in for Apple's MSP gateway (mspgw.push.apple.com/v1): POST /message checked
 * as Apple does (the provider's HS256 JWT with the business's secret, the id, Source-Id and
 * Destination-Id headers agreeing with the body, each message type's shape), answered
 * 200 with no body and recorded.
 */

export type AppleSent = {
  id: string;
  businessId: string;
  customerId: string;
  type: 'text' | 'richLink' | 'interactive';
  text?: string;
  richLink?: { url: string; title: string };
  listPicker?: { title: string; items: { identifier: string; title: string }[] };
  body: Record<string, unknown>;
  at: Date;
};

export type FakeAppleOptions = { port?: number; host?: string; publicOrigin?: string; businesses?: AppleBusinessKeys[]; maxRecorded?: number };

export type FakeApple = {
  /** appleGatewayUrl: adapters call `${gatewayUrl}/message`. */
  gatewayUrl: string;
  port: number;
  requests: RecordedRequest[];
  sent: AppleSent[];
  addBusiness(keys: AppleBusinessKeys): void;
  failNext(rule: ScriptedFailure): void;
  waitForSent(predicate?: (sent: AppleSent) => boolean, timeoutMs?: number): Promise<AppleSent>;
  onSent(listener: (sent: AppleSent) => void): () => void;
  reset(): void;
  close(): Promise<void>;
};

type Items = { identifier: string; title: string }[];

function summary(body: Record<string, unknown>): Pick<AppleSent, 'text' | 'richLink' | 'listPicker'> {
  if (body.type === 'text') return { text: body.body as string };
  if (body.type === 'richLink') return { richLink: body.richLinkData as { url: string; title: string } };
  const interactive = body.interactiveData as { receivedMessage: { title: string }; data: { listPicker: { sections: { items: Items }[] } } };
  const items = interactive.data.listPicker.sections.flatMap((s) => s.items.map(({ identifier, title }) => ({ identifier, title })));
  return { listPicker: { title: interactive.receivedMessage.title, items } };
}

export async function startFakeApple(options: FakeAppleOptions = {}): Promise<FakeApple> {
  const max = options.maxRecorded ?? 1000;
  const requests = new EventLog<RecordedRequest>('request', max, (r) => `${r.method} ${r.path} → ${r.status ?? '…'}`);
  const sent = new EventLog<AppleSent>('Apple message', max, (s) => `${s.businessId} → ${s.customerId}: ${s.type} ${s.text ?? s.richLink?.url ?? s.listPicker?.title ?? ''}`);
  const businesses = new Map<string, AppleBusinessKeys>();
  const failures = new FailureQueue<null>();
  const addBusiness = (keys: AppleBusinessKeys) => void businesses.set(keys.businessId, keys);
  (options.businesses ?? []).forEach(addBusiness);

  function route(req: RecordedRequest, res: ServerResponse): void {
    if (req.path !== '/v1/message') return sendJson(res, 404, { message: `No route ${req.method} ${req.path}` });
    if (req.method !== 'POST') return sendJson(res, 405, { message: 'POST only' });
    const sourceId = req.headers['source-id'];
    const business = typeof sourceId === 'string' ? businesses.get(sourceId) : undefined;
    if (!business) return sendJson(res, 400, { message: 'Unknown Source-Id (business id)' });
    const authProblem = appleJwtProblem(req.headers.authorization, business.mspId, business.secret);
    if (authProblem) return sendJson(res, 401, { message: authProblem });
    const failure = failures.take(null);
    if (failure) return sendJson(res, failure.status, failure.body, failure.headers);
    const problem = checkAppleEnvelope(req.headers, req.body) ?? checkAppleMessage(req.body as Record<string, unknown>);
    if (problem) return sendJson(res, 400, { message: problem });
    const body = req.body as Record<string, unknown>;
    sent.record({
      id: body.id as string,
      businessId: business.businessId,
      customerId: body.destinationId as string,
      type: body.type as AppleSent['type'],
      ...summary(body),
      body,
      at: new Date(),
    });
    res.writeHead(200, { 'content-length': '0' });
    res.end();
  }

  const server = await startFakeServer({ port: options.port, host: options.host, publicOrigin: options.publicOrigin, log: requests, handle: route });
  return {
    gatewayUrl: `${server.origin}/v1`,
    port: server.port,
    requests: requests.items,
    sent: sent.items,
    addBusiness,
    failNext: (rule) => failures.add(rule, () => true),
    waitForSent: (predicate = () => true, timeoutMs = 5000) => sent.waitFor(predicate, timeoutMs),
    onSent: (listener) => sent.on(listener),
    reset() {
      requests.clear();
      sent.clear();
      failures.clear();
    },
    close: () => server.close(),
  };
}
