import { createHmac } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { ConversationPage } from './pages/conversation-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { demoWidget, ShopWithWidget } from './pages/widget-page';

// Co-browsing: an admin offers it on the website chat; an agent asks from the composer, the
// customer accepts in the chat, and the agent sees the shop's page live (a cart change within
// a second, the typed card number never), points and highlights on the customer's page, and
// the customer's Stop ends it for both. Also: a request cancelled, one declined, the agent's
// Stop, closing and reopening the view, and a new page of the shop resuming the session.

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

async function setWidgetOptions(page: Page, options: { cobrowse: boolean; recording?: boolean }) {
  await page.goto('/w/demo-shop/settings/channels');
  await page.getByRole('link', { name: 'Website chat' }).click();
  await page.getByRole('link', { name: /Appearance, allowed sites/ }).click();
  const form = page.getByRole('form', { name: 'Website chat settings' });
  const option = form.getByLabel('Let agents ask to see the visitor’s page (co-browsing)');
  await option.setChecked(options.cobrowse);
  if (options.recording !== undefined) await form.getByLabel('Record visitors’ visits to the shop’s pages').setChecked(options.recording);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  return option;
}

const setCobrowse = (page: Page, on: boolean) => setWidgetOptions(page, { cobrowse: on });

/** Other specs' chats neither offer co-browsing nor record: both go off again whatever happened. */
test.afterEach(async ({ browser }) => {
  const page = await signedInAdmin(browser);
  await setWidgetOptions(page, { cobrowse: false, recording: false });
  await page.context().close();
});

const shopPage = (stamp: string, heading: string) => `<h2>${heading}</h2>
<p id="cart">Cart: <span id="cart-count">0</span> items</p>
<button type="button" id="add" onclick="document.getElementById('cart-count').textContent = String(Number(document.getElementById('cart-count').textContent) + 1)">Add to cart</button>
<label>Card number <input id="card" name="card" autocomplete="off"></label>
<div data-baton-private><p>Saved card ending 4242 for ${stamp}</p></div>`;

async function customerInChat(browser: Browser, stamp: string, name: string) {
  const context = await browser.newContext({ ...localNetwork, viewport: { width: 1024, height: 700 } });
  const page = await context.newPage();
  const shop = new ShopWithWidget(page);
  const visitor = { identifier: `cobrowse-${name}-${stamp}`, name: `${name} ${stamp}` };
  const hash = createHmac('sha256', demoWidget.hmacToken).update(visitor.identifier).digest('hex');
  const identify = `<script>Baton('identify', ${JSON.stringify({ ...visitor, hash })});</script>`;
  const load = (path: string, heading: string) => shop.load({ path, afterLoader: `${shopPage(stamp, heading)}${identify}` });
  await load('/', `Linen dresses ${stamp}`);
  await shop.open();
  await shop.send(`Can you help me check out? (${stamp})`);
  await expect(shop.visitorMessage('Can you help me check out?')).toBeVisible();
  return { page, shop, visitor, load };
}

test('the agent asks, the customer shares their page live (masked, pointed at, highlighted) and stops it', async ({ browser, allowConsoleError }) => {
  test.setTimeout(240_000);
  allowConsoleError(
    /Blocked script execution in '[^']*' because the document's frame is sandboxed and the 'allow-scripts' permission is not set/,
    'Playwright’s trace snapshotter tries to run its script inside the mirror’s iframe, which is sandboxed without scripts on purpose',
  );
  const stamp = Date.now().toString(36);
  const admin = await signedInAdmin(browser);
  const option = await setCobrowse(admin, true);
  await admin.reload();
  await expect(option).toBeChecked();

  const customer = await customerInChat(browser, stamp, 'Cora Cobrowse');
  const conversation = new ConversationPage(admin);
  await conversation.open(customer.visitor.name);

  // Asked: the agent waits, the conversation says so, the customer sees the consent card.
  await admin.getByRole('button', { name: 'Ask for co-browsing' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Waiting for the customer to share their page…' })).toBeVisible();
  await expect(conversation.messages).toContainText('asked to see the customer’s page (co-browsing)');
  const card = customer.shop.chat.getByRole('region', { name: 'Share this page?' });
  await expect(card).toContainText('would like to see the page you are on');
  await card.getByRole('button', { name: 'Share this page' }).click();

  // Accepted: the mirror opens with the page; the bar tells the customer.
  const bar = customer.page.locator('[data-baton-cobrowse-bar]');
  await expect(bar).toContainText('is viewing this page');
  const mirror = admin.getByRole('dialog', { name: 'Customer’s page' });
  await expect(mirror).toBeVisible();
  const view = mirror.frameLocator('[data-testid="cobrowse-stage"] iframe');
  await expect(view.getByRole('heading', { name: `Linen dresses ${stamp}` })).toBeVisible();
  await expect(conversation.messages).toContainText('The customer accepted co-browsing');

  // What the customer types is masked; the private part is blocked.
  const secret = '4111 1111 1111 1111';
  await customer.page.getByLabel('Card number').fill(secret);
  await expect(view.locator('#card')).toHaveValue('*'.repeat(secret.length));
  await expect(view.locator('body')).not.toContainText('4111');
  await expect(view.locator('body')).not.toContainText('Saved card ending 4242');

  // A change on the customer's page shows in the mirror within a second.
  await customer.page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(view.locator('#cart-count')).toHaveText('1', { timeout: 1_000 });

  // The agent's pointer and a highlight appear on the customer's page.
  const layer = mirror.getByTestId('cobrowse-pointer-layer');
  const box = (await layer.boundingBox())!;
  await admin.mouse.move(box.x + 100, box.y + 60);
  await expect(customer.page.locator('[data-baton-pointer]')).toBeVisible();
  await mirror.getByRole('button', { name: 'Highlight an element' }).click();
  await expect(mirror.getByRole('button', { name: 'Highlight an element' })).toHaveAttribute('aria-pressed', 'true');
  const target = (await view.getByRole('button', { name: 'Add to cart' }).boundingBox())!;
  await admin.mouse.click(target.x + target.width / 2, target.y + target.height / 2);
  const highlight = customer.page.locator('[data-baton-highlight]');
  await expect(highlight).toBeVisible();
  const added = (await customer.page.getByRole('button', { name: 'Add to cart' }).boundingBox())!;
  const drawn = (await highlight.boundingBox())!;
  expect(drawn.x).toBeLessThanOrEqual(added.x);
  expect(drawn.x + drawn.width).toBeGreaterThanOrEqual(added.x + added.width);
  // View-only: the highlight click did not press the customer's button.
  await expect(customer.page.locator('#cart-count')).toHaveText('1');

  // Closing the view keeps co-browsing on; the agent reopens it.
  await mirror.getByRole('button', { name: 'Close the view (co-browsing goes on)' }).click();
  await expect(mirror).toBeHidden();
  await expect(bar).toBeVisible();
  await admin.getByRole('button', { name: 'View customer’s page' }).click();
  await expect(view.getByRole('heading', { name: `Linen dresses ${stamp}` })).toBeVisible();

  // Another page of the shop resumes the session.
  await customer.load('/cart', `Your cart ${stamp}`);
  await expect(view.getByRole('heading', { name: `Your cart ${stamp}` })).toBeVisible({ timeout: 15_000 });
  await expect(customer.page.locator('[data-baton-cobrowse-bar]')).toBeVisible();

  // The customer stops from the bar: it goes, and the agent sees that it ended.
  await customer.page.locator('[data-baton-cobrowse-bar]').getByRole('button', { name: 'Stop sharing' }).click();
  await expect(customer.page.locator('[data-baton-cobrowse-bar]')).toBeHidden();
  await expect(mirror).toBeHidden();
  await expect(admin.getByRole('status').filter({ hasText: 'Co-browsing ended by the customer.' })).toBeVisible();
  await expect(conversation.messages).toContainText('Co-browsing ended by the customer');
  await expect(admin.getByRole('button', { name: 'Ask for co-browsing' })).toBeVisible();

  await customer.page.context().close();
  await admin.context().close();
});

test('a request cancelled, one declined, the agent’s Stop and the chat’s own Stop', async ({ browser, allowConsoleError }) => {
  test.setTimeout(240_000);
  allowConsoleError(
    /Blocked script execution in '[^']*' because the document's frame is sandboxed and the 'allow-scripts' permission is not set/,
    'Playwright’s trace snapshotter tries to run its script inside the mirror’s iframe, which is sandboxed without scripts on purpose',
  );
  const stamp = Date.now().toString(36);
  const admin = await signedInAdmin(browser);
  await setCobrowse(admin, true);
  const customer = await customerInChat(browser, stamp, 'Dana Decline');
  const conversation = new ConversationPage(admin);
  await conversation.open(customer.visitor.name);
  const ask = admin.getByRole('button', { name: 'Ask for co-browsing' });
  const card = customer.shop.chat.getByRole('region', { name: 'Share this page?' });

  // Cancelled before the customer answered: the card goes away.
  await ask.click();
  await expect(card).toBeVisible();
  await admin.getByRole('button', { name: 'Cancel request' }).click();
  await expect(card).toBeHidden();
  await expect(conversation.messages).toContainText('ended co-browsing');

  // Declined.
  await ask.click();
  await card.getByRole('button', { name: 'No thanks' }).click();
  await expect(card).toBeHidden();
  await expect(admin.getByRole('status').filter({ hasText: 'The customer declined co-browsing.' })).toBeVisible();
  await expect(conversation.messages).toContainText('The customer declined co-browsing');

  // Accepted, then the agent stops: the customer's bar goes.
  await ask.click();
  await card.getByRole('button', { name: 'Share this page' }).click();
  const mirror = admin.getByRole('dialog', { name: 'Customer’s page' });
  await expect(mirror.frameLocator('[data-testid="cobrowse-stage"] iframe').getByRole('heading', { name: `Linen dresses ${stamp}` })).toBeVisible();
  const bar = customer.page.locator('[data-baton-cobrowse-bar]');
  await expect(bar).toBeVisible();
  await mirror.getByRole('button', { name: 'Stop co-browsing' }).click();
  await expect(mirror).toBeHidden();
  await expect(bar).toBeHidden();
  await expect(customer.shop.chat.getByTestId('cobrowse-active')).toBeHidden();

  // Accepted again, and stopped from the chat itself.
  await ask.click();
  await card.getByRole('button', { name: 'Share this page' }).click();
  await expect(bar).toBeVisible();
  await customer.shop.chat.getByTestId('cobrowse-active').getByRole('button', { name: 'Stop sharing' }).click();
  await expect(bar).toBeHidden();
  await expect(admin.getByRole('status').filter({ hasText: 'Co-browsing ended by the customer.' })).toBeVisible();

  await customer.page.context().close();
  await admin.context().close();
});

test('with visit recording on too, co-browsing shares the page’s recorder: the visit’s recording keeps what happened during and after it', async ({ browser, allowConsoleError }) => {
  test.setTimeout(240_000);
  allowConsoleError(
    /Blocked script execution in '[^']*' because the document's frame is sandboxed and the 'allow-scripts' permission is not set/,
    'Playwright’s trace snapshotter tries to run its script inside the mirror’s and the replay’s iframes, which are sandboxed without scripts on purpose',
  );
  const stamp = Date.now().toString(36);
  const admin = await signedInAdmin(browser);
  await setWidgetOptions(admin, { cobrowse: true, recording: true });
  const customer = await customerInChat(browser, stamp, 'Rory Both');
  const conversation = new ConversationPage(admin);
  await conversation.open(customer.visitor.name);

  // Co-browsing while the visit is recorded: the mirror follows the cart.
  await admin.getByRole('button', { name: 'Ask for co-browsing' }).click();
  await customer.shop.chat.getByRole('region', { name: 'Share this page?' }).getByRole('button', { name: 'Share this page' }).click();
  const mirror = admin.getByRole('dialog', { name: 'Customer’s page' });
  const view = mirror.frameLocator('[data-testid="cobrowse-stage"] iframe');
  await expect(view.getByRole('heading', { name: `Linen dresses ${stamp}` })).toBeVisible();
  const addToCart = customer.page.getByRole('button', { name: 'Add to cart' });
  await addToCart.click();
  await expect(view.locator('#cart-count')).toHaveText('1');

  // The customer stops sharing and goes on shopping: the recording goes on.
  await customer.page.locator('[data-baton-cobrowse-bar]').getByRole('button', { name: 'Stop sharing' }).click();
  await expect(mirror).toBeHidden();
  await addToCart.click();
  await addToCart.click();
  await expect(customer.page.locator('#cart-count')).toHaveText('3');
  const clickedAt = Date.now();
  // Batches leave every 5 s while something happens.
  await customer.page.waitForResponse((r) => r.url().includes('/recordings') && r.request().method() === 'POST' && r.status() === 201 && r.request().timing().startTime >= clickedAt, { timeout: 15_000 });
  await customer.page.context().close();

  // The visit's replay, played to the end, has the cart as the customer left it.
  const recordings = admin.getByRole('complementary', { name: 'Customer info' }).getByRole('list', { name: 'Visit recordings' });
  await expect(async () => {
    await admin.reload();
    await expect(recordings.getByRole('listitem').first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await recordings.getByRole('button', { name: 'Play' }).first().click();
  const player = admin.getByRole('dialog', { name: 'Visit recording' });
  const replay = player.frameLocator('[data-testid="recording-stage"] iframe');
  await expect(replay.getByRole('heading', { name: `Linen dresses ${stamp}` })).toBeVisible();
  await player.getByLabel('Speed').selectOption('8');
  await player.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(player.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(player.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(replay.locator('#cart-count')).toHaveText('3');
  // The co-browsing bar is the page's own furniture, never in the recording.
  await expect(replay.locator('[data-baton-cobrowse-bar]')).toHaveCount(0);

  await admin.context().close();
});
