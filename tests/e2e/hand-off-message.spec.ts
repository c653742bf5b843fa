import { expect, test } from './support/test';
import type { Browser, Page } from '@playwright/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { ShopWithWidget } from './pages/widget-page';

// A customer who asks for a person is told, by the bot, that the team will answer: on the
// simulated Messenger, WhatsApp and LINE (the simulator's phone shows only what the fake
// platform accepted) and in the website chat widget. The admin words it in Settings.

const localNetwork = { permissions: ['local-network-access'] };
const DEFAULT_TEXT = 'Thanks, a member of our team will be with you shortly.';

async function adminInDemoShop(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: /Demo Shop/ }).click();
  await new InboxPage(page).expectLoaded();
  return page;
}

/** A new customer on a simulated channel writes `first`; returns their phone. */
async function newCustomer(page: Page, channel: 'Messenger' | 'WhatsApp' | 'LINE', name: string, first: string) {
  await page.goto('/w/demo-shop/settings/simulator');
  const channels = page.getByRole('navigation', { name: 'Simulated channels' });
  await channels.getByRole('link', { name: channel }).click();
  await expect(channels.getByRole('link', { name: channel })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel("New customer's name").fill(name);
  await say(page, first);
  await expect(page).toHaveURL(/customer=/);
  return page.getByRole('list', { name: "Customer's chat" });
}

async function say(page: Page, text: string) {
  await page.getByLabel('Message as the customer').fill(text);
  await page.getByLabel('Message as the customer').press('Enter');
}

test('a customer who asks for a person on Messenger, WhatsApp or LINE is told the team will answer', async ({ browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const page = await adminInDemoShop(browser);

  // Messenger: the welcome flow's button.
  const messenger = await newCustomer(page, 'Messenger', `Handoff FB ${stamp}`, 'Hi, I have a question');
  await expect(messenger.getByText(/Welcome to Demo Shop/)).toBeVisible();
  await page.getByRole('button', { name: 'Talk to an agent' }).click();
  await expect(messenger.getByText(DEFAULT_TEXT)).toHaveCount(1);
  await expect(messenger.getByRole('listitem').last()).toContainText(DEFAULT_TEXT);

  // WhatsApp: typed in the middle of the flow.
  const whatsapp = await newCustomer(page, 'WhatsApp', `Handoff WA ${stamp}`, 'Hello');
  await expect(whatsapp.getByText(/Welcome to Demo Shop/)).toBeVisible();
  await say(page, 'Can I talk to an agent please?');
  await expect(whatsapp.getByText(DEFAULT_TEXT)).toHaveCount(1);

  // LINE: the very first words ask for a person (no flow runs at all).
  const line = await newCustomer(page, 'LINE', `Handoff LINE ${stamp}`, 'I need a human please');
  await expect(line.getByText(DEFAULT_TEXT)).toHaveCount(1);
  await expect(line.getByText(/Welcome to Demo Shop/)).toHaveCount(0);

  // In the inbox the message is the bot's, after the status line, and the request waits.
  await page.goto('/w/demo-shop/inbox?tab=requests');
  const row = page.getByTestId('conversation-row').filter({ hasText: `Handoff FB ${stamp}` });
  await expect(row).toContainText('Waiting');
  await row.click();
  const history = page.getByRole('list', { name: 'Messages' });
  await expect(history.getByText('Customer asked for an agent')).toBeVisible();
  await expect(history.getByRole('listitem').filter({ hasText: DEFAULT_TEXT })).toContainText('Bot');

  await page.context().close();
});

test('a website visitor who taps “Talk to an agent” is told the team will answer', async ({ browser }) => {
  const context = await browser.newContext(localNetwork);
  const shop = new ShopWithWidget(await context.newPage());
  await shop.goto();
  await shop.open();
  await shop.send(`Hi! Is the linen dress in stock? (${Date.now().toString(36)})`);
  await expect(shop.suggestions.getByRole('button', { name: 'Talk to an agent' })).toBeVisible();
  await shop.suggestions.getByRole('button', { name: 'Talk to an agent' }).click();
  const told = shop.message(DEFAULT_TEXT);
  await expect(told).toHaveCount(1);
  await expect(told).toHaveAttribute('data-from', 'bot');
  await context.close();
});

test('the admin rewords the hand-off message and the next hand-off uses it; turned off, nothing is sent', async ({ browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const page = await adminInDemoShop(browser);
  const form = page.getByRole('form', { name: 'Hand-off message' });
  const save = async () => {
    await form.getByRole('button', { name: 'Save hand-off message' }).click();
    await expect(form.getByRole('status')).toHaveText('Saved.');
  };

  await page.goto('/w/demo-shop/settings');
  await expect(form.getByLabel('Hand-off message')).toHaveValue(DEFAULT_TEXT);
  await expect(form.getByRole('checkbox', { name: /Tell the customer/ })).toBeChecked();
  const worded = `Hang tight! A stylist from Demo Shop is on the way (${stamp}).`;
  await form.getByLabel('Hand-off message').fill(worded);
  await form.getByRole('checkbox', { name: /Add the expected wait/ }).uncheck();
  await save();
  await page.reload();
  await expect(form.getByLabel('Hand-off message')).toHaveValue(worded);
  await expect(form.getByRole('checkbox', { name: /Add the expected wait/ })).not.toBeChecked();

  const phone = await newCustomer(page, 'Messenger', `Reworded ${stamp}`, 'Hello there');
  await expect(phone.getByText(/Welcome to Demo Shop/)).toBeVisible();
  await page.getByRole('button', { name: 'Talk to an agent' }).click();
  await expect(phone.getByRole('listitem').last()).toHaveText(worded);
  await expect(phone.getByText(DEFAULT_TEXT)).toHaveCount(0);

  // Turned off: the customer lands in Requests and hears nothing until an agent writes.
  await page.goto('/w/demo-shop/settings');
  await form.getByRole('checkbox', { name: /Tell the customer/ }).uncheck();
  await save();
  const quiet = await newCustomer(page, 'WhatsApp', `Quiet ${stamp}`, 'Hello');
  await expect(quiet.getByText(/Welcome to Demo Shop/)).toBeVisible();
  await page.getByRole('button', { name: 'Talk to an agent' }).click();
  await expect(quiet.getByText('Talk to an agent')).toBeVisible();
  const simulatorUrl = page.url();
  await page.goto('/w/demo-shop/inbox?tab=requests');
  await page.getByTestId('conversation-row').filter({ hasText: `Quiet ${stamp}` }).click();
  await page.getByLabel('Reply to the customer').fill(`Hi, Ana here (${stamp})`);
  await page.getByLabel('Reply to the customer').press('Enter');
  // Sent before leaving the page: the platform has it.
  const reply = page.getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: `Hi, Ana here (${stamp})` });
  await expect(reply.getByTestId('delivery-status')).toHaveAttribute('data-status', /sent|delivered|read/);
  await page.goto(simulatorUrl);
  await expect(quiet.getByRole('listitem').last()).toHaveText(`Hi, Ana here (${stamp})`);
  await expect(quiet.getByText(worded)).toHaveCount(0);

  // Back to the default for everyone else.
  await page.goto('/w/demo-shop/settings');
  await form.getByRole('checkbox', { name: /Tell the customer/ }).check();
  await form.getByRole('checkbox', { name: /Add the expected wait/ }).check();
  await form.getByLabel('Hand-off message').fill(DEFAULT_TEXT);
  await save();
  await page.context().close();
});
