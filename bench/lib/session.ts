import fs from 'node:fs';
import path from 'node:path';
import { DIST_DIR, ROOT } from './env';

// Signing in to the running app as a demo user (Auth.js credentials, the same requests the
// sign-in form makes), and calling its server actions over HTTP the way the browser does.

export type Session = { cookie: string };

function cookiesFrom(res: Response): string[] {
  const raw = (res.headers as Headers & { getSetCookie?: () => string[] }).getSetCookie?.() ?? [];
  return raw.map((c) => c.split(';')[0]);
}

export async function signIn(baseUrl: string, email: string, password = 'baton-demo'): Promise<Session> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrfRes);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${baseUrl}/workspaces` }).toString(),
  });
  const all = [...jar, ...cookiesFrom(res)];
  const session = all.find((c) => /session-token=/.test(c));
  if (!session) throw new Error(`Sign-in as ${email} failed (HTTP ${res.status})`);
  return { cookie: all.join('; ') };
}

/** Server action ids of the build, by "file#export" (from server-reference-manifest.json). */
export function serverActionIds(): Map<string, string> {
  const file = path.join(ROOT, DIST_DIR, 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const out = new Map<string, string>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename && entry.exportedName) out.set(`${entry.filename}#${entry.exportedName}`, id);
  }
  return out;
}

/** POSTs a server action as the browser does; resolves with the HTTP status and the RSC body. */
export async function callServerAction(
  baseUrl: string,
  pagePath: string,
  actionId: string,
  args: unknown[],
  session: Session,
): Promise<{ status: number; body: string }> {
  const res = await fetch(`${baseUrl}${pagePath}`, {
    method: 'POST',
    headers: {
      accept: 'text/x-component',
      'content-type': 'text/plain;charset=UTF-8',
      'next-action': actionId,
      origin: baseUrl,
      cookie: session.cookie,
    },
    body: JSON.stringify(args),
  });
  return { status: res.status, body: await res.text() };
}
