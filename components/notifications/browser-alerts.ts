'use client';

// Browser notifications (the Notification API) and a short chime, for when the tab is in
// the background. Permission is only ever asked from a click (browsers ignore or punish
// prompts that are not tied to a user gesture).

export type BrowserPermission = NotificationPermission | 'unsupported';

export function browserPermission(): BrowserPermission {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  return window.Notification.permission;
}

/** Call from a click handler only. Also unlocks audio, which needs a gesture too. */
export async function askBrowserPermission(): Promise<BrowserPermission> {
  unlockAudio();
  if (browserPermission() === 'unsupported') return 'unsupported';
  try {
    return await window.Notification.requestPermission();
  } catch {
    return browserPermission();
  }
}

/** The tab is hidden, or visible but another window has the focus. */
export function isInBackground(): boolean {
  return document.visibilityState !== 'visible' || !document.hasFocus();
}

/**
 * Several tabs of the same agent all receive the event; only the first to claim a key
 * alerts (best effort, through localStorage; a missing storage just means every tab alerts).
 */
function claim(key: string): boolean {
  try {
    const name = `baton:alerted:${key}`;
    if (window.localStorage.getItem(name)) return false;
    window.localStorage.setItem(name, String(Date.now()));
    // Keep storage small: forget claims older than a minute.
    for (let i = window.localStorage.length - 1; i >= 0; i--) {
      const k = window.localStorage.key(i);
      if (k?.startsWith('baton:alerted:') && Date.now() - Number(window.localStorage.getItem(k)) > 60_000) window.localStorage.removeItem(k);
    }
    return true;
  } catch {
    return true;
  }
}

export function showBrowserNotification(options: { key: string; title: string; body: string | null; href: string | null }): boolean {
  if (browserPermission() !== 'granted') return false;
  if (!claim(`n:${options.key}`)) return false;
  try {
    const n = new window.Notification(options.title, { body: options.body ?? undefined, tag: options.key, icon: '/icon.svg' });
    n.onclick = () => {
      window.focus();
      if (options.href) window.location.assign(options.href);
      n.close();
    };
    return true;
  } catch {
    return false; // some platforms only allow notifications from a service worker
  }
}

let audio: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (typeof window === 'undefined') return null;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  audio ??= new Ctor();
  return audio;
}

export function unlockAudio(): void {
  const ctx = audioContext();
  if (ctx?.state === 'suspended') void ctx.resume().catch(() => undefined);
}

/** Two soft notes, a quarter of a second in all. Silently nothing if audio is locked. */
export function playChime(key: string): void {
  if (!claim(`s:${key}`)) return;
  const ctx = audioContext();
  if (!ctx) return;
  try {
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime + 0.01;
    [880, 1320].forEach((frequency, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      const t = start + i * 0.12;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.15, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.12);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + 0.13);
    });
  } catch {
    // no sound is better than a broken page
  }
}
