import { expect, test } from './support/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

test('an agent signs in, picks the workspace and sees the seeded inbox', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);

  // Ana belongs to two shops, so she picks one.
  await expect(page.getByRole('heading', { name: 'Choose a workspace' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Second Shop/ })).toBeVisible();
  await page.getByRole('link', { name: /Demo Shop/ }).click();

  const inbox = new InboxPage(page);
  await inbox.expectLoaded();
  await expect(inbox.rows.first()).toBeVisible();
  expect(await inbox.rows.count()).toBeGreaterThan(10);
  // Rows from every channel, each with its channel named for screen readers.
  for (const label of ['Messenger', 'WhatsApp', 'LINE', 'Website chat']) {
    await expect(page.getByRole('list', { name: 'Conversations' }).getByRole('img', { name: label }).first()).toBeVisible();
  }

  // Opening a row shows its history.
  await inbox.rows.first().click();
  await expect(page.getByRole('list', { name: 'Messages' })).toBeVisible();
  expect(await page.getByRole('list', { name: 'Messages' }).getByRole('listitem').count()).toBeGreaterThan(1);

  // Tabs filter the list: Resolved shows resolved conversations only.
  await inbox.tab('Resolved').click();
  await expect(page).toHaveURL(/tab=resolved/);
  await expect(inbox.rows.first()).toContainText('Resolved');
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.ben.email, 'not-the-password');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
  await expect(page).toHaveURL(/\/signin/);
});

test('pages need a session', async ({ page }) => {
  await page.goto('/w/demo-shop/inbox');
  await expect(page).toHaveURL(/\/signin/);
});

test('an agent cannot open or listen to a workspace they are not a member of', async ({ browser, allowConsoleError }) => {
  allowConsoleError(/status of 404 \(Not Found\) \(at http:\/\/localhost:\d+\/w\/second-shop\/inbox/, 'Ben opens a shop he is not a member of on purpose: the page answers 404');
  // Ana (member of both shops) learns the second shop's id from its page.
  const anaContext = await browser.newContext();
  const ana = await anaContext.newPage();
  const anaSignIn = new SignInPage(ana);
  await anaSignIn.goto();
  await anaSignIn.signIn(demo.admin.email, demo.admin.password);
  await ana.getByRole('link', { name: /Second Shop/ }).click();
  const secondShopId = await new InboxPage(ana).workspaceId();
  await anaContext.close();

  const benContext = await browser.newContext();
  const ben = await benContext.newPage();
  const benSignIn = new SignInPage(ben);
  await benSignIn.goto();
  await benSignIn.signIn(demo.ben.email, demo.ben.password);
  await new InboxPage(ben).expectLoaded(); // one workspace: straight to its inbox
  const ownId = await new InboxPage(ben).workspaceId();

  const form = (channel: string) => ({ form: { socket_id: '123.456', channel_name: channel } });
  const refused = await ben.request.post('/api/realtime/auth', form(`private-workspace-${secondShopId}`));
  expect(refused.status()).toBe(403);
  const allowed = await ben.request.post('/api/realtime/auth', form(`private-workspace-${ownId}`));
  expect(allowed.status()).toBe(200);
  expect((await allowed.json()).auth).toMatch(/^[^:]+:[0-9a-f]{64}$/);

  const response = await ben.goto('/w/second-shop/inbox');
  expect(response?.status()).toBe(404);
  await benContext.close();
});

test('agents see each other come online live', async ({ browser }) => {
  const anaContext = await browser.newContext();
  const ana = await anaContext.newPage();
  const anaSignIn = new SignInPage(ana);
  await anaSignIn.goto();
  await anaSignIn.signIn(demo.admin.email, demo.admin.password);
  await ana.getByRole('link', { name: /Demo Shop/ }).click();
  await new InboxPage(ana).expectLoaded();
  const online = ana.getByTestId('online-agents');
  await expect(online.getByTitle('Ana Admin is online')).toBeVisible();
  await expect(online.getByTitle('Chloe Tan is online')).toHaveCount(0);

  const chloeContext = await browser.newContext();
  const chloe = await chloeContext.newPage();
  const chloeSignIn = new SignInPage(chloe);
  await chloeSignIn.goto();
  await chloeSignIn.signIn(demo.chloe.email, demo.chloe.password);
  await new InboxPage(chloe).expectLoaded();

  await expect(online.getByTitle('Chloe Tan is online')).toBeVisible();
  await chloeContext.close();
  await expect(online.getByTitle('Chloe Tan is online')).toHaveCount(0);
  await anaContext.close();
});
