import type { Browser } from '@playwright/test';
import { expect, test } from './support/test';
import { ShopWithWidget } from './pages/widget-page';
import { WidgetSettingsPage } from './pages/widget-settings-page';

// Two of the website chat's settings, seen from the shop's site: "Use the visitor's browser
// language" (the chat's own texts in the visitor's language when the chat has it) and
// "Follow the business hours" (outside them the chat is away, though someone is online).

const localNetwork = { permissions: ['local-network-access'] };
const SHOP_ZONE = 'Asia/Bangkok';
const dateInShop = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: SHOP_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

async function settingsPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const settings = new WidgetSettingsPage(page);
  await settings.open();
  return { context, settings, page };
}

test.afterEach(async ({ browser }) => {
  const { context, settings } = await settingsPage(browser);
  await settings.restoreDefaults();
  await context.close();
});

/** The shop's site in a browser whose language is `locale`, the chat opened. */
async function openShopIn(browser: Browser, locale: string) {
  const context = await browser.newContext({ ...localNetwork, locale });
  const shop = new ShopWithWidget(await context.newPage());
  await shop.load();
  return { context, shop };
}

test('"Use the visitor\'s browser language": a German browser gets the chat in German, a French one the shop\'s language', async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, settings } = await settingsPage(browser);
  const follow = settings.form.getByRole('checkbox', { name: "Use the visitor's browser language when the chat has it" });
  await follow.check();
  await settings.saveAndExpectSaved();

  const german = await openShopIn(browser, 'de-DE');
  await german.context.pages()[0]!.getByRole('button', { name: 'Chat öffnen' }).click();
  await expect(german.shop.chat.getByPlaceholder('Nachricht schreiben…')).toBeVisible();
  await german.context.close();

  // The chat has no French: the shop's own choice (English).
  const french = await openShopIn(browser, 'fr-FR');
  await french.context.pages()[0]!.getByRole('button', { name: 'Open chat' }).click();
  await expect(french.shop.chat.getByPlaceholder('Write a message…')).toBeVisible();
  await french.context.close();

  // Turned off: the German browser gets the shop's language too.
  await follow.uncheck();
  await settings.saveAndExpectSaved();
  const again = await openShopIn(browser, 'de-DE');
  await again.context.pages()[0]!.getByRole('button', { name: 'Open chat' }).click();
  await expect(again.shop.chat.getByPlaceholder('Write a message…')).toBeVisible();
  await again.context.close();
  await context.close();
});

test('"Follow the business hours": on a closed day the chat is away although the admin is online; not following, it is available', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const { context, settings, page } = await settingsPage(browser);

  // Business hours with today closed (in the shop's calendar).
  await page.goto('/w/demo-shop/settings/business-hours');
  const hours = page.getByRole('form', { name: 'Business hours' });
  await hours.getByRole('checkbox', { name: /Keep business hours/ }).check();
  // Earlier tests may have left closed dates: start from none, so today is closed date 1.
  const removeFirst = hours.getByRole('button', { name: 'Remove closed date 1' });
  while ((await removeFirst.count()) > 0) await removeFirst.click();
  await hours.getByRole('button', { name: 'Add closed date' }).click();
  await hours.getByLabel('Closed date 1', { exact: true }).fill(dateInShop(new Date()));
  await hours.getByLabel('Name of closed date 1').fill(`Inventory ${stamp}`);
  await hours.getByRole('button', { name: 'Save business hours' }).click();
  await expect(hours.getByRole('status')).toHaveText('Saved.');

  try {
    await page.goto('/w/demo-shop/settings/channels');
    await page.getByRole('link', { name: 'Website chat' }).click();
    await page.getByRole('link', { name: /Appearance, allowed sites/ }).click();
    await settings.form.getByRole('checkbox', { name: /Follow the business hours/ }).check();
    await settings.saveAndExpectSaved();

    // Availability is cached for a few seconds: a fresh visitor each time, until it tells.
    await expect(async () => {
      const { context: shopContext, shop } = await openShopIn(browser, 'en-US');
      try {
        await shop.open();
        await expect(shop.chat.getByTestId('widget-away')).toBeVisible({ timeout: 2_000 });
        await expect(shop.chat.getByTestId('widget-reply-time')).toHaveCount(0);
      } finally {
        await shopContext.close();
      }
    }).toPass({ timeout: 40_000 });

    // Not following them: the admin is online, so the chat is available.
    await settings.form.getByRole('checkbox', { name: /Follow the business hours/ }).uncheck();
    await settings.saveAndExpectSaved();
    await expect(async () => {
      const { context: shopContext, shop } = await openShopIn(browser, 'en-US');
      try {
        await shop.open();
        await expect(shop.chat.getByTestId('widget-away')).toHaveCount(0, { timeout: 2_000 });
      } finally {
        await shopContext.close();
      }
    }).toPass({ timeout: 40_000 });
  } finally {
    // The shop counts as always open for the other tests.
    await page.goto('/w/demo-shop/settings/business-hours');
    await hours.getByRole('button', { name: 'Remove closed date 1' }).click();
    await hours.getByRole('checkbox', { name: /Keep business hours/ }).uncheck();
    await hours.getByRole('button', { name: 'Save business hours' }).click();
    await expect(hours.getByRole('status')).toHaveText('Saved.');
    await context.close();
  }
});
