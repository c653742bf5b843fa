/** Plain-fetch helpers for talking to the fake platforms the way an adapter would. */

export type JsonResponse = { status: number; body: any; headers: Headers };

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await readJson(res), headers: res.headers };
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<JsonResponse> {
  const res = await fetch(url, { headers });
  return { status: res.status, body: await readJson(res), headers: res.headers };
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
