import { createHmac } from 'node:crypto';
import { expect, test } from './support/test';
import type { Page } from '@playwright/test';
import { ConversationPage, sampleFiles, shopMedia } from './pages/conversation-page';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { SimulatorPage } from './pages/simulator-page';
import { demoWidget, ShopWithWidget } from './pages/widget-page';

// The main journeys of a shop's first hour, on a desktop and on a phone. Nothing here
// asserts on errors itself: the shared fixture (support/test.ts) fails each test on any
// uncaught page error or console error, in the inbox, the settings and the widget.

const viewports = [
  { name: 'desktop', size: { width: 1440, height: 900 } },
  { name: 'phone', size: { width: 390, height: 844 } },
] as const;


const settingsPages = [
  'General',
  'Channels',
  'Email',
  'Agents',
  'Teams',
  'Message shortcuts',
  'Text blocks',
  'WhatsApp templates',
  'Customer fields',
  'Flows',
  'Products',
  'Collections',
  'Collection points',
  'Customer simulator',
];

async function signInAsAdmin(page: Page) {
  await new SignInPage(page).signInToDemoShop(demo.admin);
  return new InboxPage(page);
}

for (const { name, size } of viewports) {
  test.describe(`on a ${name} (${size.width}×${size.height})`, () => {
    test.use({ viewport: size });

    test('an admin signs in, works a conversation from first reply to resolved, and visits every settings page', async ({ page }) => {
      test.setTimeout(180_000);
      const stamp = Date.now().toString(36);
      const customer = `Journey ${name} ${stamp}`;

      // Sign in; the list and its tabs.
      const inbox = await signInAsAdmin(page);
      for (const tab of ['Requests', 'Bot', 'All']) {
        await inbox.tab(tab).click();
        await expect(page).toHaveURL(new RegExp(`tab=${tab.toLowerCase()}`));
      }

      // A customer writes on WhatsApp; the admin opens the conversation and takes over.
      await new SimulatorPage(page).newWhatsAppCustomer(customer, 'Hello! Is the linen dress available in M?');
      const conversation = new ConversationPage(page);
      await conversation.open(customer);
      await conversation.takeOver();

      // Reply with each composer action.
      await conversation.expectDelivered(await conversation.sendText(`Yes, we have it in M (${stamp})`));
      await conversation.addNote(`Reserved one M for ${customer}`);
      await conversation.expectDelivered(await conversation.sendLink(shopMedia.image, 'Image', `The dress ${stamp}`));
      await conversation.expectDelivered(await conversation.sendLocation({ latitude: '13.7465', longitude: '100.5348', name: `Demo Shop Siam ${stamp}`, address: '989 Rama I Rd' }));
      await conversation.expectDelivered(await conversation.sendContact({ name: `Store manager ${stamp}`, phone: '+66 2 026 3311', email: 'store@example.com' }));
      await conversation.expectDelivered(await conversation.sendFile(sampleFiles.pdf, `Size chart ${stamp}`));
      await conversation.expectDelivered(await conversation.sendFile(sampleFiles.png, `Colours ${stamp}`));
      await conversation.expectDelivered(await conversation.sendFile(sampleFiles.mp4, `On a model ${stamp}`));
      await conversation.expectDelivered(await conversation.sendShortcut(/Hi Journey, this is Ana Admin from Demo Shop/));
      await conversation.expectDelivered(await conversation.sendTextBlock(/You can return unworn items/));

      // Hand back to the bot, then take over again.
      await (await conversation.action('Resume bot')).click();
      await expect(conversation.panel.getByRole('button', { name: 'Take over' })).toBeVisible();
      await conversation.takeOver();

      // Share a product; create an order, whose summary goes to the chat.
      await conversation.shareProduct('straw', 'Straw sun hat');
      await conversation.createOrder('straw', 'Straw sun hat', '99 Sukhumvit Rd, Bangkok 10110');

      // Resolve.
      await (await conversation.action('Resolve')).click();
      await expect(conversation.panel.getByText('Resolved. The customer')).toBeVisible();

      // Every settings page.
      await page.goto('/w/demo-shop/settings');
      for (const label of settingsPages) {
        await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: label, exact: true }).click();
        await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      }
    });

    test('a visitor chats in the widget on a shop’s page and the agent answers', async ({ browser }) => {
      test.setTimeout(90_000);
      const stamp = Date.now().toString(36);
      const visitor = { identifier: `journey-${name}-${stamp}`, name: `Visitor ${name} ${stamp}`, email: `v.${stamp}@example.com` };
      const hash = createHmac('sha256', demoWidget.hmacToken).update(visitor.identifier).digest('hex');

      const shopContext = await browser.newContext({ viewport: size, permissions: ['local-network-access'] });
      const shop = new ShopWithWidget(await shopContext.newPage());
      await shop.goto({ afterLoader: `<script>Baton('identify', ${JSON.stringify({ ...visitor, hash })});</script>` });
      await shop.open();
      await shop.send('Do you ship to Phuket?');
      await expect(shop.suggestions.getByRole('button', { name: 'Talk to an agent' })).toBeVisible();
      await shop.suggestions.getByRole('button', { name: 'Talk to an agent' }).click();

      const agentContext = await browser.newContext({ viewport: size });
      const agent = await agentContext.newPage();
      await signInAsAdmin(agent);
      const conversation = new ConversationPage(agent);
      await conversation.open(visitor.name);
      await conversation.sendText(`Yes, 2 days to Phuket (${stamp})`);
      await expect(shop.messages.filter({ hasText: `Yes, 2 days to Phuket (${stamp})` })).toBeVisible();

      await agentContext.close();
      await shopContext.close();
    });
  });
}

test('switching quickly between conversations raises no error', async ({ page }) => {
  test.setTimeout(90_000);
  const inbox = await signInAsAdmin(page);
  await inbox.tab('All').click();
  await expect(inbox.rows.nth(7)).toBeVisible();
  // Click through the first rows without waiting for each conversation to finish loading,
  // several times over: the views mount and unmount while their content still resizes.
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 8; i++) await inbox.rows.nth(i).click({ noWaitAfter: true });
  }
  await expect(page.getByRole('region', { name: 'Conversation', exact: true }).getByRole('list', { name: 'Messages', exact: true })).toBeVisible();
});
