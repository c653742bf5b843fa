import { expect, test } from './support/test';
import { ShopWithWidget } from './pages/widget-page';
import { WidgetSettingsPage } from './pages/widget-settings-page';

// "Agents' names and pictures": the website chat's header shows the team's profile pictures,
// served for the chat's token (the widget's Content-Security-Policy allows its own origin).

const localNetwork = { permissions: ['local-network-access'] };
const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAE/wH/2XC6WQAAAABJRU5ErkJggg==', 'base64');

test('the admin uploads a picture and signs replies with names and pictures; the chat’s header shows it', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const settings = new WidgetSettingsPage(page);
  await settings.open();

  await page.goto('/w/demo-shop/profile');
  await page.getByLabel('New picture').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
  await page.getByRole('button', { name: 'Upload picture' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Picture updated.' })).toBeVisible();

  try {
    await page.goto('/w/demo-shop/settings/channels');
    await page.getByRole('link', { name: 'Website chat' }).click();
    await page.getByRole('link', { name: /Appearance, allowed sites/ }).click();
    await settings.form.getByRole('radio', { name: "Agents' names and pictures" }).check();
    await settings.saveAndExpectSaved();

    const shopContext = await browser.newContext(localNetwork);
    const shop = new ShopWithWidget(await shopContext.newPage());
    await shop.goto();
    await shop.open();
    const picture = shop.chat.getByRole('img', { name: 'Ana' });
    await expect(picture).toBeVisible();
    // Loaded (not refused by the page's policy or the route): the browser decoded the image.
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await shopContext.close();

    // Back to names only: no pictures.
    await settings.form.getByRole('radio', { name: "Agents' names", exact: true }).check();
    await settings.saveAndExpectSaved();
    const again = await browser.newContext(localNetwork);
    const shop2 = new ShopWithWidget(await again.newPage());
    await shop2.goto();
    await shop2.open();
    await expect(shop2.chat.getByTestId('widget-agent-picture')).toHaveCount(0);
    await again.close();
  } finally {
    await page.goto('/w/demo-shop/profile');
    await page.getByRole('button', { name: 'Remove picture' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Picture removed.' })).toBeVisible();
    await context.close();
  }
});
