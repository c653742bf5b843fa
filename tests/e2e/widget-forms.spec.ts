import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { ConversationPage } from './pages/conversation-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { demoWidget, ShopWithWidget } from './pages/widget-page';

// The website chat's forms and feedback: an admin sets up a pre-chat form, a new visitor
// answers it and the agent reads the answers in "Form results"; the agent resolves and the
// visitor rates it; the visitor's emoji reaches the agent; a reply while the chat is closed
// chimes (unless muted) and blinks the shop page's title.

const localNetwork = { permissions: ['local-network-access'] };
test.use(localNetwork);

async function signedInAdmin(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: 'Demo Shop admin' }).click();
  return page;
}

async function openWidgetSettings(page: Page) {
  await page.goto('/w/demo-shop/settings/channels');
  await page.getByRole('link', { name: 'Website chat' }).click();
  await page.getByRole('link', { name: /Appearance, allowed sites/ }).click();
  await expect(page.getByRole('heading', { name: 'Pre-chat form' })).toBeVisible();
  return page.getByRole('form', { name: 'Pre-chat form' });
}

/** Other specs' visitors are not asked: the form goes off again whatever happened. */
async function turnFormOff(browser: Browser) {
  const page = await signedInAdmin(browser);
  const form = await openWidgetSettings(page);
  await form.getByLabel('Ask new visitors this form').uncheck();
  await form.getByRole('button', { name: 'Update pre-chat form' }).click();
  await expect(form.getByRole('status')).toHaveText('Pre-chat form updated.');
  await page.context().close();
}

test.afterEach(async ({ browser }) => {
  await turnFormOff(browser);
});

test('an admin sets up a pre-chat form; a visitor answers it; the agent reads it, resolves, and sees the rating', async ({ browser, allowConsoleError }) => {
  test.setTimeout(180_000);
  allowConsoleError(/api\/widget\/[^/]+\/pre-chat.*400|status of 400/, 'the visitor sends a bad email on purpose and the server refuses it');
  const stamp = Date.now().toString(36);
  const name = `Mai ${stamp}`;

  // The admin builds the form with every control.
  const admin = await signedInAdmin(browser);
  const form = await openWidgetSettings(admin);
  await form.getByLabel('Ask new visitors this form').check();
  await form.getByLabel('Name', { exact: true }).selectOption('required');
  await form.getByLabel('Email', { exact: true }).selectOption('required');
  await form.getByLabel('Phone', { exact: true }).selectOption('optional');
  for (let i = 0; i < 3; i++) await form.getByRole('button', { name: 'Add a custom field' }).click();
  await form.getByLabel('Field 1 label').fill('Order number');
  await form.getByLabel('Field 1 key').fill('order_number');
  await form.getByLabel('Field 1 type').selectOption('number');
  await form.getByRole('listitem', { name: 'Custom field 1' }).getByLabel('Required').check();
  await form.getByLabel('Field 2 label').fill('Size');
  await form.getByLabel('Field 2 key').fill('shoe size');
  await form.getByLabel('Field 2 type').selectOption('choice');
  await form.getByLabel('Field 2 options').fill('S\nM\nL');
  await form.getByLabel('Field 3 label').fill('Spare');
  await form.getByRole('button', { name: 'Remove field 3' }).click();
  await expect(form.getByRole('listitem', { name: /Custom field/ })).toHaveCount(2);
  await form.getByLabel('Ask for consent').check();
  await form.getByLabel('Consent text').fill('I agree that Demo Shop keeps my details to answer me.');
  // A key with a space is refused with the reason.
  await form.getByRole('button', { name: 'Update pre-chat form' }).click();
  await expect(form.getByRole('status')).toHaveText('Keys use letters, digits, _ and - only');
  await form.getByLabel('Field 2 key').fill('size');
  await form.getByRole('button', { name: 'Update pre-chat form' }).click();
  await expect(form.getByRole('status')).toHaveText('Pre-chat form updated.');
  // Kept after a reload.
  await admin.reload();
  await expect(admin.getByLabel('Field 2 options')).toHaveValue('S\nM\nL');

  // A new visitor is asked before their first message.
  const shopContext = await browser.newContext(localNetwork);
  const shopPage = await shopContext.newPage();
  const shop = new ShopWithWidget(shopPage);
  await shop.goto();
  await shop.launcher.click();
  const prechat = shop.chat.getByRole('form', { name: 'Before we start' });
  await expect(prechat).toBeVisible();
  await expect(shop.composer).toHaveCount(0);
  await prechat.getByLabel('Name').fill(name);
  await prechat.getByLabel('Email').fill('mai@');
  await prechat.getByLabel('Order number').fill('1042');
  await prechat.getByLabel('Size').selectOption('M');
  await prechat.getByRole('checkbox').check();
  await prechat.getByRole('button', { name: 'Start the chat' }).click();
  await expect(prechat.getByRole('alert')).toHaveText('Enter a valid email address, like you@example.com');
  await prechat.getByLabel('Email').fill(`mai.${stamp}@example.com`);
  await prechat.getByRole('button', { name: 'Start the chat' }).click();
  await expect(prechat).toHaveCount(0);
  await shop.send(`Hello, where is order 1042? (${stamp})`);
  await expect(shop.visitorMessage('where is order 1042')).toBeVisible();

  // The agent finds the customer by the name they gave and reads their answers.
  const conversation = new ConversationPage(admin);
  await conversation.open(name);
  const panel = admin.getByRole('complementary', { name: 'Customer info' });
  const results = panel.getByRole('list', { name: 'Form results' });
  await expect(results).toContainText(`mai.${stamp}@example.com`);
  await expect(results).toContainText('Order number1042');
  await expect(results).toContainText('SizeM');
  await expect(panel).toContainText('I agree that Demo Shop keeps my details');

  // The admin exports the channel's form results.
  const exportPage = await admin.context().newPage();
  const form2 = await openWidgetSettings(exportPage);
  const download = exportPage.waitForEvent('download');
  await form2.getByRole('link', { name: 'Export form results (CSV)' }).click();
  const csv = fs.readFileSync((await (await download).path())!, 'utf8').replace(/^\ufeff/, '');
  const lines = csv.trim().split(/\r\n/);
  expect(lines[0]).toBe('submission_id,submitted_at,customer_id,customer,name,email,phone,order_number,size,other_answers,consent_text,consented_at,form');
  expect(lines.some((l) => l.includes(`${name},${name},mai.${stamp}@example.com,,1042,M,,I agree that Demo Shop keeps my details to answer me.`))).toBe(true);
  await exportPage.close();

  // The agent takes over and resolves; the visitor rates 4 with a comment.
  await conversation.takeOver();
  await conversation.panel.getByRole('button', { name: 'Resolve' }).click();
  await expect(conversation.panel.getByText('Resolved. The customer')).toBeVisible();
  const card = shop.chat.getByRole('form', { name: 'Rate this conversation' });
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Send rating' }).click();
  await expect(card.getByRole('alert')).toHaveText('Choose a rating from 1 to 5.');
  await card.getByRole('radio', { name: '4 – Happy' }).check();
  await card.getByLabel('Comment').fill(`Quick answer, thanks (${stamp})`);
  await card.getByRole('button', { name: 'Send rating' }).click();
  await expect(shop.chat.getByRole('status').filter({ hasText: 'Thank you for your rating!' })).toBeVisible();
  await expect(card).toHaveCount(0);

  // The agent sees it live in the customer panel, and Reports counts it.
  const ratings = panel.getByRole('list', { name: 'Satisfaction ratings' });
  await expect(ratings).toContainText('Rated 4 of 5');
  await expect(ratings).toContainText(`Quick answer, thanks (${stamp})`);
  await admin.goto('/w/demo-shop/reports');
  await expect(admin.locator('[data-figure="Ratings"]')).toHaveText(/^[1-9]\d*$/);
  await expect(admin.getByRole('table', { name: 'Ratings from 1 to 5' })).toContainText('4 of 5');

  await shopContext.close();
  await admin.context().close();
});

test('the visitor inserts an emoji at the cursor and it reaches the agent; a reply while closed chimes unless muted and blinks the title', async ({ browser }) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString(36);
  const shopContext = await browser.newContext(localNetwork);
  // Count the chime's tones as the widget plays them (the Web Audio API is real; this only counts).
  await shopContext.addInitScript(() => {
    const w = window as unknown as { __tones: number };
    w.__tones = 0;
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.__tones += 1;
      return create.call(this);
    };
  });
  const shopPage = await shopContext.newPage();
  const shop = new ShopWithWidget(shopPage);
  const visitor = { identifier: `emoji-${stamp}`, name: `Emoji Tester ${stamp}` };
  const hash = createHmac('sha256', demoWidget.hmacToken).update(visitor.identifier).digest('hex');
  await shop.goto({ afterLoader: `<script>Baton('identify', ${JSON.stringify({ ...visitor, hash })});</script>` });
  await shop.open();

  // "Hello world" with the cursor after "Hello": the emoji goes there.
  await shop.composer.fill(`Hello world ${stamp}`);
  await shop.composer.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(5, 5));
  await shop.chat.getByRole('button', { name: 'Insert emoji' }).click();
  const grid = shop.chat.getByRole('group', { name: 'Emoji' });
  await expect(grid.getByRole('button')).toHaveCount(20);
  await grid.getByRole('button', { name: 'thumbs up' }).click();
  await expect(grid).toHaveCount(0);
  await expect(shop.composer).toHaveValue(`Hello👍 world ${stamp}`);
  await expect(shop.composer).toBeFocused();
  // Keyboard: the grid opens on the first emoji, arrows move, Enter picks.
  await shop.chat.getByRole('button', { name: 'Insert emoji' }).click();
  await expect(grid.getByRole('button', { name: 'grinning face' })).toBeFocused();
  await shopPage.keyboard.press('ArrowRight');
  await expect(grid.getByRole('button', { name: 'face with tears of joy' })).toBeFocused();
  await shopPage.keyboard.press('Enter');
  await expect(shop.composer).toHaveValue(`Hello👍😂 world ${stamp}`);
  await shop.composer.press('Enter');
  await expect(shop.visitorMessage(`Hello👍😂 world ${stamp}`)).toBeVisible();

  const admin = await signedInAdmin(browser);
  const conversation = new ConversationPage(admin);
  await conversation.open(visitor.name);
  await expect(conversation.messages).toContainText(`Hello👍😂 world ${stamp}`);
  await conversation.takeOver();

  // Closed chat: a reply chimes and the shop's tab title blinks until the visitor opens the chat.
  const widgetFrame = shopPage.frames().find((f) => f.url().includes('/widget/'))!;
  const tones = () => widgetFrame.evaluate(() => (window as unknown as { __tones: number }).__tones);
  const soundToggle = shop.chat.getByRole('button', { name: 'Sound for new replies' });
  await expect(soundToggle).toHaveAttribute('aria-pressed', 'true');
  await shop.composer.press('Escape');
  await expect(shop.launcher).toHaveAttribute('aria-expanded', 'false');
  const before = await tones();
  await conversation.sendText(`First reply ${stamp}`);
  await expect(shop.launcher).toHaveAttribute('aria-label', 'Open chat (1 unread message)');
  await expect.poll(tones).toBeGreaterThan(before);
  await expect(shopPage).toHaveTitle(/^New message – Demo Shop$/, { timeout: 5_000 });
  await shop.open();
  await expect(shopPage).toHaveTitle('Demo Shop');

  // Muted: the next reply is counted as unread but plays nothing; the choice is remembered.
  await soundToggle.click();
  await expect(soundToggle).toHaveAttribute('aria-pressed', 'false');
  await shop.composer.press('Escape');
  const muted = await tones();
  await conversation.sendText(`Second reply ${stamp}`);
  await expect(shop.launcher).toHaveAttribute('aria-label', 'Open chat (1 unread message)');
  expect(await tones()).toBe(muted);
  // (Kept in the widget's storage where the browser allows it; this Chromium refuses
  // third-party storage, so the choice lasts for the page view here.)
  await shop.open();
  await expect(soundToggle).toHaveAttribute('aria-pressed', 'false');
  await soundToggle.click();
  await expect(soundToggle).toHaveAttribute('aria-pressed', 'true');

  await shopContext.close();
  await admin.context().close();
});
