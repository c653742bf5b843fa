import fs from 'node:fs';
import path from 'node:path';

// An agent as the browser is one, over plain HTTP, for fault tests that need many agents at
// once (twenty browsers would measure Chromium on two cores, not the app): signed in through
// Auth.js's own credentials endpoint, then calling a server action the way React's client
// does (POST to the page with the action's id, the arguments as JSON, the session cookie).

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIST_DIR = process.env.NEXT_DIST_DIR || '.next';

type ManifestEntry = { filename?: string; exportedName?: string };

/** The id the production build gave a server action (`exportedName` of `filename`). */
export function serverActionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, DIST_DIR, 'server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, ManifestEntry>;
  };
  const found = Object.entries(manifest.node).find(([, e]) => e.filename === filename && e.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} of ${filename} in ${DIST_DIR}'s manifest`);
  return found[0];
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0]);

/** Signs in at `baseUrl` (POST /api/auth/callback/credentials with its CSRF token); returns the Cookie header. */
export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; '), origin: baseUrl },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${baseUrl}/` }),
  });
  await response.arrayBuffer();
  const session = cookiesOf(response).find((c) => c.startsWith('authjs.session-token='));
  if (!session) throw new Error(`Signing in ${email} at ${baseUrl} set no session cookie (HTTP ${response.status})`);
  return session;
}

export type ActionAnswer = { status: number; result: unknown };

/**
 * Prepares a server action call at `baseUrl` + `pagePath` and returns a function that sends
 * it: everything up to the request itself is done beforehand, so calls released together
 * reach the servers together. The answer is React's flight stream; the action's return value
 * is the row of it that is plain JSON holding `ok`.
 */
export function prepareAction(baseUrl: string, pagePath: string, actionId: string, cookie: string, args: unknown[]): () => Promise<ActionAnswer> {
  const init: RequestInit = {
    method: 'POST',
    headers: {
      accept: 'text/x-component',
      'content-type': 'text/plain;charset=UTF-8',
      'next-action': actionId,
      origin: baseUrl,
      cookie,
    },
    body: JSON.stringify(args),
  };
  return async () => {
    const response = await fetch(`${baseUrl}${pagePath}`, { ...init, signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    return { status: response.status, result: actionResult(text) };
  };
}

// React's flight encoding of plain values: `$undefined` is undefined, `$$…` an escaped `$…`.
const flightValue = (_key: string, value: unknown) =>
  value === '$undefined' ? undefined : typeof value === 'string' && value.startsWith('$$') ? value.slice(1) : value;

function actionResult(flight: string): unknown {
  for (const line of flight.split('\n')) {
    const json = line.replace(/^[0-9a-f]+:/, '');
    try {
      const value = JSON.parse(json, flightValue) as unknown;
      if (value && typeof value === 'object' && 'ok' in value) return value;
    } catch {
      // not a JSON row (a chunk of the page, a reference)
    }
  }
  throw new Error(`No action result in the answer: ${flight.slice(0, 500)}`);
}
