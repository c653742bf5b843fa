// Test support: a fetch that records each request and answers from a script.

export type RecordedRequest = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  /** A binary body (an upload), as sent. */
  bytes?: Buffer;
  signal?: AbortSignal;
};

type Reply = Response | Error | ((request: RecordedRequest) => Response | Promise<Response>);

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** Each call takes the next reply; the last one repeats. */
export function fakeFetch(...replies: Reply[]) {
  const calls: RecordedRequest[] = [];
  const fetchImpl = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const text = typeof init.body === 'string' ? init.body : undefined;
    const request: RecordedRequest = {
      url: String(input),
      method: init.method ?? 'GET',
      headers,
      body: text === undefined ? undefined : JSON.parse(text),
      ...(init.body instanceof Uint8Array ? { bytes: Buffer.from(init.body) } : {}),
      signal: init.signal ?? undefined,
    };
    calls.push(request);
    const reply = replies[Math.min(calls.length - 1, replies.length - 1)];
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply(request);
    return reply.clone();
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

/** Never answers; rejects like real fetch when its signal aborts (timeouts). */
export function hangingReply(request: RecordedRequest): Promise<Response> {
  return new Promise((_, reject) => {
    request.signal?.addEventListener('abort', () => reject(request.signal?.reason));
  });
}

/** A body streamed in chunks with no Content-Length, to test limits while streaming. */
export function streamedResponse(chunks: Buffer[], headers: Record<string, string> = {}): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new Uint8Array(chunk));
      controller.close();
    },
  });
  return new Response(stream, { status: 200, headers });
}
