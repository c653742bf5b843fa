// The postMessage protocol between the loader (public/widget.js, on the shop's page) and
// the widget page in its iframe. Messages carry no secrets: the identity hash is checked
// by the server, and the visitor token never leaves the iframe (the recorder on the shop's
// page gets a token that can only upload the visit's recording).

export type LoaderMessage =
  | { source: 'baton-loader'; type: 'open' }
  | { source: 'baton-loader'; type: 'close' }
  | { source: 'baton-loader'; type: 'reset' }
  /** An action rule's message from the shop (shown before the visitor writes) and/or the flow to start with. */
  | { source: 'baton-loader'; type: 'proactive'; text: string; flowId?: string; ruleId?: string }
  | { source: 'baton-loader'; type: 'identify'; identity: { identifier: string; hash: string; name?: string; email?: string } }
  /** Co-browsing, from public/widget-cobrowse.js: the page's rrweb events, its full snapshot, Stop pressed, the page left. */
  | { source: 'baton-loader'; type: 'cobrowse'; ev: 'events' | 'snapshot' | 'stop' | 'left'; events?: unknown[] };

export type WidgetMessage =
  | { source: 'baton-widget'; type: 'ready' }
  | { source: 'baton-widget'; type: 'unread'; count: number }
  | { source: 'baton-widget'; type: 'close' }
  /** An agent's call rings: the loader opens the chat, where the visitor answers it. */
  | { source: 'baton-widget'; type: 'open' }
  /** A reply came while the chat was closed or the tab hidden: the loader blinks the title. */
  | { source: 'baton-widget'; type: 'new-reply' }
  | { source: 'baton-widget'; type: 'identity-error'; error: string }
  /** The channel records visits: the upload-only token for the loader's recorder (null: the visitor was reset). */
  | { source: 'baton-widget'; type: 'recording-token'; token: string | null }
  /** Co-browsing: start mirroring the page (with the bar's texts), end, a new full snapshot, the agent's pointer or highlight. */
  | { source: 'baton-widget'; type: 'cobrowse'; cmd: 'start'; texts: { viewing: string; stop: string } }
  | { source: 'baton-widget'; type: 'cobrowse'; cmd: 'end' | 'snapshot' }
  | { source: 'baton-widget'; type: 'cobrowse'; cmd: 'pointer'; x: number; y: number }
  | { source: 'baton-widget'; type: 'cobrowse'; cmd: 'highlight'; id: number };

type Distribute<T> = T extends unknown ? Omit<T, 'source'> : never;

export function isFramed(): boolean {
  try {
    return window.parent !== window;
  } catch {
    return true;
  }
}

export function postToParent(message: Distribute<WidgetMessage>, parentOrigin: string | null) {
  if (!isFramed()) return;
  window.parent.postMessage({ source: 'baton-widget', ...message }, parentOrigin ?? '*');
}

/** Loader messages from the page that framed us (and from its origin, when we know it). */
export function listenToParent(parentOrigin: string | null, onMessage: (message: LoaderMessage) => void): () => void {
  const handler = (event: MessageEvent) => {
    if (event.source !== window.parent) return;
    if (parentOrigin && event.origin !== parentOrigin) return;
    const data = event.data as Partial<LoaderMessage> | null;
    if (!data || data.source !== 'baton-loader' || typeof data.type !== 'string') return;
    onMessage(data as LoaderMessage);
  };
  window.addEventListener('message', handler);
  return () => window.removeEventListener('message', handler);
}
