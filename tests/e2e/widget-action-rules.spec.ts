import { createHmac } from 'node:crypto';
import { expect, test } from './support/test';
import type { Locator, Page } from '@playwright/test';
import { ConversationPage } from './pages/conversation-page';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { demoWidget, ShopWithWidget } from './pages/widget-page';

// An admin keeps the website chat's action rules in order; on the shop's page a rule opens
// the chat with the shop's message after some seconds on one address (and not on another),
// a rule hides the launcher, and a message rule shows a bubble by the launcher.

const localNetwork = { permissions: ['local-network-access'] };
const identifyHash = (identifier: string) => createHmac('sha256', demoWidget.hmacToken).update(identifier).digest('hex');

async function widgetSettings(page: Page) {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: /Demo Shop/ }).click();
  await new InboxPage(page).expectLoaded();
  await page.goto('/w/demo-shop/settings/channels');
  await page.getByRole('link', { name: 'Website chat' }).click();
  await page.getByRole('link', { name: /Appearance, allowed sites/ }).click();
  await expect(page.getByRole('heading', { name: 'Action rules' })).toBeVisible();
}

type RuleDraft = { name: string; page?: string; address?: string; seconds?: string; action: string; message?: string; often?: string };

async function fillRule(form: Locator, rule: RuleDraft) {
  await form.getByLabel('Name').fill(rule.name);
  await form.getByLabel('Page', { exact: true }).selectOption({ label: rule.page ?? 'Address contains' });
  if (rule.address !== undefined) await form.getByLabel(/^(Address|Pattern)$/).fill(rule.address);
  await form.getByLabel('Seconds on the page, at least').fill(rule.seconds ?? '');
  await form.getByLabel('Action', { exact: true }).selectOption({ label: rule.action });
  if (rule.message !== undefined) await form.getByLabel(/^Message/).fill(rule.message);
  await form.getByLabel('How often').selectOption({ label: rule.often ?? 'Every page view' });
}

test('an admin adds, edits, turns off, reorders and deletes action rules; on the shop’s page they open the chat with a message, hide the launcher and show a bubble', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await widgetSettings(page);
  const rules = page.getByRole('list', { name: 'Action rules' });

  // A pattern that is not a regular expression is refused, saying why.
  const pricing = `Pricing help ${stamp}`;
  const greeting = `Need help choosing a plan? (${stamp})`;
  await page.getByRole('button', { name: 'New action rule' }).click();
  const form = page.getByRole('form', { name: 'New action rule' });
  await fillRule(form, { name: pricing, page: 'Address matches the pattern', address: '/pricing(', seconds: '2', action: 'Open the chat', message: greeting });
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(form.getByLabel('Pattern', { exact: true })).toHaveAccessibleDescription(/This is not a valid regular expression: /);
  await expect(form.getByRole('status')).toContainText('This is not a valid regular expression');
  await form.getByLabel('Page', { exact: true }).selectOption({ label: 'Address contains' });
  await form.getByLabel('Address', { exact: true }).fill(`/pricing-${stamp}`);
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(rules.getByRole('listitem', { name: pricing })).toContainText(`When: page address contains /pricing-${stamp}, 2 s on the page`);
  await expect(rules.getByRole('listitem', { name: pricing })).toContainText(`Then: open the chat with “${greeting}” · Every page view`);

  // Cancel closes the form and adds nothing.
  await page.getByRole('button', { name: 'New action rule' }).click();
  await form.getByLabel('Name').fill(`Never saved ${stamp}`);
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toBeHidden();
  await expect(rules.getByRole('listitem', { name: `Never saved ${stamp}` })).toHaveCount(0);

  const hide = `Hide on checkout ${stamp}`;
  await page.getByRole('button', { name: 'New action rule' }).click();
  await fillRule(form, { name: hide, address: `/checkout-${stamp}`, seconds: '3', action: 'Hide the launcher', often: 'Once per visit' });
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(rules.getByRole('listitem', { name: hide })).toContainText('Then: hide the launcher · Once per visit');

  const sale = `Sale bubble ${stamp}`;
  const saleText = `Everything 20 % off today (${stamp})`;
  await page.getByRole('button', { name: 'New action rule' }).click();
  await fillRule(form, { name: sale, address: `/sale-${stamp}`, action: 'Show a message', message: saleText });
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(rules.getByRole('listitem', { name: sale })).toContainText(`Then: show a message with “${saleText}”`);
  const mine = rules.getByRole('listitem').filter({ hasText: stamp });
  await expect(mine).toHaveCount(3);
  await expect(mine.nth(1)).toHaveAccessibleName(hide);

  // Order: up and down.
  await rules.getByRole('button', { name: `Move ${hide} up` }).click();
  await expect(mine.nth(0)).toHaveAccessibleName(hide);
  await rules.getByRole('button', { name: `Move ${hide} down` }).click();
  await expect(mine.nth(1)).toHaveAccessibleName(hide);

  // Edited: the message changes; Cancel in the edit form keeps what was saved.
  const newGreeting = `Questions about our plans? (${stamp})`;
  await rules.getByRole('button', { name: `Edit ${pricing}` }).click();
  const edit = page.getByRole('form', { name: `Edit ${pricing}` });
  await edit.getByLabel(/^Message/).fill('not this');
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(rules.getByRole('listitem', { name: pricing })).toContainText(greeting);
  await rules.getByRole('button', { name: `Edit ${pricing}` }).click();
  await edit.getByLabel(/^Message/).fill(newGreeting);
  await edit.getByRole('button', { name: 'Save rule' }).click();
  await expect(rules.getByRole('listitem', { name: pricing })).toContainText(`Then: open the chat with “${newGreeting}”`);

  // Off from the list, and from the form's On box; then on again for the shop's page.
  await rules.getByRole('button', { name: `Turn off ${hide}` }).click();
  await expect(rules.getByRole('listitem', { name: hide })).toContainText('Off');
  await rules.getByRole('button', { name: `Turn on ${hide}` }).click();
  await expect(rules.getByRole('listitem', { name: hide })).not.toContainText('Off');
  await rules.getByRole('button', { name: `Edit ${sale}` }).click();
  await page.getByRole('form', { name: `Edit ${sale}` }).getByRole('checkbox', { name: 'On', exact: true }).uncheck();
  await page.getByRole('form', { name: `Edit ${sale}` }).getByRole('button', { name: 'Save rule' }).click();
  await expect(rules.getByRole('listitem', { name: sale })).toContainText('Off');
  await rules.getByRole('button', { name: `Turn on ${sale}` }).click();
  await expect(rules.getByRole('listitem', { name: sale })).not.toContainText('Off');

  // The shop's page. On the checkout address the launcher goes after 3 seconds, and the
  // pricing rule (2 seconds, another address) has not opened the chat meanwhile.
  const shopContext = await browser.newContext(localNetwork);
  const shopPage = await shopContext.newPage();
  const shop = new ShopWithWidget(shopPage);
  await shop.goto({ path: `/checkout-${stamp}` });
  await expect(shop.launcher).toBeHidden();
  await expect(shop.frameElement).toBeHidden();
  await expect(shop.chat.getByTestId('widget-proactive')).toHaveCount(0);

  // On the pricing address the chat opens by itself after 2 seconds, with the shop's message.
  await shop.goto({ path: `/pricing-${stamp}?plan=pro` });
  await expect(shop.launcher).toHaveAttribute('aria-expanded', 'false');
  await expect(shop.frameElement).toBeHidden();
  await expect(shop.frameElement).toBeVisible();
  await expect(shop.launcher).toHaveAttribute('aria-expanded', 'true');
  await expect(shop.chat.getByTestId('widget-proactive')).toContainText(newGreeting);

  // A message rule: a bubble by the closed launcher; pressing it opens the chat with the message.
  await shop.goto({ path: `/sale-${stamp}` });
  const bubble = shopPage.getByRole('button', { name: saleText });
  await expect(bubble).toBeVisible();
  await expect(shop.frameElement).toBeHidden();
  await bubble.click();
  await expect(shop.frameElement).toBeVisible();
  await expect(shop.chat.getByTestId('widget-proactive')).toContainText(saleText);
  await expect(bubble).toBeHidden();
  await shopContext.close();

  // Deleted, each of them.
  for (const name of [pricing, hide, sale]) {
    await rules.getByRole('button', { name: `Delete ${name}` }).click();
    await expect(rules.getByRole('listitem', { name })).toHaveCount(0);
  }
  await context.close();
});

test('a rule on the cart value that starts a bot flow: the visitor’s conversation begins with that flow instead of the welcome', async ({ browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await widgetSettings(page);
  const rules = page.getByRole('list', { name: 'Action rules' });

  const name = `Summer picks ${stamp}`;
  const invite = `Our summer picks are in (${stamp})`;
  await page.getByRole('button', { name: 'New action rule' }).click();
  const form = page.getByRole('form', { name: 'New action rule' });
  await fillRule(form, { name, address: `/summer-${stamp}`, action: 'Start a bot flow', message: invite });
  await form.getByLabel('Cart value, at least').fill('100');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(form.getByLabel('Flow', { exact: true })).toHaveAccessibleDescription(/Choose a flow/);
  await form.getByLabel('Flow', { exact: true }).selectOption({ label: 'Summer collection' });
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(rules.getByRole('listitem', { name })).toContainText(`When: page address contains /summer-${stamp}, cart at least 100`);
  await expect(rules.getByRole('listitem', { name })).toContainText(`Then: start the flow Summer collection with “${invite}”`);

  const shopContext = await browser.newContext(localNetwork);
  const shopPage = await shopContext.newPage();
  const shop = new ShopWithWidget(shopPage);
  // The shop passes its cart's value with Baton('set', …): 129.5 is at least 100; and says who the customer is.
  const customer = { identifier: `summer-${stamp}`, name: `Sunny ${stamp}` };
  const identify = `Baton('identify', ${JSON.stringify({ ...customer, hash: identifyHash(customer.identifier) })});`;
  await shop.goto({ path: `/summer-${stamp}`, afterLoader: `<script>Baton('set', { cartValue: 129.5 }); ${identify}</script>` });
  await shopPage.getByRole('button', { name: invite }).click();
  await expect(shop.chat.getByTestId('widget-proactive')).toContainText(invite);
  await expect(shop.composer).toBeVisible();
  await shop.send(`Show me (${stamp})`);
  await expect(shop.message('Which product from Summer collection would you like?')).toBeVisible();
  await expect(shop.message(/Welcome to Demo Shop/)).toHaveCount(0);
  // The rule's message is now the conversation's first, once (no longer a separate greeting).
  await expect(shop.message(invite)).toHaveCount(1);
  await expect(shop.chat.getByTestId('widget-proactive')).toHaveCount(0);
  await shopContext.close();

  // The agent reads what the visitor answered: the rule's message, named, before theirs.
  const conversation = new ConversationPage(page);
  await conversation.open(customer.name);
  const log = page.getByRole('list', { name: 'Messages' });
  const proactive = log.getByTestId('message').filter({ hasText: invite });
  await expect(proactive).toHaveCount(1);
  await expect(proactive).toContainText(`Bot · action rule “${name}”`);
  const texts = await log.getByTestId('message').allInnerTexts();
  const at = (text: string) => texts.findIndex((t) => t.includes(text));
  expect(at(invite)).toBeGreaterThanOrEqual(0);
  expect(at(invite)).toBeLessThan(at(`Show me (${stamp})`));
  await page.goto('/w/demo-shop/settings/channels');
  await page.getByRole('link', { name: 'Website chat' }).click();
  await page.getByRole('link', { name: /Appearance, allowed sites/ }).click();

  await rules.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(rules.getByRole('listitem', { name })).toHaveCount(0);
  await context.close();
});

test('a rule on how far the visitor scrolled and how long they stayed: the bubble shows only once both hold', async ({ browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await widgetSettings(page);
  const rules = page.getByRole('list', { name: 'Action rules' });

  const name = `Read the guide ${stamp}`;
  const text = `Questions about the size guide? (${stamp})`;
  await page.getByRole('button', { name: 'New action rule' }).click();
  const form = page.getByRole('form', { name: 'New action rule' });
  await fillRule(form, { name, address: `/size-guide-${stamp}`, seconds: '2', action: 'Show a message', message: text });
  await form.getByLabel('Scrolled, at least (%)').fill('60');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(rules.getByRole('listitem', { name })).toContainText(`When: page address contains /size-guide-${stamp}, 2 s on the page, scrolled 60 %`);

  // A long page: the bubble waits for the visitor to scroll past 60% of it, and for 2 seconds on it.
  const shopContext = await browser.newContext({ ...localNetwork, viewport: { width: 1280, height: 800 } });
  const shopPage = await shopContext.newPage();
  const shop = new ShopWithWidget(shopPage);
  const started = Date.now();
  await shop.goto({ path: `/size-guide-${stamp}`, afterLoader: '<div style="height: 4000px">Size guide</div>' });
  const bubble = shopPage.getByRole('button', { name: text });
  await shopPage.mouse.wheel(0, 1000);
  // 25% down the page, past the 2 seconds (the time condition is what this waits for): not yet.
  await expect.poll(() => Date.now() - started, { timeout: 10_000 }).toBeGreaterThan(3_000);
  await expect(bubble).toBeHidden();
  await shopPage.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(bubble).toBeVisible();
  await bubble.click();
  await expect(shop.chat.getByTestId('widget-proactive')).toContainText(text);
  await shopContext.close();

  await rules.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(rules.getByRole('listitem', { name })).toHaveCount(0);
  await context.close();
});
