import type { Browser, Locator, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { ConversationPage, sampleFiles } from './pages/conversation-page';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

// A customer on Messenger (played through the simulator, which sends correctly signed
// webhooks) and an agent in the inbox, in separate browser contexts.
test('a customer writes on Messenger, the agent sees it live, replies, and the customer gets the reply', async ({ browser }) => {
  test.setTimeout(60_000); // three people sign in
  const adminContext = await browser.newContext();
  const simulator = await adminContext.newPage();
  const adminSignIn = new SignInPage(simulator);
  await adminSignIn.goto();
  await adminSignIn.signIn(demo.admin.email, demo.admin.password);
  await simulator.getByRole('link', { name: /Demo Shop/ }).click();
  await simulator.goto('/w/demo-shop/settings/simulator');

  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  const agentSignIn = new SignInPage(agent);
  await agentSignIn.goto();
  await agentSignIn.signIn(demo.ben.email, demo.ben.password);
  const inbox = new InboxPage(agent);
  await inbox.expectLoaded();
  await inbox.tab('Requests').click();
  await expect(agent).toHaveURL(/tab=requests/);

  // A second agent watches the All tab at the same time.
  const chloeContext = await browser.newContext();
  const chloe = await chloeContext.newPage();
  const chloeSignIn = new SignInPage(chloe);
  await chloeSignIn.goto();
  await chloeSignIn.signIn(demo.chloe.email, demo.chloe.password);
  const chloeInbox = new InboxPage(chloe);
  await chloeInbox.expectLoaded();
  await chloeInbox.tab('All').click();
  await expect(chloe).toHaveURL(/tab=all/);

  const name = `Mali ${Date.now().toString(36)}`;
  await simulator.getByLabel("New customer's name").fill(name);
  await simulator.getByLabel('Message as the customer').fill('Hi! Do you ship to Chiang Mai?');
  await simulator.getByLabel('Message as the customer').press('Enter');
  await expect(simulator).toHaveURL(/customer=/);

  // The welcome flow answers first, with its quick replies; the customer asks for a person.
  const phone = simulator.getByRole('list', { name: "Customer's chat" });
  await expect(phone.getByText(/Welcome to Demo Shop/)).toBeVisible();
  await simulator.getByRole('button', { name: 'Talk to an agent' }).click();

  // Live: the new request appears in Ben's Requests tab without a reload.
  const row = agent.getByTestId('conversation-row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Waiting');
  // …and in Chloe's list too, without a reload.
  await expect(chloe.getByTestId('conversation-row').filter({ hasText: name })).toBeVisible();
  await row.click();
  await agent.getByLabel('Reply to the customer').fill('Yes! 2–3 days to Chiang Mai.');
  await agent.getByLabel('Reply to the customer').press('Enter');
  await expect(agent.getByText('Ben Carter replied and took the conversation')).toBeVisible();
  await expect(agent.getByRole('list', { name: 'Messages' }).getByText('Yes! 2–3 days to Chiang Mai.')).toBeVisible();

  // The customer's phone shows the reply once the platform accepted it.
  await expect(simulator.getByRole('list', { name: "Customer's chat" }).getByText('Yes! 2–3 days to Chiang Mai.')).toBeVisible();

  await chloeContext.close();
  await agentContext.close();
  await adminContext.close();
});

// The phone draws what the shop sends as the customer's app does, not as titles.

async function adminOnSimulator(browser: Browser, channel: 'Messenger' | 'WhatsApp' | 'LINE') {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: /Demo Shop/ }).click();
  await new InboxPage(page).expectLoaded();
  await page.goto('/w/demo-shop/settings/simulator');
  const channels = page.getByRole('navigation', { name: 'Simulated channels' });
  await channels.getByRole('link', { name: channel }).click();
  await expect(channels.getByRole('link', { name: channel })).toHaveAttribute('aria-current', 'page');
  return page;
}

async function customerWrites(page: Page, name: string, text: string) {
  await page.getByLabel("New customer's name").fill(name);
  await page.getByLabel('Message as the customer').fill(text);
  await page.getByLabel('Message as the customer').press('Enter');
  await expect(page).toHaveURL(/customer=/);
}

/** The picture is on screen and was loaded from Baton's own files. */
async function expectLoadedPicture(image: Locator) {
  await expect(image).toBeVisible();
  await expect(image).toHaveAttribute('src', /^\/api\/files\/[0-9a-f-]{36}$/);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
}

test('Messenger: product cards with picture, price and Buy, and a button template whose buttons work', async ({ browser }) => {
  test.setTimeout(90_000);
  const simulator = await adminOnSimulator(browser, 'Messenger');
  await customerWrites(simulator, `Shopper ${Date.now().toString(36)}`, 'Hi there');
  const phone = simulator.getByRole('list', { name: "Customer's chat" });
  await expect(phone.getByText(/Welcome to Demo Shop/)).toBeVisible();
  await simulator.getByRole('button', { name: 'Browse products' }).click();

  // The show-products step sends Messenger generic templates: a card per product.
  const hat = phone.getByRole('article', { name: 'Product: Straw sun hat' });
  await expect(hat).toBeVisible();
  await expectLoadedPicture(hat.getByRole('img', { name: 'Straw sun hat' }));
  await expect(hat).toContainText('฿790.00');
  await expect(hat.getByRole('button', { name: 'Buy' })).toBeVisible();
  await expect(phone.getByRole('article', { name: 'Product: Canvas tote' })).toContainText('฿590.00');

  // "Anything else?" is a button template: its buttons sit in the bubble.
  const anythingElse = phone.getByRole('listitem').filter({ hasText: 'Anything else?' }).last();
  await expect(anythingElse.getByRole('button', { name: 'Back to menu' })).toBeVisible();
  await expect(anythingElse.getByRole('button', { name: 'Talk to an agent' })).toBeVisible();
  await anythingElse.getByRole('button', { name: 'Back to menu' }).click();
  await expect(phone.getByText(/Welcome to Demo Shop/)).toHaveCount(2);

  // Buy on the card starts the checkout flow for that product.
  await hat.getByRole('button', { name: 'Buy' }).click();
  await expect(phone.getByText(/How many would you like\?/)).toBeVisible();
  await simulator.context().close();
});

test('WhatsApp: a picture, a location and an approved template arrive as the customer sees them', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const customer = `Phone Tester ${stamp}`;
  const simulator = await adminOnSimulator(browser, 'WhatsApp');
  await customerWrites(simulator, customer, 'Can you send me a photo and where you are?');

  // Ana answers from the inbox in another tab.
  const agent = await simulator.context().newPage();
  const conversation = new ConversationPage(agent);
  await conversation.open(customer);
  await conversation.takeOver();
  await conversation.expectDelivered(await conversation.sendFile(sampleFiles.png, `Colour swatch ${stamp}`));
  const place = { latitude: '13.7465', longitude: '100.5348', name: `Demo Shop Siam ${stamp}`, address: '989 Rama I Rd, Bangkok' };
  await conversation.expectDelivered(await conversation.sendLocation(place));

  const phone = simulator.getByRole('list', { name: "Customer's chat" });
  const picture = phone.getByRole('figure').filter({ hasText: `Colour swatch ${stamp}` });
  await expect(picture).toBeVisible();
  await expectLoadedPicture(picture.getByRole('img', { name: `Colour swatch ${stamp}` }));
  const location = phone.getByRole('article', { name: `Location: ${place.name}` });
  await expect(location).toBeVisible();
  await expect(location).toContainText(place.address);
  await expect(location.getByRole('link', { name: /Open in Maps \(13\.7465, 100\.5348\)/ })).toHaveAttribute('href', /google\.com\/maps\/search\/\?api=1&query=13\.7465%2C100\.5348/);
  await agent.close();

  // Past 24 hours only a template may be sent: Chloe sends Anan one; his phone shows the
  // filled-in text, not the template's name.
  const chloeContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const chloe = await chloeContext.newPage();
  const chloeSignIn = new SignInPage(chloe);
  await chloeSignIn.goto();
  await chloeSignIn.signIn(demo.chloe.email, demo.chloe.password);
  await new InboxPage(chloe).expectLoaded();
  const anan = new ConversationPage(chloe);
  await anan.open('Anan Boonmee');
  const order = `#${Date.now().toString().slice(-6)}`;
  await anan.expectDelivered(await anan.sendTemplate('Anan', order));
  await chloeContext.close();

  await simulator.getByRole('link', { name: 'Anan Boonmee' }).click();
  await expect(simulator).toHaveURL(/customer=/);
  const template = phone.getByTestId('phone-template').filter({ hasText: `your Demo Shop order ${order} has been shipped` });
  await expect(template).toBeVisible();
  await expect(phone.getByText(/Template: order_update/)).toHaveCount(0);
  await simulator.context().close();
});
