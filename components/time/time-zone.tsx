'use client';

import { createContext, useCallback, useContext, useEffect, useSyncExternalStore } from 'react';
import { BROWSER_ZONE_COOKIE, browserTimeZone, formatInZone, type TimeFormat } from '@/lib/time/format';

// The one place a client learns which zone to show times in (the rule is in
// lib/time/viewer-zone.ts). The server renders with the zone it knows (profile, or the
// browser's from the cookie); the browser hydrates with that same zone (no mismatch) and
// then switches to its own when the profile names none.

type Zones = { profile: string | null; browser: string | null; shop: string };

const ZonesContext = createContext<Zones>({ profile: null, browser: null, shop: 'UTC' });

const YEAR_SECONDS = 366 * 24 * 3600;
const noSubscription = () => () => {};

export function TimeZoneProvider({ zones, children }: { zones: Zones; children: React.ReactNode }) {
  useEffect(() => {
    // Tell the server this browser's zone, for its next renders and for exports.
    const own = browserTimeZone();
    if (own && own !== zones.browser) {
      document.cookie = `${BROWSER_ZONE_COOKIE}=${encodeURIComponent(own)}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
    }
  }, [zones.browser]);
  return <ZonesContext.Provider value={zones}>{children}</ZonesContext.Provider>;
}

export type TimeZoneView = {
  /** The zone to show times in; null only while a first server render cannot know it. */
  zone: string | null;
  /** The shop's zone (workspaces.timezone), for what is about shop time. */
  shop: string;
  /** Whether the zone comes from the profile (else from the browser). */
  fromProfile: boolean;
};

export function useTimeZone(): TimeZoneView {
  const zones = useContext(ZonesContext);
  const zone = useSyncExternalStore(
    noSubscription,
    () => zones.profile ?? browserTimeZone() ?? zones.shop,
    () => zones.profile ?? zones.browser,
  );
  return { zone, shop: zones.shop, fromProfile: zones.profile !== null };
}

/** This browser's own zone; null during the server render and hydration. */
export function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(noSubscription, browserTimeZone, () => null);
}

/** Formats instants in the viewer's zone; '' while the zone is not known yet. */
export function useFormatTime(): (value: Date | string | number, format?: TimeFormat, now?: Date) => string {
  const { zone } = useTimeZone();
  return useCallback((value, format = 'datetime', now) => (zone ? formatInZone(value, zone, format, now) : ''), [zone]);
}

/**
 * An instant as a `<time>` in the viewer's zone, with the exact time (and its offset) on
 * hover. Server components render it too: it is the one way a time reaches the screen.
 */
export function LocalTime({ value, format = 'datetime', className }: { value: Date | string; format?: TimeFormat; className?: string }) {
  const { zone } = useTimeZone();
  const date = typeof value === 'string' ? new Date(value) : value;
  const iso = date.toISOString();
  // "compact" depends on today's date: the server's and the browser's clocks may disagree
  // at midnight, so that text alone may differ at hydration.
  return (
    <time dateTime={iso} title={zone ? formatInZone(date, zone, 'full') : undefined} className={className} suppressHydrationWarning={format === 'compact'}>
      {zone ? formatInZone(date, zone, format) : ''}
    </time>
  );
}
