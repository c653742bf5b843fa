'use client';

import { useEffect } from 'react';

type BadgingNavigator = Navigator & { setAppBadge?: (count?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };

/**
 * The installed app's icon shows the unread count (the Badging API: Chromium on desktop
 * and Android, Safari for home-screen apps); elsewhere this does nothing.
 */
export function useAppBadge(unread: number): void {
  useEffect(() => {
    const nav = navigator as BadgingNavigator;
    if (!nav.setAppBadge || !nav.clearAppBadge) return;
    // A browser may refuse (not installed, no permission): the in-page count still shows it.
    void (unread > 0 ? nav.setAppBadge(unread) : nav.clearAppBadge()).catch(() => undefined);
  }, [unread]);
}
