import { expect, test } from './support/test';
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { ConversationPage, sampleFiles } from './pages/conversation-page';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { SimulatorPage } from './pages/simulator-page';

// The agent app on a phone (390×844, touch): the seed's mobile journeys with one thumb, the
// Actions sheet, rows swiped to follow up and resolve, and pull to refresh. The customer
// writes through the simulator in a desktop window beside it.

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

async function phoneAgent(browser: Browser, setUp?: (context: BrowserContext) => Promise<void>): Promise<{ page: Page; inbox: InboxPage }> {
  const context = await browser.newContext(phone);
  await setUp?.(context);
  const page = await context.newPage();
  await new SignInPage(page).signInToDemoShop(demo.admin);
  return { page, inbox: new InboxPage(page) };
}

/** A new customer writes on WhatsApp; with `toAgent` they pick "Talk to an agent" from the bot's menu. */
async function customerWrites(browser: Browser, name: string, { toAgent }: { toAgent: boolean }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await new SignInPage(page).signInToDemoShop(demo.admin);
  await new SimulatorPage(page).newWhatsAppCustomer(name, 'Hi! Can I change the size of my order?');
  await expect(page.getByRole('list', { name: "Customer's chat" }).getByText(/Welcome to Demo Shop/)).toBeVisible();
  if (toAgent) {
    // The simulator stays open until the request reaches the agent (the caller closes it).
    await page.getByRole('button', { name: 'Talk to an agent' }).click();
  }
  return context;
}

/** A finger on the touch screen: down at `from`, moved in steps by (dx, dy); lifted unless `hold`. */
async function drag(page: Page, from: { x: number; y: number }, dx: number, dy: number, { hold = false } = {}) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let i = 1; i <= 10; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: from.x + (dx * i) / 10, y: from.y + (dy * i) / 10 }] });
  }
  const lift = () => cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  if (!hold) await lift();
  return lift;
}

async function swipeLeft(page: Page, row: Locator) {
  // The list may still be moving the row (a change re-sorts it): wait until it stands still.
  await row.click({ trial: true });
  const box = (await row.boundingBox())!;
  await drag(page, { x: box.x + box.width - 20, y: box.y + box.height / 2 }, -220, 4);
}

/** Lighthouse's tap-target idea, at the 44 px the platforms ask for: each control is at least that big. */
async function expectTapTargets(where: string, controls: Locator) {
  const small = await controls.evaluateAll((els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      // Visually hidden controls (the file input behind the File button) are not targets.
      .filter(({ box }) => box.width > 1 && box.height > 1)
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ el, box }) => `${(el.getAttribute('aria-label') ?? el.textContent ?? el.tagName).trim().slice(0, 30)} ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  expect(small, `${where}: controls smaller than 44×44`).toEqual([]);
}

test('on a phone: take a request, reply with an image, add a note, set a reminder, share a product, create an order and resolve', async ({ browser }) => {
  test.setTimeout(180_000);
  const name = `Thumb ${Date.now().toString(36)}`;
  const { page, inbox } = await phoneAgent(browser);
  const customer = await customerWrites(browser, name, { toAgent: true });

  // The request waits in Requests (bottom tabs), live.
  await inbox.tab('Requests').click();
  await expect(page).toHaveURL(/tab=requests/);
  await expectTapTargets('inbox tabs', page.getByRole('navigation', { name: 'Inbox tabs' }).getByRole('link'));
  // Requests wait longest first: the new one is found by its name.
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(name);
  await expect(page).toHaveURL(/[?&]q=/);
  const row = inbox.rows.filter({ hasText: name });
  await expect(row).toContainText('Waiting');
  await customer.close();
  await row.click();

  const conversation = new ConversationPage(page);
  await expect(conversation.panel.getByRole('heading', { name })).toBeVisible();
  // One panel at a time: the list is gone, the way back is one tap.
  await expect(page.getByRole('navigation', { name: 'Inbox tabs' })).toBeHidden();
  await expectTapTargets('conversation header', conversation.panel.getByRole('link', { name: 'Back' }).or(conversation.panel.getByRole('button', { name: /^(Take over|Actions|Customer info)$/ })));
  await conversation.takeOver();

  // The customer's info: a sheet from the bottom, closed where the thumb is.
  const info = page.getByRole('complementary', { name: 'Customer info' });
  await expect(async () => {
    await page.getByRole('button', { name: 'Customer info' }).click();
    await expect(info).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(info.getByText(name).first()).toBeVisible();
  const closeInfo = info.getByRole('button', { name: /^Close/ });
  expect((await closeInfo.boundingBox())!.y).toBeGreaterThan(844 - 100);
  await expectTapTargets('customer info', closeInfo);
  await closeInfo.click();
  await expect(info).toBeHidden();

  // The composer sits at the bottom of the screen, and the page shrinks for the keyboard.
  const form = (await page.getByRole('form', { name: 'Reply' }).boundingBox())!;
  expect(form.y + form.height).toBeGreaterThan(844 - 24);
  expect(form.y + form.height).toBeLessThanOrEqual(844);
  await expect(page.locator('meta[name="viewport"]')).toHaveAttribute('content', /interactive-widget=resizes-content/);
  await expectTapTargets('composer', page.getByRole('form', { name: 'Reply' }).getByRole('button').or(page.getByRole('form', { name: 'Reply' }).locator('label:has(input[type=checkbox])')));

  await conversation.expectDelivered(await conversation.sendFile(sampleFiles.png, `The swatch ${name}`));
  await expect(await conversation.addNote(`Customer asked to swap M for L (${name})`)).toBeVisible();

  // The Actions sheet: at the bottom of the screen, every control a thumb's size.
  const sheet = conversation.panel.getByRole('group', { name: 'Conversation actions' });
  await (await conversation.action('Remind me')).click();
  const sheetBox = (await sheet.boundingBox())!;
  expect(sheetBox.y + sheetBox.height).toBeGreaterThan(844 - 2);
  const reminders = page.getByRole('region', { name: 'Reminders' });
  await reminders.getByRole('button', { name: 'In 1 hour' }).click();
  await expect(reminders.getByText(/^Reminder set for/)).toBeVisible();
  await expect(reminders.getByRole('button', { name: /^Cancel/ })).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await conversation.action('Resolve');
  await expectTapTargets('actions sheet', sheet.getByRole('button').or(sheet.getByRole('combobox')));
  await sheet.getByRole('button', { name: 'Close actions' }).click();
  await expect(sheet).toBeHidden();

  await conversation.expectDelivered(await conversation.shareProduct('straw', 'Straw sun hat'));
  await expect(sheet).toBeHidden();
  await conversation.createOrder('straw', 'Straw sun hat', '99 Sukhumvit Rd, Bangkok 10110');
  await expect(sheet).toBeHidden();

  await (await conversation.action('Resolve')).click();
  await expect(conversation.panel.getByText('Resolved. The customer')).toBeVisible();
  await expect(sheet).toBeHidden();
});

test('on a phone: swipe a row to follow it up, then swipe again to resolve it', async ({ browser }) => {
  test.setTimeout(120_000);
  const name = `Swipe ${Date.now().toString(36)}`;
  await (await customerWrites(browser, name, { toAgent: false })).close();
  const { page, inbox } = await phoneAgent(browser);
  await inbox.tab('All').click();
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(name);
  await expect(page).toHaveURL(/[?&]q=/);
  const row = page.getByTestId('swipe-row').filter({ hasText: name });
  await expect(row).toBeVisible();

  await swipeLeft(page, row);
  await expect(row).toHaveAttribute('data-revealed', 'true');
  await expect(page).not.toHaveURL(/[?&]c=/); // the swipe did not open the conversation
  await row.getByRole('button', { name: `Follow up ${name}` }).click();
  await expect(row.getByRole('img', { name: 'Follow-up' })).toBeVisible();
  await expect(row).not.toHaveAttribute('data-revealed', 'true');

  await expect(async () => {
    if ((await row.getAttribute('data-revealed')) !== 'true') await swipeLeft(page, row);
    await expect(row).toHaveAttribute('data-revealed', 'true', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(row.getByRole('button', { name: `Unfollow ${name}` })).toBeVisible();
  await row.getByRole('button', { name: `Resolve ${name}` }).click();
  // Resolved: it leaves the open conversations, and is among the resolved ones.
  await expect(page.getByTestId('conversation-row').filter({ hasText: name })).toHaveCount(0);
  await inbox.tab('Resolved').click();
  await expect(page.getByTestId('conversation-row').filter({ hasText: name })).toBeVisible();
});

test('on a phone: pulling the list down brings in what the live connection missed', async ({ browser }) => {
  test.setTimeout(120_000);
  // The realtime connection never opens in this window, so only a refresh can show news.
  const { page, inbox } = await phoneAgent(browser, (context) => context.routeWebSocket(/\/app\//, () => {}));
  await inbox.tab('All').click();
  await expect(page).toHaveURL(/tab=all/);
  const name = `Pull ${Date.now().toString(36)}`;
  await (await customerWrites(browser, name, { toAgent: false })).close();
  await expect(inbox.rows.first()).toBeVisible();
  await expect(inbox.rows.filter({ hasText: name })).toHaveCount(0);

  const list = page.getByRole('list', { name: 'Conversations' });
  const top = (await list.boundingBox())!;
  const lift = await drag(page, { x: top.x + top.width / 2, y: top.y + 20 }, 0, 220, { hold: true });
  await expect(page.getByRole('status').filter({ hasText: 'Release to refresh' })).toBeVisible();
  await lift();
  await expect(inbox.rows.filter({ hasText: name })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /refresh/i })).toHaveCount(0);
});
