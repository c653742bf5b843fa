import { expect, test } from './support/test';
import type { Page } from '@playwright/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

async function signIn(page: Page, user: { email: string; password: string }) {
  const signInPage = new SignInPage(page);
  await signInPage.goto();
  await signInPage.signIn(user.email, user.password);
}

async function customerSays(simulator: Page, text: string) {
  await simulator.getByLabel('Message as the customer').fill(text);
  await simulator.getByLabel('Message as the customer').press('Enter');
  await expect(simulator.getByRole('list', { name: "Customer's chat" }).getByText(text)).toBeVisible();
}

test('take over, resolve; the customer writes again and the conversation is back in Requests', async ({ browser }) => {
  const adminContext = await browser.newContext();
  const simulator = await adminContext.newPage();
  await signIn(simulator, demo.admin);
  await simulator.getByRole('link', { name: /Demo Shop/ }).click();
  await simulator.goto('/w/demo-shop/settings/simulator');
  await simulator.getByRole('navigation', { name: 'Simulated channels' }).getByRole('link', { name: 'WhatsApp' }).click();

  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signIn(agent, demo.ben);
  const inbox = new InboxPage(agent);
  await inbox.expectLoaded();
  await inbox.tab('Requests').click();

  const name = `Ops ${Date.now().toString(36)}`;
  await simulator.getByLabel("New customer's name").fill(name);
  await customerSays(simulator, 'Where is my parcel?');
  await expect(simulator).toHaveURL(/customer=/);
  // The welcome flow answers; the customer asks for a person, which makes it a request.
  await expect(simulator.getByRole('list', { name: "Customer's chat" }).getByText(/Welcome to Demo Shop/)).toBeVisible();
  await simulator.getByRole('button', { name: 'Talk to an agent' }).click();

  const row = agent.getByTestId('conversation-row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await row.click();
  const conversation = agent.getByRole('region', { name: 'Conversation' });
  await conversation.getByRole('button', { name: 'Take over' }).click();
  await expect(conversation.getByText('Assigned to Ben Carter')).toBeVisible();
  await expect(conversation.getByText('Ben Carter took over')).toBeVisible();

  await conversation.getByRole('button', { name: 'Resolve' }).click();
  await expect(conversation.getByText(/Resolved by Ben Carter/).first()).toBeVisible();

  // The customer writes again: a new conversation (the bot greets again), and asking for a
  // person puts it back in Requests, live in Ben's list.
  await inbox.tab('Requests').click();
  await expect(agent.getByTestId('conversation-row').filter({ hasText: name })).toHaveCount(0);
  await customerSays(simulator, 'Hello? Still waiting');
  await simulator.getByRole('button', { name: 'Talk to an agent' }).last().click();
  await expect(agent.getByTestId('conversation-row').filter({ hasText: name })).toContainText('Waiting');

  await agentContext.close();
  await adminContext.close();
});

test('take over, reply, hand back to a flow: the bot answers the customer again', async ({ browser }) => {
  const adminContext = await browser.newContext();
  const simulator = await adminContext.newPage();
  await signIn(simulator, demo.admin);
  await simulator.getByRole('link', { name: /Demo Shop/ }).click();
  await simulator.goto('/w/demo-shop/settings/simulator');
  await simulator.getByRole('navigation', { name: 'Simulated channels' }).getByRole('link', { name: 'LINE' }).click();

  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signIn(agent, demo.chloe);
  const inbox = new InboxPage(agent);
  await inbox.expectLoaded();
  await inbox.tab('Bot').click();
  await expect(agent).toHaveURL(/tab=bot/);

  const name = `Flow ${Date.now().toString(36)}`;
  await simulator.getByLabel("New customer's name").fill(name);
  await customerSays(simulator, 'Hi there');
  await expect(simulator).toHaveURL(/customer=/);
  const phone = simulator.getByRole('list', { name: "Customer's chat" });
  await expect(phone.getByText(/Welcome to Demo Shop/)).toHaveCount(1);

  // The bot has it: Chloe takes over from the Bot tab and replies.
  const row = agent.getByTestId('conversation-row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await row.click();
  const conversation = agent.getByRole('region', { name: 'Conversation' });
  await conversation.getByRole('button', { name: 'Take over' }).click();
  await expect(conversation.getByText('Chloe Tan took over from the bot')).toBeVisible();
  await agent.getByLabel('Reply to the customer').fill('Hi! Chloe here. Let me show you our menu.');
  await agent.getByLabel('Reply to the customer').press('Enter');
  await expect(phone.getByText('Hi! Chloe here. Let me show you our menu.')).toBeVisible();

  // Hand back to the welcome flow: the bot greets the customer again, with its quick replies.
  await conversation.getByLabel('Hand back to a bot flow').selectOption({ label: 'Welcome' });
  await expect(phone.getByText(/Welcome to Demo Shop/)).toHaveCount(2);
  await expect(simulator.getByRole('button', { name: 'Talk to an agent' })).toBeVisible();

  await agentContext.close();
  await adminContext.close();
});

test('bulk: an agent selects two requests and follows them up at once', async ({ page }) => {
  await signIn(page, demo.ben);
  const inbox = new InboxPage(page);
  await inbox.expectLoaded();
  await inbox.tab('Requests').click();
  await page.getByRole('button', { name: 'Select conversations' }).click();
  const boxes = page.getByRole('checkbox', { name: /^Select / });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  await expect(bar).toContainText('2 selected');
  await bar.getByRole('button', { name: 'Follow up', exact: true }).click();
  await expect(bar.getByRole('status')).toHaveText('Done for 2 conversations.');
});
