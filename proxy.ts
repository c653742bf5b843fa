import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db/client';
import { widgetFramePolicy } from '@/lib/widget/frame-policy';

// Only the website-chat widget page runs through here. It is framed by shops' sites, so it
// is excluded from the app-wide X-Frame-Options: DENY (next.config.js) and instead gets a
// Content-Security-Policy frame-ancestors built from its channel's allowed sites, which
// only a per-request lookup can know (page components cannot set response headers).
export async function proxy(request: NextRequest) {
  const token = request.nextUrl.pathname.split('/')[2] ?? '';
  let policy = "frame-ancestors 'none'";
  try {
    policy = await widgetFramePolicy(getDb(), decodeURIComponent(token));
  } catch (error) {
    console.error('[widget] frame policy lookup failed:', error instanceof Error ? error.message : error);
  }
  const response = NextResponse.next();
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = { matcher: '/widget/:token/:path*' };
