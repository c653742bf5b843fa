'use client';

import { CloudOff } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useServerReachable } from './server-status';

/**
 * Across the top of every signed-in page while Baton's server or database does not answer:
 * what the agent typed is kept and nothing is lost; when both answer again the banner goes
 * and the page reloads its data, so what changed meanwhile shows.
 */
export function ServerStatusBanner() {
  const reachable = useServerReachable();
  const router = useRouter();
  const wasDown = useRef(false);

  useEffect(() => {
    if (!reachable) wasDown.current = true;
    else if (wasDown.current) {
      wasDown.current = false;
      router.refresh();
    }
  }, [reachable, router]);

  if (reachable) return null;
  return (
    <div role="alert" className="flex items-center justify-center gap-2 bg-amber-100 px-4 py-2 text-center text-sm text-amber-900" data-testid="server-unreachable">
      <CloudOff aria-hidden className="size-4 shrink-0" />
      <span>Baton cannot reach its server or database. What you typed is kept. Reconnecting…</span>
    </div>
  );
}
