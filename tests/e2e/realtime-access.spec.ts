import { expect, test, type Browser, type Page, type Response } from '@playwright/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

// The inbox's realtime connection signs in as the agent (so the server can end it), and an
// agent deactivated while the inbox is open is cut off and refused without breaking the page.

const isUserAuth = (r: Response) => r.url().endsWith('/api/realtime/user-auth') && r.request().method() === 'POST';
const isChannelAuth = (r: Response) => r.url().endsWith('/api/realtime/auth') && r.request().method() === 'POST';

async function signedIn(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  const realtimeSignIn = page.waitForResponse(isUserAuth);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(who.email, who.password);
  await new InboxPage(page).expectLoaded();
  expect((await realtimeSignIn).status()).toBe(200);
  return { page, pageErrors, consoleErrors };
}

async function openFirstConversation(page: Page) {
  await page.goto('/w/demo-shop/inbox?tab=all');
  await page.getByTestId('conversation-row').first().click();
  await expect(page.getByRole('list', { name: 'Messages', exact: true })).toBeVisible();
}

test('the inbox signs in to realtime without a console error', async ({ browser }) => {
  const ben = await signedIn(browser, demo.ben);
  await openFirstConversation(ben.page);
  expect(ben.pageErrors).toEqual([]);
  expect(ben.consoleErrors).toEqual([]);
  await ben.page.context().close();
});

test('an agent deactivated with the inbox open is cut off, refused again, and the page keeps working', async ({ browser }) => {
  const chloe = await signedIn(browser, demo.chloe);
  await openFirstConversation(chloe.page);

  // The demo admin belongs to two workspaces: she lands on the chooser, not an inbox.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const adminSignIn = new SignInPage(admin);
  await adminSignIn.goto();
  await adminSignIn.signIn(demo.admin.email, demo.admin.password);
  await expect(admin.getByRole('heading', { name: 'Choose a workspace' })).toBeVisible();
  await admin.goto('/w/demo-shop/settings/members');
  const chloeRow = admin.getByRole('list', { name: 'Agents' }).getByRole('listitem', { name: demo.chloe.name });
  admin.on('dialog', (dialog) => dialog.accept());

  // Her browser connects again by itself (it signs in again) and is refused the channels:
  // 403 while her session lives, 401 once deactivation has also ended her sessions.
  const signsInAgain = chloe.page.waitForResponse(isUserAuth);
  const refused = chloe.page.waitForResponse((r) => isChannelAuth(r) && r.status() >= 400);
  await chloeRow.getByRole('button', { name: `Deactivate ${demo.chloe.name}` }).click();
  await expect(chloeRow.getByRole('button', { name: `Reactivate ${demo.chloe.name}` })).toBeVisible();
  await signsInAgain;
  expect([401, 403]).toContain((await refused).status());
  expect(chloe.pageErrors).toEqual([]);

  // Later specs use Chloe: give her access back.
  await chloeRow.getByRole('button', { name: `Reactivate ${demo.chloe.name}` }).click();
  await expect(chloeRow.getByRole('button', { name: `Deactivate ${demo.chloe.name}` })).toBeVisible();
  await chloe.page.context().close();
  await adminContext.close();
});
