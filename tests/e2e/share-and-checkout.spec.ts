import { createHmac } from 'node:crypto';
import { expect, test } from './support/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { demoWidget, ShopWithWidget } from './pages/widget-page';

// Chromium blocks a public page from loading scripts from localhost without this.
const localNetwork = { permissions: ['local-network-access'] };
const identifyHash = (identifier: string) => createHmac('sha256', demoWidget.hmacToken).update(identifier).digest('hex');

test('an agent shares a product, the customer taps Buy in the widget, checks out, and the order appears live in the customer panel', async ({ browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const customer = { identifier: `buyer-${stamp}`, name: `Nadia ${stamp}`, email: `nadia.${stamp}@example.com` };

  // The customer asks for a person in the widget.
  const shopContext = await browser.newContext(localNetwork);
  const shopPage = await shopContext.newPage();
  const shop = new ShopWithWidget(shopPage);
  await shop.goto({ afterLoader: `<script>Baton('identify', ${JSON.stringify({ ...customer, hash: identifyHash(customer.identifier) })});</script>` });
  await shop.open();
  await shop.send('Do you have sun hats?');
  await expect(shop.suggestions.getByRole('button', { name: 'Talk to an agent' })).toBeVisible();
  await shop.suggestions.getByRole('button', { name: 'Talk to an agent' }).click();
  await expect(shop.suggestions).toHaveCount(0);

  // Ben opens the request and shares the straw hat.
  const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const agent = await agentContext.newPage();
  const signIn = new SignInPage(agent);
  await signIn.goto();
  await signIn.signIn(demo.ben.email, demo.ben.password);
  const inbox = new InboxPage(agent);
  await inbox.expectLoaded();
  await agent.getByRole('searchbox', { name: 'Search customers' }).fill(customer.name);
  // The search applies after a short pause (it goes into the URL): open the row after that.
  await expect(agent).toHaveURL(/[?&]q=/);
  await inbox.rows.filter({ hasText: customer.name }).first().click();
  await expect(agent).toHaveURL(/[?&]c=[0-9a-f-]{36}/);
  const dialog = agent.getByRole('dialog', { name: 'Share a product' });
  // The header is server-rendered: retry the click until the page is interactive.
  await expect(async () => {
    await agent.getByRole('button', { name: 'Share product' }).click();
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await dialog.getByLabel('Search by name, SKU or #hashtag').fill('straw');
  await dialog.getByRole('radio', { name: /^Straw sun hat/ }).check();
  await dialog.getByRole('button', { name: 'Share to chat' }).click();
  await expect(dialog).toBeHidden();

  // The card reaches the widget live; the customer taps Buy and goes through checkout.
  const card = shop.chat.getByTestId('product-card').filter({ hasText: 'Straw sun hat' }).last();
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Buy' }).click();
  await expect(shop.messages.filter({ hasText: /How many/i }).last()).toBeVisible();
  await shop.send('1');
  await shop.suggestions.getByRole('button', { name: 'Delivery' }).click();
  await expect(shop.messages.filter({ hasText: /address/i }).last()).toBeVisible();
  await shop.send('12 Silom Rd, Bangkok 10500');
  await shop.suggestions.getByRole('button', { name: 'Confirm' }).click();
  await expect(shop.messages.filter({ hasText: /#\d{4,}/ }).last()).toBeVisible();

  // The agent sees the order in the customer panel without reloading.
  const panel = agent.getByRole('complementary', { name: 'Customer info' });
  const orderNumber = /#(\d{4,})/.exec((await shop.messages.filter({ hasText: /Your order #\d{4,}/ }).last().textContent()) ?? '')?.[1];
  expect(orderNumber).toBeTruthy();
  await expect(panel).toContainText(`#${orderNumber}`);

  await agentContext.close();
  await shopContext.close();
});
