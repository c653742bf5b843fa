'use client';

// The browser's side of Web Push and of the app shell's service worker. Everything here
// degrades to "unsupported" where an API is missing (older Safari, http:// origins).

// `next dev` serves its build files under unchanging names, so there the worker must not
// keep them (it reads this flag from its own URL); production names change with the content.
export const SERVICE_WORKER_URL = process.env.NODE_ENV === 'production' ? '/sw.js' : '/sw.js?static-cache=off';

export function pushSupported(): boolean {
  return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** The registration of Baton's service worker, once it is active. */
export async function readyRegistration(): Promise<ServiceWorkerRegistration | null> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return null;
  await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' });
  return navigator.serviceWorker.ready;
}

/** This browser's current push subscription, if it has one. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const registration = await readyRegistration();
  return (await registration?.pushManager.getSubscription()) ?? null;
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export class PushSetupError extends Error {}

/**
 * Asks for permission (call from a click) and subscribes with the server's public key.
 * Every failure becomes a sentence the agent can act on.
 */
export async function subscribeThisDevice(vapidPublicKey: string): Promise<PushSubscriptionJSON> {
  if (!pushSupported()) throw new PushSetupError('This browser cannot receive push notifications. On an iPhone, add Baton to the Home Screen first.');
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    throw new PushSetupError('Notifications are blocked for Baton in this browser. Allow them in the site settings, then try again.');
  }
  const registration = await readyRegistration();
  if (!registration) throw new PushSetupError('Baton’s service worker could not start in this browser.');
  try {
    const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(vapidPublicKey) });
    return subscription.toJSON();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/permission/i.test(reason)) {
      throw new PushSetupError('Notifications are blocked for Baton in this browser. Allow them in the site settings, then try again.');
    }
    throw new PushSetupError(`The browser’s push service did not answer (${reason}). Check the connection and try again.`);
  }
}
