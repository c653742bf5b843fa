import 'server-only';
import { eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import type { DbOrTx } from '@/db/client';
import { users, workspaces } from '@/db/schema';
import { BROWSER_ZONE_COOKIE, isTimeZone, pickTimeZone } from './format';

/**
 * The zones that decide how one person sees times in one workspace. The rule: the zone
 * from their profile; without one, their browser's (known to the server through the cookie
 * the browser sets, components/time/time-zone.tsx); the shop's zone is shown beside it
 * where shop time matters (business hours, reminder presets).
 */
export type ViewerZones = {
  /** Chosen on the profile page, or null for "this browser's zone". */
  profile: string | null;
  /** The zone the browser last reported, or null before it has. */
  browser: string | null;
  /** workspaces.timezone */
  shop: string;
};

/** The zone a server render or an export uses: profile, else the browser's, else the shop's. */
export function viewerZone(zones: ViewerZones): string {
  return pickTimeZone(zones.profile, zones.browser, zones.shop);
}

function zoneOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const zone = decodeURIComponent(value);
    return isTimeZone(zone) ? zone : null;
  } catch {
    return null;
  }
}

/** The browser zone a Cookie header carries, when it names a real zone (route handlers). */
export function browserZoneFromHeaders(headers: Headers): string | null {
  const cookie = headers.get('cookie') ?? '';
  const pair = cookie.split(/;\s*/).find((c) => c.startsWith(`${BROWSER_ZONE_COOKIE}=`));
  return zoneOf(pair?.slice(BROWSER_ZONE_COOKIE.length + 1));
}

/** The browser zone cookie of the request being rendered (pages and layouts). */
async function browserZoneOfRequest(): Promise<string | null> {
  return zoneOf((await cookies()).get(BROWSER_ZONE_COOKIE)?.value);
}

/**
 * One person's zones in one workspace. Pages and layouts leave `browser` out (it is read
 * from the request's cookie); route handlers pass `browserZoneFromHeaders(request.headers)`.
 */
export async function loadViewerZones(db: DbOrTx, who: { userId: string; workspaceId: string }, browser?: string | null): Promise<ViewerZones> {
  const [[user], [workspace], browserZone] = await Promise.all([
    db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, who.userId)).limit(1),
    db.select({ timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, who.workspaceId)).limit(1),
    browser === undefined ? browserZoneOfRequest() : browser,
  ]);
  return {
    profile: isTimeZone(user?.timeZone) ? user.timeZone : null,
    browser: browserZone,
    shop: pickTimeZone(workspace?.timezone),
  };
}
