'use client';

import { useEffect, useState } from 'react';
import { Download } from 'lucide-react';

/** Chromium's install prompt event (not in TypeScript's DOM types). */
type InstallPromptEvent = Event & { prompt(): Promise<void>; userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }> };

/**
 * "Install Baton": shown only when the browser offers to install the app (it fired
 * `beforeinstallprompt`); hidden where it does not (Safari: Share → Add to Home Screen) or
 * once installed.
 */
export function InstallButton({ className = '' }: { className?: string }) {
  const [prompt, setPrompt] = useState<InstallPromptEvent | null>(null);

  useEffect(() => {
    const offered = (event: Event) => {
      // Keep the browser's own banner away: the menu item is the one way to install.
      event.preventDefault();
      setPrompt(event as InstallPromptEvent);
    };
    const installed = () => setPrompt(null);
    window.addEventListener('beforeinstallprompt', offered);
    window.addEventListener('appinstalled', installed);
    return () => {
      window.removeEventListener('beforeinstallprompt', offered);
      window.removeEventListener('appinstalled', installed);
    };
  }, []);

  if (!prompt) return null;
  return (
    <button
      type="button"
      onClick={async () => {
        await prompt.prompt();
        // Accepted or dismissed, an event can prompt once only; the browser offers a new one later.
        await prompt.userChoice.catch(() => undefined);
        setPrompt(null);
      }}
      className={`flex w-full items-center gap-2 rounded-md px-2 py-1 text-left text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900 ${className}`}
    >
      <Download aria-hidden className="h-4 w-4" />
      Install Baton
    </button>
  );
}
