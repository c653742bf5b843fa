'use client';

import { useEffect } from 'react';
import { reportVisibilityAction } from '@/app/w/[slug]/push-actions';
import { currentSubscription, readyRegistration } from './push-client';

// A visible tab repeats its heartbeat more often than the server's window (70 s) lasts.
const HEARTBEAT_MS = 30_000;

/**
 * Mounted once in the signed-in layout: registers the service worker (the installed app's
 * shell and its push notifications), follows a notification click the worker could not
 * navigate itself, and tells the server while Baton is visible on this device so that the
 * agent gets the in-app notification here instead of a push.
 */
export function AppShellClient({ workspaceId }: { workspaceId: string }) {
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    readyRegistration().catch((error: unknown) => console.warn('[pwa] service worker not registered:', error instanceof Error ? error.message : error));
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; url?: string } | null;
      if (data?.type === 'baton:open' && typeof data.url === 'string' && new URL(data.url).origin === location.origin) location.assign(data.url);
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    return () => navigator.serviceWorker.removeEventListener('message', onMessage);
  }, []);

  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    const report = async (visible: boolean) => {
      const subscription = await currentSubscription().catch(() => null);
      if (!subscription || stopped) return;
      await reportVisibilityAction({ workspaceId, endpoint: subscription.endpoint, visible }).catch(() => undefined);
    };
    const onChange = () => {
      const visible = document.visibilityState === 'visible';
      clearInterval(timer);
      if (visible) timer = setInterval(() => void report(true), HEARTBEAT_MS);
      void report(visible);
    };
    onChange();
    document.addEventListener('visibilitychange', onChange);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onChange);
    };
  }, [workspaceId]);

  return null;
}
