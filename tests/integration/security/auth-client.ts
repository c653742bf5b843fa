import { NextRequest } from 'next/server';
import { authRouteHandlers } from '@/lib/auth/auth';

// A browser's side of Auth.js's own routes (/api/auth/*), driven in-process through the
// app's real route handlers: CSRF token, cookies kept between requests, redirects read.
// The request URL is the address `next start` binds to, as it arrives in production.

const BOUND = 'http://0.0.0.0:3000';
export const PUBLIC_HOST = 'localhost:3000';

export class AuthClient {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie line received, as sent. */
  readonly setCookies: string[] = [];

  /** `proto` is what the proxy in front says the browser used (X-Forwarded-Proto). */
  constructor(
    readonly ip = '198.51.100.10',
    readonly proto: 'http' | 'https' | null = null,
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private request(path: string, init: { method?: string; body?: URLSearchParams } = {}) {
    const headers = new Headers({ host: PUBLIC_HOST, cookie: this.cookieHeader(), 'x-forwarded-for': this.ip });
    if (this.proto) headers.set('x-forwarded-proto', this.proto);
    if (init.body) headers.set('content-type', 'application/x-www-form-urlencoded');
    return new NextRequest(`${BOUND}${path}`, { method: init.method ?? 'GET', headers, body: init.body });
  }

  async csrf(): Promise<string> {
    const response = await authRouteHandlers.GET(this.request('/api/auth/csrf'));
    this.remember(response);
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  /** POST /api/auth/callback/credentials, as a form would; returns where it redirects. */
  async signIn(email: string, password: string): Promise<URL> {
    const csrfToken = await this.csrf();
    const body = new URLSearchParams({ email, password, csrfToken, callbackUrl: '/workspaces' });
    const response = await authRouteHandlers.POST(this.request('/api/auth/callback/credentials', { method: 'POST', body }));
    this.remember(response);
    return new URL(response.headers.get('location') ?? '');
  }

  async signOut(): Promise<void> {
    const csrfToken = await this.csrf();
    const body = new URLSearchParams({ csrfToken, callbackUrl: '/signin' });
    this.remember(await authRouteHandlers.POST(this.request('/api/auth/signout', { method: 'POST', body })));
  }

  sessionCookie(): string | undefined {
    return this.cookies.get('authjs.session-token');
  }
}
