import { createHmac } from 'node:crypto';
import { expect, test } from './support/test';
import type { Page } from '@playwright/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { demoWidget, ShopWithWidget } from './pages/widget-page';
import { e2eEnv } from './support/env';

// The shop's page is "public" to Chromium (served by Playwright) and the app runs on
// localhost, so Chromium's Local Network Access check would block the loader; a real shop
// and a deployed Baton are both public. Grant it, as a visitor's browser never has to.
const localNetwork = { permissions: ['local-network-access'] };
test.use(localNetwork);

const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAE/wH/2XC6WQAAAABJRU5ErkJggg==',
  'base64',
);

const identifyHash = (identifier: string) => createHmac('sha256', demoWidget.hmacToken).update(identifier).digest('hex');

async function signInAgent(page: Page) {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.ben.email, demo.ben.password);
  const inbox = new InboxPage(page);
  await inbox.expectLoaded();
  return inbox;
}

test('a visitor chats from a shop’s site: the bot answers, the agent sees it live and replies live', async ({ browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const customer = { identifier: `shopper-${stamp}`, name: `Priya ${stamp}`, email: `priya.${stamp}@example.com` };

  // The agent is already looking at the inbox.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  const inbox = await signInAgent(agent);

  // A signed-in customer of the shop opens its site; the shop identifies them.
  const shopContext = await browser.newContext(localNetwork);
  const shopPage = await shopContext.newPage();
  const shop = new ShopWithWidget(shopPage);
  await shop.goto({
    afterLoader: `<script>Baton('identify', ${JSON.stringify({ ...customer, hash: identifyHash(customer.identifier) })});</script>`,
  });
  await expect(shop.launcher).toHaveAttribute('aria-label', 'Open chat');
  await expect(shop.frameElement).toBeHidden();

  await shop.open();
  await expect(shop.launcher).toHaveAttribute('aria-expanded', 'true');
  await expect(shop.chat.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(shop.chat.getByTestId('widget-greeting')).toContainText('Questions about sizes');
  await expect(shop.chat.getByText(`Signed in as ${customer.name}`)).toBeVisible();

  const question = `Do you have the linen dress in M? (${stamp})`;
  await shop.send(question);
  await expect(shop.visitorMessage(question)).toBeVisible();
  await expect(shop.visitorMessage(question).getByTestId('message-status')).toContainText('Sent');
  await expect(shop.composer).toHaveValue('');

  // The shop's bot answers first, live, with quick replies; a tap answers with its payload.
  await expect(shop.messages.filter({ hasText: `Hi Priya! 👋 Welcome to Demo Shop` })).toHaveAttribute('data-from', 'bot');
  await expect(shop.suggestions.getByRole('button')).toHaveText(['Track my order', 'Browse products', 'Talk to an agent']);
  await shop.suggestions.getByRole('button', { name: 'Browse products' }).click();
  await expect(shop.visitorMessage('Browse products')).toBeVisible();
  const card = shop.chat.getByTestId('product-card').first();
  await expect(card).toBeVisible();
  await expect(card.getByRole('button', { name: 'Buy' })).toBeVisible();
  // The picture is the shop's own stored file, loaded from Baton (never a third-party site).
  await expect(card.locator('img')).toHaveAttribute('src', /^\/api\/files\/[0-9a-f-]{36}\?exp=\d+&sig=/);
  // After the cards the bot asks in a bubble with buttons (no suggestions below the chat).
  const anythingElse = shop.messages.filter({ hasText: 'Anything else?' });
  await expect(anythingElse).toHaveAttribute('data-from', 'bot');
  await expect(anythingElse.getByRole('button')).toHaveText(['Back to menu', 'Talk to an agent']);
  await expect(shop.suggestions).toHaveCount(0);
  // Asking for a person hands the chat to the team (the Requests queue).
  await anythingElse.getByRole('button', { name: 'Talk to an agent' }).click();
  await expect(shop.visitorMessage('Talk to an agent').getByTestId('message-status')).toContainText('Sent');
  await expect(shop.suggestions).toHaveCount(0);

  // Live in the agent's inbox, under the verified customer's name.
  const row = inbox.rows.filter({ hasText: customer.name });
  await expect(row).toBeVisible();
  await row.click();
  await expect(agent.getByRole('list', { name: 'Messages' })).toContainText(question);
  await expect(agent.getByRole('list', { name: 'Messages' })).toContainText('Browse products');
  await expect(agent.getByRole('complementary', { name: 'Customer info' })).toContainText(customer.email);

  // Typing shows on both sides. The widget repeats "typing" every few seconds while the
  // visitor types, so keep typing until Ben's freshly opened conversation is listening.
  await expect(async () => {
    await shop.composer.pressSequentially('a');
    await expect(agent.getByText('Customer is typing…')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await shop.composer.fill('');

  // Escape closes the chat and gives focus back to the launcher.
  await shop.composer.press('Escape');
  await expect(shop.launcher).toHaveAttribute('aria-expanded', 'false');
  await expect(shop.launcher).toBeFocused();

  // Ben replies from the inbox composer; it reaches the widget live while it is closed,
  // so the launcher counts it as unread.
  const reply = `Yes, size M is in stock (${stamp}). Shall I reserve one?`;
  await agent.getByLabel('Reply to the customer').fill(reply);
  await expect(shop.chat.getByTestId('agent-typing')).toContainText('Ben Carter is typing');
  await agent.getByLabel('Reply to the customer').press('Enter');
  await expect(agent.getByRole('list', { name: 'Messages' }).getByText(reply)).toBeVisible();
  await expect(shop.launcher).toHaveAttribute('aria-label', 'Open chat (1 unread message)');
  await shop.open();
  await expect(shop.messages.filter({ hasText: reply })).toHaveAttribute('data-from', 'agent');
  await expect(shop.messages.filter({ hasText: reply })).toContainText('Ben Carter');
  await expect(shop.chat.getByTestId('agent-typing')).toHaveCount(0);
  await expect(shop.launcher).toHaveAttribute('aria-label', 'Close chat');

  // The visitor's token lives in the iframe's storage: the history survives a reload.
  await shopPage.reload();
  await shop.open();
  await expect(shop.visitorMessage(question)).toBeVisible();
  await expect(shop.messages.filter({ hasText: reply })).toBeVisible();

  // The shop signs the customer out: the chat starts over as a new, anonymous visitor.
  await shopPage.evaluate(() => (window as unknown as { Baton: (command: string) => void }).Baton('reset'));
  await expect(shop.visitorMessage(question)).toHaveCount(0);
  await expect(shop.chat.getByText(`Signed in as ${customer.name}`)).toHaveCount(0);
  // Signed out, the shop's pages no longer identify: the next page is still a fresh visitor.
  await shop.goto();
  await shop.open();
  await expect(shop.chat.getByTestId('widget-greeting')).toBeVisible();
  await expect(shop.messages).toHaveCount(0);

  await shopContext.close();
  await agentContext.close();
});

test('on a 360 px phone the chat fills the screen and still sends', async ({ browser }) => {
  const context = await browser.newContext({ ...localNetwork, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const shop = new ShopWithWidget(page);
  await shop.goto();
  await shop.open();
  // Full screen once the opening animation settles.
  await expect
    .poll(async () => {
      const box = await shop.frameElement.boundingBox();
      return box && [box.x, box.y, box.width, box.height].map(Math.round);
    })
    .toEqual([0, 0, 360, 740]);
  // The launcher steps aside; the chat's own close button takes over.
  await expect(shop.launcher).toBeHidden();

  const text = `Hello from a phone ${Date.now().toString(36)}`;
  await shop.send(text);
  await expect(shop.message(text).getByTestId('message-status')).toContainText('Sent');
  const bubble = await shop.message(text).boundingBox();
  expect(bubble!.x + bubble!.width).toBeLessThanOrEqual(360);

  // A photo from the phone: uploaded, shown inline, and Sent.
  await shop.chat.getByTestId('widget-file-input').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
  const photo = shop.messages.filter({ has: shop.chat.getByRole('img', { name: 'receipt.png' }) });
  await expect(photo.getByTestId('message-status')).toContainText('Sent');
  await expect(photo.getByRole('img', { name: 'receipt.png' })).toHaveJSProperty('naturalWidth', 1);

  await shop.chat.getByRole('button', { name: 'Close chat' }).click();
  await expect(shop.launcher).toBeVisible();
  await context.close();
});

test('the chat refuses to appear on a site that is not allowed', async ({ page, allowConsoleError }) => {
  allowConsoleError(/api\/widget\/[^/]+\/config/, 'the config request from a site that is not allowed is refused on purpose (no CORS header)');
  const messages: string[] = [];
  page.on('console', (m) => messages.push(m.text()));
  const shop = new ShopWithWidget(page, 'https://not-the-shop.example.org');
  await page.route('https://not-the-shop.example.org/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><body><script src="${e2eEnv.baseURL}/widget.js" data-baton-token="${demoWidget.token}" async></script></body>`,
    }),
  );
  await page.goto('https://not-the-shop.example.org/');
  await expect.poll(() => messages.join('\n')).toContain('[Baton] the chat is not available here');
  await expect(shop.launcher).toHaveCount(0);

  // Framing the chat page directly is refused by the browser (frame-ancestors).
  const response = await page.request.get(`${e2eEnv.baseURL}/widget/${demoWidget.token}`);
  expect(response.headers()['content-security-policy']).toContain(`frame-ancestors 'self' ${demoWidget.shopOrigin}`);
  expect(response.headers()['x-frame-options']).toBeUndefined();
  // Every other page still refuses to be framed at all.
  expect((await page.request.get(`${e2eEnv.baseURL}/signin`)).headers()['x-frame-options']).toBe('DENY');
});

test('an admin changes the widget’s look and copies the embed code', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: /Demo Shop/ }).click();
  await page.goto('/w/demo-shop/settings/channels');
  await page.getByRole('link', { name: 'Website chat' }).click();
  await page.getByRole('link', { name: /Appearance, allowed sites/ }).click();

  await expect(page.getByRole('heading', { name: 'Website chat' })).toBeVisible();
  await expect(page.getByLabel('Embed code')).toContainText(`data-baton-token="${demoWidget.token}"`);
  await expect(page.getByLabel('Allowed sites')).toHaveValue(demoWidget.shopOrigin);

  const title = page.getByLabel(/^Title\b/);
  const original = await title.inputValue();
  await title.fill('Ask Demo Shop');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const config = await page.request.get(`/api/widget/${demoWidget.token}/config`);
  expect((await config.json()).config.title).toBe('Ask Demo Shop');

  // A site address that is not one is refused, next to the field.
  await page.getByLabel('Allowed sites').fill('demo-shop.example.com/shop');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByLabel('Allowed sites')).toHaveAccessibleDescription(/is not a site address/);

  await page.getByLabel('Allowed sites').fill(demoWidget.shopOrigin);
  await title.fill(original);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
});
