import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { e2eEnv } from './support/env';

// The installable agent app on a phone: its manifest and service worker, the offline page,
// a push delivered to the worker (Chromium's DevTools protocol plays the push service),
// the devices list in Settings → Notifications, and the Install Baton menu item.

test.use({ viewport: { width: 390, height: 844 } });

async function signedIn(browser: Browser, who: { email: string; password: string }, setup?: (context: BrowserContext) => Promise<unknown>) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await setup?.(context);
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(who.email, who.password);
  const inbox = new InboxPage(page);
  await inbox.expectLoaded();
  return { context, page, inbox };
}

/** The service worker is active and controls the page (it claims open pages on activation). */
async function workerActive(page: Page) {
  // `ready` resolves once there is an active worker, which may still be "activating".
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === 'activated');
  const state = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { state: registration.active?.state, script: registration.active?.scriptURL, scope: registration.scope };
  });
  expect(state).toEqual({ state: 'activated', script: `${e2eEnv.baseURL}/sw.js`, scope: `${e2eEnv.baseURL}/` });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('the manifest describes an installable app and the service worker becomes active', async ({ browser, request }) => {
  const manifestResponse = await request.get('/manifest.webmanifest');
  expect(manifestResponse.ok()).toBe(true);
  const manifest = await manifestResponse.json();
  expect(manifest).toMatchObject({
    name: 'Baton: shop inbox',
    short_name: 'Baton',
    display: 'standalone',
    scope: '/',
    start_url: '/workspaces?tab=all',
    theme_color: '#1f57cc',
    background_color: '#ffffff',
  });
  const icons = manifest.icons as { src: string; sizes: string; purpose: string }[];
  for (const size of ['192x192', '512x512']) {
    expect(icons.some((i) => i.sizes === size && i.purpose === 'any')).toBe(true);
    expect(icons.some((i) => i.sizes === size && i.purpose === 'maskable')).toBe(true);
  }
  for (const icon of icons) {
    const response = await request.get(icon.src);
    expect(response.headers()['content-type']).toBe('image/png');
  }
  expect((manifest.shortcuts as { name: string; url: string }[]).map((s) => [s.name, s.url])).toEqual([
    ['Active', '/workspaces?tab=active'],
    ['Requests', '/workspaces?tab=requests'],
  ]);

  const { page, context } = await signedIn(browser, demo.chloe);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  await workerActive(page);
  // Chromium's own verdict, the one behind its install prompt and Lighthouse's PWA audit:
  // the manifest parses without errors and nothing stands in the way of installing but the
  // test's own browser context, which is always an incognito one.
  const cdp = await context.newCDPSession(page);
  const parsed = (await cdp.send('Page.getAppManifest')) as { errors: { message: string }[]; url: string };
  expect(parsed.url).toMatch(/\/manifest\.webmanifest$/);
  expect(parsed.errors).toEqual([]);
  await expect
    .poll(async () => ((await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] }).installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito'))
    .toEqual([]);
  // The Requests shortcut lands on that tab of Chloe's inbox.
  await page.goto('/workspaces?tab=requests');
  await expect(page).toHaveURL(/\/w\/[^/]+\/inbox\?tab=requests$/);
  await new InboxPage(page).rows.first().click();
  await expect(page).toHaveURL(/[?&]c=/);

  // What the worker keeps: build files, icons and the offline page, never a page, an API
  // answer or a server action's.
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  expect(cached).toContain('/offline.html');
  expect(cached.some((p) => p.startsWith('/_next/static/'))).toBe(true);
  expect(cached.filter((p) => !/^\/(_next\/static\/|icons\/|offline\.html$)/.test(p))).toEqual([]);
  await context.close();
});

test('a navigation while the server cannot be reached shows the offline page, and Try again comes back', async ({ browser, allowConsoleError }) => {
  allowConsoleError(/ERR_INTERNET_DISCONNECTED/, 'the test cuts the network on purpose');
  const { page, context } = await signedIn(browser, demo.chloe);
  await workerActive(page);
  const inboxUrl = page.url();

  // Leave the app first: an open inbox's own requests would fail too while offline, which
  // is not what this test is about. The navigation back is answered by the worker.
  await page.goto('about:blank');
  await context.setOffline(true);
  await page.goto(inboxUrl);
  await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible();
  expect(page.url()).toBe(inboxUrl);

  await context.setOffline(false);
  await page.getByRole('link', { name: 'Try again' }).click();
  await new InboxPage(page).expectLoaded();
  await context.close();
});

test('a push shows a notification for its conversation, and clicking it opens that conversation', async ({ browser }) => {
  const { page, context, inbox } = await signedIn(browser, demo.chloe, (c) => c.grantPermissions(['notifications'], { origin: e2eEnv.baseURL }));
  const cdp = await context.newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations));
  await cdp.send('ServiceWorker.enable');
  await workerActive(page);

  await inbox.tab('All').click();
  const href = await inbox.rows.first().getAttribute('href');
  const conversationId = new URL(href!, e2eEnv.baseURL).searchParams.get('c')!;
  const slug = new URL(page.url()).pathname.split('/')[2];
  const url = `/w/${slug}/inbox?c=${conversationId}`;

  const registration = registrations.find((r) => r.scopeURL === `${e2eEnv.baseURL}/`)!;
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: `${e2eEnv.baseURL}/`,
    registrationId: registration.registrationId,
    data: JSON.stringify({ title: 'Ben assigned Kerry to you', body: 'Is the blue one in stock?', url, tag: conversationId }),
  });
  const shown = async () =>
    page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown })));
  await expect.poll(shown).toEqual([{ title: 'Ben assigned Kerry to you', body: 'Is the blue one in stock?', tag: conversationId, data: { url } }]);

  // A second push about the same conversation replaces the first (same tag).
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: `${e2eEnv.baseURL}/`,
    registrationId: registration.registrationId,
    data: JSON.stringify({ title: 'New message from Kerry', body: 'Hello?', url, tag: conversationId }),
  });
  await expect.poll(async () => (await shown()).map((n) => n.title)).toEqual(['New message from Kerry']);

  // The agent taps it: the worker's own notificationclick handler runs on the shown notification.
  await page.goto(`/w/${slug}/inbox?tab=requests`);
  const [worker] = context.serviceWorkers();
  await worker!.evaluate(async (tag) => {
    // Service-worker types are not in the page's TypeScript lib: described here as used.
    type Scope = { registration: ServiceWorkerRegistration; dispatchEvent(event: Event): boolean };
    type NotificationEventClass = new (type: string, init: { notification: Notification }) => Event;
    const scope = self as unknown as Scope;
    const NotificationEventOf = (self as unknown as { NotificationEvent: NotificationEventClass }).NotificationEvent;
    const [notification] = await scope.registration.getNotifications({ tag });
    scope.dispatchEvent(new NotificationEventOf('notificationclick', { notification: notification! }));
  }, conversationId);
  await expect(page).toHaveURL(`${e2eEnv.baseURL}${url}`);
  await expect(page.getByRole('region', { name: 'Conversation' }).last()).toBeVisible();
  await expect.poll(shown).toEqual([]);
  await context.close();
});

/**
 * Headless Chromium has no push service, so this browser's PushManager is replaced by one
 * that "subscribes" at a made-up https endpoint with well-formed keys; everything after it
 * (the server action, the list, removal) is the app's own.
 */
function fakePushService() {
  const key = 'baton:fake-push-subscription';
  const make = (endpoint: string) => ({
    endpoint,
    expirationTime: null,
    toJSON: () => ({
      endpoint,
      expirationTime: null,
      keys: { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' },
    }),
    unsubscribe: async () => {
      localStorage.removeItem(key);
      return true;
    },
  });
  PushManager.prototype.subscribe = async function () {
    const endpoint = `https://push.example.test/send/${crypto.randomUUID()}`;
    localStorage.setItem(key, endpoint);
    return make(endpoint) as unknown as PushSubscription;
  };
  PushManager.prototype.getSubscription = async function () {
    const endpoint = localStorage.getItem(key);
    return (endpoint ? make(endpoint) : null) as unknown as PushSubscription;
  };
}

async function openNotificationSettings(page: Page) {
  const slug = new URL(page.url()).pathname.split('/')[2];
  await page.goto(`/w/${slug}/profile/notifications`);
  await expect(page.getByRole('heading', { name: 'This device' })).toBeVisible();
}

test('Settings → Notifications: turn push on for this device, see it listed, turn it off, and remove a device', async ({ browser }) => {
  const { page, context } = await signedIn(browser, demo.ben, async (c) => {
    await c.grantPermissions(['notifications'], { origin: e2eEnv.baseURL });
    await c.addInitScript(fakePushService);
  });
  await openNotificationSettings(page);
  const devices = page.getByRole('list', { name: 'Devices with push notifications' });
  await expect(page.getByText('No device gets push notifications yet.')).toBeVisible();
  // The kinds the seed's "App Closed" column (and the agent's own work) push are marked.
  const pushed = page.getByText('also pushed to your devices when Baton is closed');
  await expect(pushed).toHaveCount(6);
  await expect(page.getByRole('row', { name: /Assigned to me/ }).getByText(/also pushed/)).toBeVisible();
  await expect(page.getByRole('row', { name: /Assigned to my team/ }).getByText(/also pushed/)).toHaveCount(0);

  await page.getByRole('button', { name: 'Turn on push for this device' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Push notifications are on for this device.' })).toBeVisible();
  await expect(devices.getByRole('listitem')).toHaveText([/Chrome on Linux\s*\(this device\)/]);
  await page.reload();
  await expect(devices.getByRole('listitem')).toHaveCount(1);
  await expect(devices.getByRole('listitem').first()).toContainText('Chrome on Linux');
  await expect(devices.getByRole('listitem').first()).toContainText('(this device)');
  await expect(devices.getByRole('listitem').first()).toContainText('no push yet');

  await page.getByRole('button', { name: 'Turn off on this device' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Push notifications are off for this device.' })).toBeVisible();
  await expect(page.getByText('No device gets push notifications yet.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('No device gets push notifications yet.')).toBeVisible();

  // On again, then removed from the list (as from another device's list).
  await page.getByRole('button', { name: 'Turn on push for this device' }).click();
  await expect(page.getByRole('button', { name: 'Turn off on this device' })).toBeVisible();
  await page.reload();
  await devices.getByRole('button', { name: 'Remove Chrome on Linux' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Removed Chrome on Linux.' })).toBeVisible();
  await page.reload();
  await expect(page.getByText('No device gets push notifications yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Turn on push for this device' })).toBeVisible();
  await context.close();
});

test('turning push on where notifications are blocked says so, and nothing is listed', async ({ browser }) => {
  const { page, context } = await signedIn(browser, demo.chloe, async (c) => {
    await c.grantPermissions([], { origin: e2eEnv.baseURL });
  });
  await openNotificationSettings(page);
  await page.getByRole('button', { name: 'Turn on push for this device' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Notifications are blocked for Baton in this browser. Allow them in the site settings, then try again.' })).toBeVisible();
  await expect(page.getByText('No device gets push notifications yet.')).toBeVisible();
  await context.close();
});

test('Install Baton appears in the profile menu only when the browser offers it, and opens its prompt', async ({ browser }) => {
  const { page, context } = await signedIn(browser, demo.chloe, (c) =>
    c.addInitScript(() => {
      const w = window as unknown as { __badges: (number | null)[] };
      w.__badges = [];
      // Record the app-icon badge the bell sets (the real one needs an installed app).
      Object.assign(navigator, {
        setAppBadge: async (n?: number) => void w.__badges.push(n ?? null),
        clearAppBadge: async () => void w.__badges.push(0),
      });
    }),
  );
  const menu = page.getByRole('button', { name: 'Account menu' });
  await menu.click();
  await expect(page.getByRole('link', { name: 'Your profile' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Install Baton' })).toHaveCount(0);

  // What Chromium fires when the app is installable: an event whose prompt() shows its dialog.
  await page.evaluate(() => {
    const event = new Event('beforeinstallprompt', { cancelable: true }) as Event & { prompt?: () => Promise<void>; userChoice?: Promise<{ outcome: string }> };
    (window as unknown as { __prompted: number }).__prompted = 0;
    event.prompt = async () => void ((window as unknown as { __prompted: number }).__prompted += 1);
    event.userChoice = Promise.resolve({ outcome: 'accepted' });
    window.dispatchEvent(event);
    (window as unknown as { __prevented: boolean }).__prevented = event.defaultPrevented;
  });
  const install = page.getByRole('button', { name: 'Install Baton' });
  await expect(install).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __prevented: boolean }).__prevented)).toBe(true);
  await install.click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __prompted: number }).__prompted)).toBe(1);
  await expect(install).toHaveCount(0);

  // The icon's badge follows the bell's unread count.
  const unread = Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));
  await expect.poll(() => page.evaluate(() => (window as unknown as { __badges: number[] }).__badges.at(-1))).toBe(unread);
  await context.close();
});
