import { createHmac } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { demoWidget, ShopWithWidget } from './pages/widget-page';

// Deleting a customer takes their conversations out of every open inbox list at once: the
// admin who deleted them and another agent watching the same list, neither reloading.

const localNetwork = { permissions: ['local-network-access'] };
const identifyHash = (identifier: string) => createHmac('sha256', demoWidget.hmacToken).update(identifier).digest('hex');

async function agentOnAllTab(browser: Browser, who: { email: string; password: string }, picksWorkspace: boolean): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(who.email, who.password);
  if (picksWorkspace) await expect(page.getByRole('heading', { name: 'Choose a workspace' })).toBeVisible();
  else await new InboxPage(page).expectLoaded();
  await page.goto('/w/demo-shop/inbox?tab=all');
  await expect(page.getByTestId('conversation-row').first()).toBeVisible();
  // Marks this document: if the page reloaded, the mark is gone.
  await page.evaluate(() => ((window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));
  return page;
}

const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage === true);

test('a deleted customer leaves the deleting admin’s list and another agent’s list live', async ({ browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const customer = { identifier: `leaver-${stamp}`, name: `Leah Gone ${stamp}`, email: `leah.${stamp}@example.com` };

  // A new customer writes in the website chat.
  const shopContext = await browser.newContext(localNetwork);
  const shop = new ShopWithWidget(await shopContext.newPage());
  await shop.goto({ afterLoader: `<script>Baton('identify', ${JSON.stringify({ ...customer, hash: identifyHash(customer.identifier) })});</script>` });
  await shop.open();
  await shop.send('Please remove my data');
  await expect(shop.visitorMessage('Please remove my data')).toBeVisible();

  const admin = await agentOnAllTab(browser, demo.admin, true);
  const ben = await agentOnAllTab(browser, demo.ben, false);
  const adminRow = admin.getByTestId('conversation-row').filter({ hasText: customer.name });
  const benRow = ben.getByTestId('conversation-row').filter({ hasText: customer.name });
  await expect(adminRow).toHaveCount(1);
  await expect(benRow).toHaveCount(1);

  // The admin opens the conversation and deletes the customer.
  await adminRow.click();
  await expect(admin).toHaveURL(/[?&]c=[0-9a-f-]{36}/);
  const panel = admin.getByRole('complementary', { name: 'Customer info' });
  await expect(panel.getByRole('heading', { name: customer.name })).toBeVisible();
  const dialog = admin.getByRole('dialog', { name: `Delete ${customer.name}?` });
  await expect(async () => {
    await panel.getByRole('button', { name: 'Delete customer' }).click();
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await dialog.getByLabel(/to confirm/).fill(customer.name);
  await dialog.getByRole('button', { name: 'Delete customer' }).click();
  await expect(dialog).toBeHidden();

  // Both lists lose the row, in the same page.
  await expect(adminRow).toHaveCount(0);
  await expect(benRow).toHaveCount(0);
  expect(await sameDocument(admin), 'the admin’s page did not reload').toBe(true);
  expect(await sameDocument(ben), 'Ben’s page did not reload').toBe(true);
  // Other customers are still listed.
  await expect(ben.getByTestId('conversation-row').first()).toBeVisible();

  await admin.context().close();
  await ben.context().close();
  await shopContext.close();
});
