import { expect, test } from './support/test';
import type { Browser, Page } from '@playwright/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { e2eEnv } from './support/env';

type Recorded = { title: string; body?: string };

/**
 * Runs in Chloe's page before any of the app's scripts: wraps window.Notification so every
 * browser notification the app shows is recorded (and still created for real), and makes
 * the tab count as "in the background", as when the agent works in another window.
 */
function recordBrowserNotifications() {
  const shown: { title: string; body?: string }[] = [];
  (window as unknown as { __batonNotifications: typeof shown }).__batonNotifications = shown;
  const Real = window.Notification;
  class Recording extends Real {
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, body: options?.body }); // recorded even if the platform refuses to display it
      super(title, options);
    }
  }
  Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
  Object.defineProperty(Recording, 'requestPermission', { value: Real.requestPermission.bind(Real) });
  Object.defineProperty(window, 'Notification', { configurable: true, writable: true, value: Recording });
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
  document.hasFocus = () => false;
}

async function signedIn(browser: Browser, who: { email: string; password: string }, options: { notifications?: boolean } = {}) {
  const context = await browser.newContext();
  if (options.notifications) {
    await context.grantPermissions(['notifications'], { origin: e2eEnv.baseURL });
    await context.addInitScript(recordBrowserNotifications);
  }
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(who.email, who.password);
  // Ana belongs to two shops and picks the demo one; the others go straight to their inbox.
  const picker = page.getByRole('heading', { name: 'Choose a workspace' });
  const inbox = new InboxPage(page);
  await expect(picker.or(page.getByRole('navigation', { name: 'Inbox tabs' }))).toBeVisible();
  if (await picker.isVisible()) await page.getByRole('link', { name: /Demo Shop/ }).click();
  await inbox.expectLoaded();
  return { context, page, inbox };
}

const bellOf = (page: Page) => page.getByTestId('notification-bell');
const recorded = (page: Page) => page.evaluate(() => (window as unknown as { __batonNotifications?: Recorded[] }).__batonNotifications ?? []);

test('a conversation assigned to Chloe rings her bell live and shows a browser notification', async ({ browser }) => {
  const chloe = await signedIn(browser, demo.chloe, { notifications: true });
  expect(await chloe.page.evaluate(() => Notification.permission)).toBe('granted');
  // Subscribed to private-user-{id} before anything happens.
  await expect(bellOf(chloe.page)).toHaveAttribute('data-live', 'true');
  const before = Number(await bellOf(chloe.page).getAttribute('data-unread'));

  // Ana (admin) opens a waiting request and assigns it to Chloe from the conversation header.
  const ana = await signedIn(browser, demo.admin);
  await ana.inbox.tab('Requests').click();
  await expect(ana.page).toHaveURL(/tab=requests/);
  await ana.inbox.rows.first().click();
  await expect(ana.page).toHaveURL(/[?&]c=[0-9a-f-]{36}/);
  const conversationId = new URL(ana.page.url()).searchParams.get('c')!;
  const assign = ana.page.getByRole('region', { name: 'Conversation', exact: true }).getByLabel('Assign to');
  // The option reads "Chloe Tan", with " · away" while she is away.
  const chloeOption = await assign.locator('option', { hasText: demo.chloe.name }).getAttribute('value');
  expect(chloeOption).toMatch(/^agent:/);
  await assign.selectOption(chloeOption!);

  // Chloe's bell counts it without a reload.
  await expect(bellOf(chloe.page)).toHaveAttribute('data-unread', String(before + 1));
  await expect(chloe.page.getByRole('button', { name: `Notifications, ${before + 1} unread` })).toBeVisible();
  await expect(chloe.page.getByTestId('notification-count')).toHaveText(String(before + 1));

  // The tab is in the background: a browser notification was shown.
  await expect.poll(async () => (await recorded(chloe.page)).map((n) => n.title)).toContainEqual(expect.stringMatching(/^Ana Admin assigned .+ to you$/));

  // The list links to the conversation; mark all read empties the count.
  await chloe.page.getByRole('button', { name: /^Notifications/ }).click();
  const panel = chloe.page.getByRole('region', { name: 'Notifications' });
  const newest = panel.getByTestId('notification-item').first();
  await expect(newest).toContainText(/Ana Admin assigned .+ to you/);
  await expect(newest).toHaveAttribute('data-read', 'false');
  await expect(newest.getByRole('link')).toHaveAttribute('href', new RegExp(`[?&]c=${conversationId}$`));
  await panel.getByRole('button', { name: 'Mark all read' }).click();
  await expect(bellOf(chloe.page)).toHaveAttribute('data-unread', '0');
  await expect(chloe.page.getByTestId('notification-count')).toHaveCount(0);
  await expect(newest).toHaveAttribute('data-read', 'true');

  await ana.context.close();
  await chloe.context.close();
});
