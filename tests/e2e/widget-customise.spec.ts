import type { Browser } from '@playwright/test';
import { expect, test } from './support/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { ShopWithWidget } from './pages/widget-page';
import { WidgetSettingsPage } from './pages/widget-settings-page';

// A shop makes the website chat its own in Settings → Channels → Website chat, watching a
// live preview, and its site's launcher and chat follow; when nobody can answer, the chat
// hides or collects an email and a message for later.

const localNetwork = { permissions: ['local-network-access'] };
const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAE/wH/2XC6WQAAAABJRU5ErkJggg==', 'base64');

async function settingsPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const settings = new WidgetSettingsPage(page);
  await settings.open();
  return { context, settings, page };
}

// Every test here changes the demo channel's chat; put it back whatever happened.
test.afterEach(async ({ browser }) => {
  const { context, settings } = await settingsPage(browser);
  await settings.restoreDefaults();
  await context.close();
});

test('the admin customises the chat with a live preview, and the shop’s site shows it in German', async ({ browser }) => {
  test.setTimeout(90_000);
  const { settings, page } = await settingsPage(browser);
  const { form, preview, previewLauncher } = settings;

  // Colour, side, offsets and label: the preview's launcher follows as the admin types.
  await settings.field('Brand colour').fill('#7c3aed');
  await expect(previewLauncher).toHaveCSS('background-color', 'rgb(124, 58, 237)');
  await expect(preview.locator('header')).toHaveCSS('background-color', 'rgb(124, 58, 237)');
  await form.getByRole('radio', { name: 'Bottom left' }).check();
  await expect(previewLauncher).toHaveAttribute('data-position', 'left');
  await settings.field('Distance from the side (px)').fill('40');
  await settings.field('Distance from the bottom (px)').fill('30');
  await form.getByRole('radio', { name: 'Headset' }).check();
  await settings.field('Launcher label').fill('Fragen?');
  await expect(previewLauncher).toContainText('Fragen?');
  await settings.field('Subtitle').fill('Wir sprechen Deutsch');
  await expect(preview.getByTestId('widget-subtitle')).toHaveText('Wir sprechen Deutsch');

  // The widget's own texts switch language in the preview.
  await expect(preview.getByPlaceholder('Write a message…')).toBeVisible();
  await settings.field("Language of the chat's own texts").selectOption('de');
  await expect(preview.getByPlaceholder('Nachricht schreiben…')).toBeVisible();
  await expect(previewLauncher).toHaveAttribute('aria-label', 'Chat öffnen');

  // The dark theme turns the chat's page dark; back to light for the shop.
  await settings.field('Theme').selectOption('dark');
  await expect(preview.locator('[data-widget-theme]')).toHaveCSS('background-color', 'rgb(11, 17, 32)');
  await settings.field('Theme').selectOption('light');
  await expect(preview.locator('[data-widget-theme]')).not.toHaveCSS('background-color', 'rgb(11, 17, 32)');

  // Signing replies with the shop's name and logo; the logo can be removed again.
  await form.getByRole('radio', { name: "The shop's name and logo" }).check();
  await expect(preview.getByTestId('message-author')).toHaveText('Chat with us');
  await settings.field('Logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
  await expect(preview.getByTestId('widget-logo').first()).toBeVisible();
  await form.getByRole('button', { name: 'Remove logo' }).click();
  await expect(preview.getByTestId('widget-logo')).toHaveCount(0);
  await expect(form.getByText('No logo')).toBeVisible();
  await form.getByRole('radio', { name: "Agents' names", exact: true }).check();
  await expect(preview.getByTestId('message-author')).toHaveText('Ana');

  // A preview of the offline form while nobody is available.
  await form.getByRole('radio', { name: 'see a form for their email and message' }).check();
  await page.getByRole('checkbox', { name: 'Show as when nobody is available' }).check();
  await expect(preview.getByRole('heading', { name: 'Hinterlass uns eine Nachricht' })).toBeVisible();
  await expect(preview.getByTestId('widget-away')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Show as when nobody is available' }).uncheck();
  await expect(preview.getByPlaceholder('Nachricht schreiben…')).toBeVisible();
  await form.getByRole('radio', { name: 'can chat anyway' }).check();

  // A bad colour is refused next to the field, and nothing is saved.
  await settings.field('Brand colour').fill('purple');
  await settings.save.click();
  await expect(settings.field('Brand colour')).toHaveAccessibleDescription('Choose a colour like #0f766e');
  await expect(form.getByRole('status')).toHaveText('Choose a colour like #0f766e');
  await settings.field('Brand colour').fill('#7c3aed');
  await settings.saveAndExpectSaved();

  // The shop's site (the admin is online, so the chat is available): the launcher takes the look.
  const shopContext = await browser.newContext({ ...localNetwork, viewport: { width: 1280, height: 800 } });
  const shopPage = await shopContext.newPage();
  const shop = new ShopWithWidget(shopPage);
  await shop.load();
  const launcher = shopPage.getByRole('button', { name: 'Chat öffnen' });
  await expect(launcher).toBeVisible();
  await expect(launcher).toHaveCSS('background-color', 'rgb(124, 58, 237)');
  await expect(launcher).toContainText('Fragen?');
  const box = (await launcher.boundingBox())!;
  expect(Math.round(box.x)).toBe(40);
  expect(Math.round(800 - box.y - box.height)).toBe(30);

  await launcher.click();
  await expect(shopPage.getByRole('button', { name: 'Chat schließen' })).toBeVisible();
  await expect(shop.chat.getByPlaceholder('Nachricht schreiben…')).toBeVisible();
  await expect(shop.chat.getByTestId('widget-subtitle')).toHaveText('Wir sprechen Deutsch');
  await expect(shop.chat.getByRole('button', { name: 'Chat schließen' })).toBeVisible();
  await shopContext.close();
  await page.context().close();
});

test('with nobody online and "hide" set, the shop’s site shows no launcher', async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, settings } = await settingsPage(browser);
  await settings.form.getByRole('checkbox', { name: 'Hide the launcher while nobody is available' }).check();
  await settings.saveAndExpectSaved();
  // The admin leaves: nobody is connected any more.
  await context.close();

  // Availability is cached for a few seconds: ask again, in a fresh browser each time, until it tells.
  await expect(async () => {
    const shopContext = await browser.newContext(localNetwork);
    try {
      const shopPage = await shopContext.newPage();
      const { config } = await new ShopWithWidget(shopPage).load();
      expect(config).toMatchObject({ available: false, hideWhenUnavailable: true });
      await expect(shopPage.locator('#baton-chat')).toHaveCount(0);
      await expect(shopPage.getByRole('heading', { name: 'Demo Shop' })).toBeVisible();
    } finally {
      await shopContext.close();
    }
  }).toPass({ timeout: 30_000 });
});

test('with nobody online the offline form takes an email and a message; an agent finds the request in the inbox', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const email = `mia.${stamp}@example.com`;
  const question = `Will the linen dress be back in size S? (${stamp})`;

  const { context, settings } = await settingsPage(browser);
  await settings.form.getByRole('radio', { name: 'see a form for their email and message' }).check();
  await settings.field('Away message').fill(`Back tomorrow at nine (${stamp})`);
  await settings.saveAndExpectSaved();
  await context.close();

  const shopContext = await browser.newContext(localNetwork);
  const shopPage = await shopContext.newPage();
  const shop = new ShopWithWidget(shopPage);
  const offlineForm = shop.chat.getByTestId('offline-form');
  await expect(async () => {
    await shop.goto();
    await shop.launcher.click();
    await expect(offlineForm).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await expect(shop.chat.getByTestId('widget-away')).toHaveText(`Back tomorrow at nine (${stamp})`);

  // Sending without an email or a message says what is missing.
  const send = offlineForm.getByRole('button', { name: 'Send message' });
  await send.click();
  await expect(offlineForm.getByText('Enter an email address like name@example.com')).toBeVisible();
  await expect(offlineForm.getByText('Write a message first')).toBeVisible();
  await offlineForm.getByLabel('Your email').fill('mia at example');
  await offlineForm.getByLabel('Your message').fill(question);
  await send.click();
  await expect(offlineForm.getByText('Enter an email address like name@example.com')).toBeVisible();
  await offlineForm.getByLabel('Your email').fill(email);
  await send.click();
  await expect(shop.chat.getByTestId('offline-sent')).toHaveText(`Thanks! We got your message and will reply to ${email}.`);
  await expect(shop.visitorMessage(question)).toBeVisible();
  await shopContext.close();

  // Later an agent signs in and finds it waiting, with the visitor's email.
  const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const agent = await agentContext.newPage();
  const signIn = new SignInPage(agent);
  await signIn.goto();
  await signIn.signIn(demo.ben.email, demo.ben.password);
  const inbox = new InboxPage(agent);
  await inbox.expectLoaded();
  const row = inbox.rows.filter({ hasText: question });
  await expect(row).toBeVisible();
  await row.click();
  await expect(agent.getByRole('list', { name: 'Messages' })).toContainText(question);
  await expect(agent.getByRole('complementary', { name: 'Customer info' })).toContainText(email);
  await agentContext.close();
});
