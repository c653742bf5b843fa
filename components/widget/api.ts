import { offeredFlowId, proactiveRuleId, proactiveStored } from './use-proactive';
import type { CallJoin, CallView } from '@/lib/calls/rules';
import type { CobrowseSessionView } from '@/lib/cobrowse/protocol';
import type { CsatOfferView, PreChatStateView } from '@/lib/widget/forms/views';
import type { WidgetStrings } from '@/lib/widget/i18n/en';
import type { WidgetArticleView, WidgetErrorBody, WidgetHistoryResponse, WidgetMessageView, WidgetSessionResponse } from '@/lib/widget/types';

/** A refusal from the widget API (or the network), with the server's message when it gave one. */
export class WidgetApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Identity = { identifier: string; hash: string; name?: string; email?: string };

/**
 * The widget's calls to /api/widget/{token}/…, with the visitor token as a bearer token.
 * A dropped network and a server failure are told in the widget's language (`t`); a refusal
 * (4xx) carries the server's reason.
 */
export function widgetApi(channelToken: string, visitorToken: () => string | null, t: Pick<WidgetStrings, 'youAreOffline' | 'somethingWrong'>) {
  const base = `/api/widget/${encodeURIComponent(channelToken)}`;

  async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const token = visitorToken();
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { ...init, headers, cache: 'no-store' });
    } catch {
      throw new WidgetApiError(0, 'network', t.youAreOffline);
    }
    const body = (await response.json().catch(() => null)) as (T & Partial<WidgetErrorBody>) | null;
    if (!response.ok) {
      const reason = response.status < 500 ? body?.error : undefined;
      throw new WidgetApiError(response.status, body?.code ?? 'error', reason ?? t.somethingWrong);
    }
    return body as T;
  }

  const jsonInit = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  return {
    session: (identity?: Identity) => call<WidgetSessionResponse>('/session', jsonInit(identity ? { identity } : {})),
    history: (before?: string) => call<WidgetHistoryResponse>(`/messages${before ? `?before=${encodeURIComponent(before)}` : ''}`),
    sendText: async (input: { clientId: string; text: string; payload?: string }) => {
      const startFlowId = offeredFlowId();
      const ruleId = proactiveRuleId();
      const sent = await call<{ message: WidgetMessageView }>('/messages', jsonInit({ ...input, ...(startFlowId ? { startFlowId } : {}), ...(ruleId ? { proactiveRuleId: ruleId } : {}) }));
      if (ruleId) proactiveStored(ruleId);
      return sent;
    },
    sendFile: (input: { clientId: string; file: File; caption?: string }) => {
      const form = new FormData();
      form.set('clientId', input.clientId);
      form.set('file', input.file);
      if (input.caption) form.set('caption', input.caption);
      return call<{ message: WidgetMessageView }>('/messages', { method: 'POST', body: form });
    },
    sendOffline: (input: { clientId: string; email: string; text: string }) => call<{ message: WidgetMessageView }>('/offline', jsonInit(input)),
    typing: (typing: boolean) => call<{ published: boolean }>('/typing', jsonInit({ typing })),
    markRead: (status: 'delivered' | 'read', upTo?: string) => call<{ updated: number }>('/read', jsonInit({ status, ...(upTo ? { upTo } : {}) })),
    suggestArticles: (q: string, lang: string) =>
      call<{ articles: WidgetArticleView[] }>(`/articles?q=${encodeURIComponent(q)}&lang=${encodeURIComponent(lang)}`),
    preChat: () => call<PreChatStateView>('/pre-chat'),
    submitPreChat: (answers: unknown) => call<{ id: string }>('/pre-chat', jsonInit(answers)),
    submitFlowForm: (input: { key: string; answers: unknown }) => call<{ ok: true }>('/flow-form', jsonInit(input)),
    csatOffer: () => call<{ offer: CsatOfferView }>('/csat'),
    rate: (input: { conversationId: string; rating: number; comment?: string }) => call<{ id: string }>('/csat', jsonInit(input)),
    transcriptDefaults: () => call<{ email: string | null; offered: boolean }>('/transcript'),
    emailTranscript: (email: string) => call<{ queued: true; email: string }>('/transcript', jsonInit({ email })),
    currentCall: () => call<{ call: CallView | null }>('/call'),
    callAction: (callId: string, action: 'accept' | 'decline' | 'hangup') => call<{ status: 'active' | 'ended'; join?: CallJoin }>('/call', jsonInit({ callId, action })),
    /** A hang-up that outlives the page (sent as it unloads). */
    hangUpOnUnload: (callId: string) => {
      const token = visitorToken();
      void fetch(`${base}/call`, { method: 'POST', keepalive: true, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ callId, action: 'hangup' }) }).catch(() => {});
    },
    cobrowse: () => call<{ session: CobrowseSessionView | null }>('/cobrowse'),
    answerCobrowse: (sessionId: string, answer: 'accept' | 'decline' | 'end') => call<{ session: CobrowseSessionView }>('/cobrowse', jsonInit({ sessionId, answer })),
    /** The page's full snapshot, gzipped by the browser (CompressionStream). */
    cobrowseSnapshot: (sessionId: string, gzipped: Blob) =>
      call<{ stored: boolean; version: number }>(`/cobrowse/${encodeURIComponent(sessionId)}/snapshot`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: gzipped }),
    authorizeRealtime: (socketId: string, channelName: string) =>
      call<{ auth: string }>('/realtime-auth', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ socket_id: socketId, channel_name: channelName }).toString(),
      }),
  };
}

export type WidgetApi = ReturnType<typeof widgetApi>;
