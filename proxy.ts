import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/lib/db';
import { getConfig, realtimeClientConfig } from '@/lib/config';
import { pageHostname, pagePolicy } from '@/lib/http/content-security-policy';
import { widgetFramePolicy } from '@/lib/widget/frame-policy';

// Every page gets a fresh script nonce and its Content-Security-Policy here: Next reads the
// nonce from the request's CSP header and puts it on its own scripts. The website-chat
// widget page is framed by shops' sites, so its frame-ancestors come from its channel's
// allowed sites, which only a per-request lookup can know; every other page may be framed
// by nobody.
export async function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const https = (request.headers.get('x-forwarded-proto') ?? request.nextUrl.protocol.replace(':', '')) === 'https';
  const policy = pagePolicy({
    nonce,
    dev: process.env.NODE_ENV === 'development',
    realtime: realtimeClientConfig(getConfig()),
    requestHostname: pageHostname(request.headers, request.nextUrl.hostname),
    frameAncestors: await frameAncestorsOf(request),
    https,
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  if (https) response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  return response;
}

async function frameAncestorsOf(request: NextRequest): Promise<string> {
  const [, section, token] = request.nextUrl.pathname.split('/');
  if (section !== 'widget' || !token) return "'none'";
  try {
    return await widgetFramePolicy(getDb(), decodeURIComponent(token));
  } catch (error) {
    console.error('[widget] frame policy lookup failed:', error instanceof Error ? error.message : error);
    return "'none'";
  }
}

export const config = {
  matcher: [
    {
      // Pages only: API answers carry their own fixed policy (next.config.js), and static
      // files need none. Prefetches reuse the page's policy.
      source: '/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:js|css|png|svg|ico|webp|jpg|txt|json|webmanifest)$).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
