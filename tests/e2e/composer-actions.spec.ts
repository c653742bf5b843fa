import { createHmac } from 'node:crypto';
import { expect, test } from './support/test';
import type { Browser, Page } from '@playwright/test';
import { ConversationPage, sampleFiles, shopMedia } from './pages/conversation-page';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { demoWidget, ShopWithWidget } from './pages/widget-page';

// Every composer action an agent has, on every channel that allows it, checked at the
// other end: on Messenger, WhatsApp and LINE the simulated platform must accept the request
// (it refuses a malformed one as Meta and LINE do, and the message then shows "Failed");
// on the website chat the visitor's widget must show it. A fresh customer per channel
// (played through the simulator, or a visitor on a shop page) keeps the tests independent
// of the seeded conversations.

const localNetwork = { permissions: ['local-network-access'] };
const place = { latitude: '13.7465', longitude: '100.5348', name: 'Demo Shop Siam', address: '989 Rama I Rd, Bangkok' };
const person = { name: 'Somsak Courier', phone: '+66 81 234 5678', email: 'somsak@example.com' };
const greeting = /Hi \S+, this is Ana Admin from Demo Shop/;
const returnPolicy = /You can return unworn items with their tags within 14 days/;

async function signedIn(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(who.email, who.password);
  // Ana belongs to two shops and picks one; the others land in the inbox.
  if (who === demo.admin) await page.getByRole('link', { name: /Demo Shop/ }).click();
  await new InboxPage(page).expectLoaded();
  return page;
}
const signedInAdmin = (browser: Browser) => signedIn(browser, demo.admin);

/** Plays a new customer writing on a simulated channel; returns their name. */
async function newSimulatedCustomer(page: Page, channelLabel: string, name: string) {
  await page.goto('/w/demo-shop/settings/simulator');
  await page.getByRole('navigation', { name: 'Simulated channels' }).getByRole('link', { name: channelLabel }).click();
  await expect(page.getByRole('navigation', { name: 'Simulated channels' }).getByRole('link', { name: channelLabel })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel("New customer's name").fill(name);
  await page.getByLabel('Message as the customer').fill('Hi, I have a question about my order');
  await page.getByLabel('Message as the customer').press('Enter');
  await expect(page).toHaveURL(/customer=/);
}

for (const channel of ['WhatsApp', 'Messenger', 'LINE'] as const) {
  test(`${channel}: each composer action reaches the platform`, async ({ browser }) => {
    test.setTimeout(120_000);
    const stamp = Date.now().toString(36);
    const customer = `${channel} Tester ${stamp}`;
    const page = await signedInAdmin(browser);
    await newSimulatedCustomer(page, channel, customer);

    const conversation = new ConversationPage(page);
    await conversation.open(customer);
    await conversation.takeOver();

    const delivered = async (sent: Promise<ReturnType<ConversationPage['sent']>>) => conversation.expectDelivered(await sent);
    await delivered(conversation.sendText(`Your parcel left today (${stamp})`));
    const note = await conversation.addNote(`Customer prefers evening delivery (${stamp})`);
    await expect(note.getByTestId('delivery-status')).toHaveCount(0);
    // Link, location and contact are panels inside the composer: sending one must not
    // reload the page or close the conversation.
    await delivered(conversation.sendLink(shopMedia.image, 'Image', `Lookbook ${stamp}`));
    await expect(page).toHaveURL(/[?&]c=[0-9a-f-]{36}/);
    await delivered(conversation.sendLocation({ ...place, name: `${place.name} ${stamp}` }));
    await delivered(conversation.sendContact({ ...person, name: `${person.name} ${stamp}` }));
    await delivered(conversation.sendFile(sampleFiles.pdf, `Size guide ${stamp}`));
    await delivered(conversation.sendFile(sampleFiles.png, `Colour swatch ${stamp}`));
    await delivered(conversation.sendFile(sampleFiles.mp4, `Fitting video ${stamp}`));
    await delivered(conversation.sendShortcut(greeting));
    await delivered(conversation.sendTextBlock(returnPolicy));
    await expect(conversation.panel.getByRole('heading', { name: customer })).toBeVisible();

    await page.context().close();
  });
}

test('WhatsApp past 24 hours: an approved template reaches the platform', async ({ browser }) => {
  // Anan's conversation is Chloe's (demo/seed/demo-script-whatsapp.ts).
  const page = await signedIn(browser, demo.chloe);
  const conversation = new ConversationPage(page);
  await conversation.open('Anan Boonmee');
  await conversation.expectDelivered(await conversation.sendTemplate('Anan', `#${Date.now().toString().slice(-6)}`));
  await page.context().close();
});

test('Website chat: each composer action reaches the visitor’s widget', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const visitor = { identifier: `composer-${stamp}`, name: `Web Tester ${stamp}`, email: `web.${stamp}@example.com` };
  const hash = createHmac('sha256', demoWidget.hmacToken).update(visitor.identifier).digest('hex');

  const shopContext = await browser.newContext(localNetwork);
  const shop = new ShopWithWidget(await shopContext.newPage());
  await shop.goto({ afterLoader: `<script>Baton('identify', ${JSON.stringify({ ...visitor, hash })});</script>` });
  await shop.open();
  await shop.send('Hi, I have a question about my order');
  await expect(shop.visitorMessage('I have a question')).toBeVisible();

  const page = await signedInAdmin(browser);
  const conversation = new ConversationPage(page);
  await conversation.open(visitor.name);
  await conversation.takeOver();

  const seen = (text: string | RegExp) => expect(shop.messages.filter({ hasText: text }).last()).toBeVisible();
  await conversation.sendText(`Your parcel left today (${stamp})`);
  await seen(`Your parcel left today (${stamp})`);
  await conversation.addNote(`Internal only ${stamp}`);
  await conversation.sendLink(shopMedia.image, 'Image', `Lookbook ${stamp}`);
  await seen(`Lookbook ${stamp}`);
  await conversation.sendLocation({ ...place, name: `${place.name} ${stamp}` });
  await expect(shop.messages.last().getByRole('link', { name: /Open in maps/ })).toBeVisible();
  await conversation.sendContact({ ...person, name: `${person.name} ${stamp}` });
  await expect(shop.messages.last()).toContainText(person.phone);
  await conversation.sendFile(sampleFiles.pdf, `Size guide ${stamp}`);
  await seen(`Size guide ${stamp}`);
  await expect(shop.messages.filter({ hasText: `Size guide ${stamp}` }).last()).toContainText(sampleFiles.pdf.name);
  await conversation.sendFile(sampleFiles.png, `Colour swatch ${stamp}`);
  await expect(shop.messages.filter({ hasText: `Colour swatch ${stamp}` }).last().getByRole('img')).toBeVisible();
  await conversation.sendFile(sampleFiles.mp4, `Fitting video ${stamp}`);
  await expect(shop.messages.filter({ hasText: `Fitting video ${stamp}` }).last().locator('video')).toHaveCount(1);
  await conversation.sendShortcut(greeting);
  await seen(greeting);
  await conversation.sendTextBlock(returnPolicy);
  await seen(returnPolicy);
  // The note stayed internal.
  await expect(shop.messages.filter({ hasText: `Internal only ${stamp}` })).toHaveCount(0);

  await page.context().close();
  await shopContext.close();
});
