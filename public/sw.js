// Baton's service worker: the installed app's shell and its Web Push notifications.
//
// What it caches, and why only that: Next's build files (/_next/static/, named by their
// content, so a cached copy is never stale) as the pages fetch them, the icons, and one
// offline page. It never caches API answers, server actions or pages: those carry an
// agent's data and must come from the server (or not at all), so every other request
// goes straight to the network untouched.

const VERSION = 'v1';
const SHELL_CACHE = `baton-shell-${VERSION}`;
const STATIC_CACHE = `baton-static-${VERSION}`;
const OFFLINE_URL = '/offline.html';
const SHELL = [OFFLINE_URL, '/icons/icon-192.png', '/icons/badge-96.png'];
// Each deploy brings new file names; old ones are dropped beyond this many.
const STATIC_LIMIT = 300;
// Registered by `next dev` with ?static-cache=off: its build files keep their names.
const CACHE_STATIC = new URL(self.location.href).searchParams.get('static-cache') !== 'off';

// Requests this worker never answers skip it altogether (the static routing API), so none
// waits for the worker to wake, and none can be lost in it: a page that unloads mid-call
// sends its hang-up as a beacon, and Chromium dropped such beacons now and then when they
// had to pass through a worker. Browsers without the API pass them through the fetch
// handler below, which lets them go untouched.
const NETWORK_ONLY = [
  ...['POST', 'PUT', 'PATCH', 'DELETE'].map((requestMethod) => ({ condition: { requestMethod }, source: 'network' })),
  { condition: { urlPattern: '/api/*' }, source: 'network' },
];

self.addEventListener('install', (event) => {
  const routes = typeof event.addRoutes === 'function' ? event.addRoutes(NETWORK_ONLY).catch(() => {}) : Promise.resolve();
  event.waitUntil(
    routes
      .then(() => caches.open(SHELL_CACHE))
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('baton-') && n !== SHELL_CACHE && n !== STATIC_CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

async function trimStatic(cache) {
  const keys = await cache.keys();
  for (const request of keys.slice(0, Math.max(0, keys.length - STATIC_LIMIT))) await cache.delete(request);
}

async function cacheFirst(request) {
  // Any of ours: the icons the offline page shows were put in the shell cache at install.
  const hit = await caches.match(request);
  if (hit) return hit;
  const cache = await caches.open(STATIC_CACHE);
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    await cache.put(request, response.clone());
    void trimStatic(cache);
  }
  return response;
}

async function networkOrOffline(request) {
  try {
    return await fetch(request);
  } catch {
    const offline = await caches.match(OFFLINE_URL, { cacheName: SHELL_CACHE });
    return offline || new Response('You are offline.', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The page itself always comes from the server; the offline page only when it cannot.
    event.respondWith(networkOrOffline(request));
    return;
  }
  if ((CACHE_STATIC && url.pathname.startsWith('/_next/static/')) || url.pathname.startsWith('/icons/')) {
    event.respondWith(cacheFirst(request));
  }
  // Anything else (API, server actions, RSC data, files): not intercepted.
});

// A push from Baton's server: { title, body, url, tag }. Every push shows a notification
// (the subscription promised userVisibleOnly); the tag is the conversation, so a newer
// one about it replaces the older instead of stacking.
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  const title = data.title || 'Baton';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: data.body || '',
      tag: data.tag || 'baton',
      renotify: Boolean(data.tag),
      icon: '/icons/icon-192.png',
      badge: '/icons/badge-96.png',
      data: { url: typeof data.url === 'string' && data.url.startsWith('/') ? data.url : '/workspaces' },
    }),
  );
});

/**
 * Opens a notification's conversation: in a Baton window already open (focused, then moved
 * to the conversation), else in a new window of the app.
 */
async function openFromNotification(notification) {
  notification.close();
  const target = new URL((notification.data && notification.data.url) || '/workspaces', self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const same = windows.find((c) => c.url === target) || windows.find((c) => new URL(c.url).origin === self.location.origin);
  if (!same) return self.clients.openWindow(target);
  // Focus needs the click's user activation, so it goes first; a window we do not control
  // yet cannot be navigated by us, so it is asked to go there itself.
  await same.focus().catch(() => undefined);
  if (same.url === target) return same;
  return same.navigate(target).catch(() => {
    same.postMessage({ type: 'baton:open', url: target });
    return same;
  });
}

self.addEventListener('notificationclick', (event) => {
  event.waitUntil(openFromNotification(event.notification));
});
