import { createHmac } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { ConversationPage } from './pages/conversation-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { demoWidget, ShopWithWidget } from './pages/widget-page';

// Visit recordings: an admin turns them on for the website chat with the shop's privacy
// text; a visitor on the shop's page sees the notice, chats, types into a field of the page
// that also shows an element marked data-baton-private, and leaves (the last batch goes out
// with keepalive); the agent finds the visit in the customer panel and replays it: the page
// is there, the typed text is masked and the private element's content is not.

const localNetwork = { permissions: ['local-network-access'] };
test.use(localNetwork);

async function signedInAdmin(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: 'Demo Shop admin' }).click();
  return page;
}

async function recordingSettings(page: Page) {
  await page.goto('/w/demo-shop/settings/channels');
  await page.getByRole('link', { name: 'Website chat' }).click();
  await page.getByRole('link', { name: /Appearance, allowed sites/ }).click();
  return page.getByRole('form', { name: 'Website chat settings' });
}

/** Other specs' visitors are not recorded: the option goes off again whatever happened. */
test.afterEach(async ({ browser }) => {
  const page = await signedInAdmin(browser);
  const form = await recordingSettings(page);
  await form.getByLabel('Record visitors’ visits to the shop’s pages').uncheck();
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await page.context().close();
});

test('an admin turns visit recordings on; the agent replays a visitor’s visit with their typing masked and the private part blocked', async ({ browser, allowConsoleError }) => {
  test.setTimeout(180_000);
  allowConsoleError(
    /Blocked script execution in '[^']*' because the document's frame is sandboxed and the 'allow-scripts' permission is not set/,
    'Playwright’s trace snapshotter tries to run its script inside the replay’s iframe, which is sandboxed without scripts on purpose',
  );
  const stamp = Date.now().toString(36);
  const admin = await signedInAdmin(browser);

  // Settings: off by default; on, with the shop's own text and a retention.
  const form = await recordingSettings(admin);
  const option = form.getByLabel('Record visitors’ visits to the shop’s pages');
  await expect(option).not.toBeChecked();
  await option.check();
  await form.getByLabel('Your privacy text').fill(`See our privacy page (${stamp}).`);
  await form.getByLabel('Keep recordings for (days)').fill('14');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await admin.reload();
  await expect(form.getByLabel('Record visitors’ visits to the shop’s pages')).toBeChecked();
  await expect(form.getByLabel('Keep recordings for (days)')).toHaveValue('14');

  // A signed-in customer on a shop page with a field and a private element.
  const shopContext = await browser.newContext({ ...localNetwork, viewport: { width: 1024, height: 700 } });
  const shopPage = await shopContext.newPage();
  const shop = new ShopWithWidget(shopPage);
  const visitor = { identifier: `recorded-${stamp}`, name: `Rita Recorded ${stamp}` };
  const hash = createHmac('sha256', demoWidget.hmacToken).update(visitor.identifier).digest('hex');
  const secret = `Happy birthday Sam ${stamp}`;
  const cartSecret = `Leave it with the neighbour ${stamp}`;
  const pageBody = (heading: string) => `<h2>${heading}</h2>
<label>Gift message <input id="gift-message" name="gift"></label>
<div data-baton-private><p>Card ending 4242 for ${stamp}</p></div>`;
  const identify = `<script>Baton('identify', ${JSON.stringify({ ...visitor, hash })});</script>`;
  // The first batch (the page as it was) goes as soon as the visitor has a token: for a
  // visitor the shop identifies, that is when the chat starts, so it is awaited from the start.
  const uploaded = shopPage.waitForResponse((r) => r.url().includes('/recordings') && r.request().method() === 'POST' && r.status() === 201);
  await shop.goto({ afterLoader: `${pageBody(`Gift wrapping ${stamp}`)}${identify}` });
  await shop.open();
  await expect(shop.chat.getByTestId('recording-notice')).toHaveText(`This chat may record your visit to help us help you. See our privacy page (${stamp}).`);
  await shop.send(`Can you wrap it? (${stamp})`);
  await expect(shop.visitorMessage('Can you wrap it?')).toBeVisible();
  await uploaded;
  await shop.launcher.click(); // close the chat, back to the page
  await shopPage.getByLabel('Gift message').fill(secret);

  // Going on to the next page sends what is left of this one when it hides (plain JSON,
  // fetch keepalive); the next page is more of the same visit.
  const nextPage = shopPage.waitForResponse((r) => r.url().includes('/recordings') && r.request().method() === 'POST' && r.status() === 201);
  await shop.load({ path: '/cart', afterLoader: `${pageBody(`Your cart ${stamp}`)}${identify}` });
  await nextPage;
  await shopPage.getByLabel('Gift message').fill(cartSecret);
  const filledAt = Date.now();
  // The next batch, within seconds, carries the typing.
  await shopPage.waitForResponse((r) => r.url().includes('/recordings') && r.request().method() === 'POST' && r.status() === 201 && r.request().timing().startTime >= filledAt);
  await shopContext.close();

  // The agent opens the conversation: the visit is in the customer panel.
  const conversation = new ConversationPage(admin);
  await conversation.open(visitor.name);
  const panel = admin.getByRole('complementary', { name: 'Customer info' });
  const recordings = panel.getByRole('list', { name: 'Visit recordings' });
  await expect(async () => {
    await admin.reload();
    await expect(recordings.getByRole('listitem').first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(async () => {
    await admin.reload();
    await expect(recordings.getByRole('list', { name: 'Pages visited' }).getByRole('listitem')).toHaveText(['demo-shop.example.com', 'demo-shop.example.com/cart'], { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  await recordings.getByRole('button', { name: 'Play' }).first().click();
  const player = admin.getByRole('dialog', { name: 'Visit recording' });
  await expect(player).toBeVisible();
  const replay = player.frameLocator('[data-testid="recording-stage"] iframe');
  await expect(replay.getByRole('heading', { name: `Gift wrapping ${stamp}` })).toBeVisible();
  await expect(player.getByRole('list', { name: 'Chat messages on the timeline' })).toContainText(`Can you wrap it? (${stamp})`);

  // Played to the end, fast: the field holds the masked typing, never the words.
  await player.getByLabel('Speed').selectOption('8');
  await player.getByLabel('Skip inactivity').uncheck();
  await player.getByLabel('Skip inactivity').check();
  await player.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(player.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(player.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(replay.getByRole('heading', { name: `Your cart ${stamp}` })).toBeVisible();
  const field = replay.locator('#gift-message');
  await expect(field).toHaveValue('*'.repeat(cartSecret.length));
  await expect(replay.locator('body')).not.toContainText(cartSecret);
  await expect(replay.locator('body')).not.toContainText(secret);
  await expect(replay.locator('body')).not.toContainText('Card ending 4242');
  // The replay cannot run anything: the iframe is sandboxed without scripts.
  await expect(player.locator('[data-testid="recording-stage"] iframe')).toHaveAttribute('sandbox', 'allow-same-origin');

  // A chat message on the timeline seeks back to it; Close shuts the player.
  const end = await player.getByTestId('recording-clock').textContent();
  await player.getByRole('list', { name: 'Chat messages on the timeline' }).getByRole('button').first().click();
  await expect(player.getByTestId('recording-clock')).not.toHaveText(end ?? '');
  await player.getByRole('button', { name: 'Close the player' }).click();
  await expect(player).toBeHidden();

  await admin.context().close();
});
