import type { Browser } from '@playwright/test';
import { expect, test } from './support/test';
import { ConversationPage } from './pages/conversation-page';
import { InboxPage } from './pages/inbox-page';
import { SimulatorPage } from './pages/simulator-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { customerWroteEarlier, optinsOf } from './support/database';

// Messenger notification opt-ins: the agent asks from the composer, the customer accepts on
// the simulated phone (the fake Meta issues a token and sends messaging_optins), and after
// the 24 h window the agent's text goes out with that token, once per week, until the
// customer stops the notifications.

async function adminSignedIn(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: /Demo Shop/ }).click();
  await new InboxPage(page).expectLoaded();
  return page;
}

test('the agent asks a Messenger customer to opt in, the customer accepts, and after 24 h a text goes out as the weekly notification', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const customer = `Optin Tester ${stamp}`;
  const simulatorPage = await adminSignedIn(browser);
  const simulator = new SimulatorPage(simulatorPage);
  await simulator.goto();
  await simulator.choose('Messenger');
  await simulator.newCustomer(customer, 'Do you have any sales coming up?');
  await expect(simulator.phone.getByText(/Welcome to Demo Shop/)).toBeVisible();

  const agent = await simulatorPage.context().newPage();
  const conversation = new ConversationPage(agent);
  await conversation.open(customer);
  await conversation.takeOver();

  // The Opt-in attachment opens its form (Cancel closes it); the request goes out as Meta's template.
  const optinButton = conversation.attachments.getByRole('button', { name: 'Opt-in' });
  const form = agent.getByRole('region', { name: 'Ask to opt in to notifications' });
  await optinButton.click();
  await expect(optinButton).toHaveAttribute('aria-pressed', 'true');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toHaveCount(0);
  await optinButton.click();
  await form.getByLabel('What they get (title)').fill(`Weekly deals ${stamp}`);
  await form.getByLabel('How often').selectOption('WEEKLY');
  await form.getByRole('button', { name: 'Send opt-in request' }).click();
  await expect(form).toHaveCount(0);
  const request = conversation.sent(`Notification opt-in request (weekly): Weekly deals ${stamp}`);
  await conversation.expectDelivered(request);

  // The customer's phone shows the request as a card; they tap Get messages.
  const card = simulator.phone.getByTestId('phone-optin').filter({ hasText: `Weekly deals ${stamp}` });
  await expect(card).toBeVisible();
  await expect(card).toContainText('weekly');
  await card.getByRole('button', { name: 'Get messages' }).click();

  // The opt-in reached Baton through the webhook: a status line, and the token stored.
  await expect(conversation.messages.getByText(`Customer opted in to weekly notifications (“Weekly deals ${stamp}”)`)).toBeVisible();
  const [stored] = await optinsOf(customer);
  expect(stored).toMatchObject({ frequency: 'WEEKLY', status: 'active', lastSentAt: null });

  // Eight days later only the opt-in can reach the customer; the composer says so.
  await customerWroteEarlier('demo-shop', customer, 8 * 24);
  await agent.reload();
  const notice = agent.getByTestId('reply-window');
  await expect(notice).toContainText('Past Messenger’s 7 days — sending as an opt-in notification (weekly, until');
  await expect(conversation.attachments.getByRole('button', { name: 'Opt-in' })).toHaveCount(0);
  await conversation.sendText(`Our sale starts today ${stamp}`);
  await conversation.expectDelivered(conversation.sent(`Our sale starts today ${stamp}`));
  await expect(simulator.phone.getByText(`Our sale starts today ${stamp}`)).toBeVisible();
  // The outbox used the token (the fake Meta accepts only a token it issued, once a week).
  const [after] = await optinsOf(customer);
  expect(after.lastSentAt).not.toBeNull();

  // This week's notification is used up: the composer says until when, and nothing more goes.
  await agent.reload();
  await expect(notice).toContainText("This week's opt-in notification is used up (weekly)");
  await expect(conversation.reply).toBeDisabled();

  // The customer stops the notifications from the card: Meta's STOP webhook reaches Baton.
  await simulatorPage.reload();
  await card.getByRole('button', { name: 'Stop notifications' }).click();
  await expect(conversation.messages.getByText('Customer stopped the weekly notifications')).toBeVisible();
  const [stopped] = await optinsOf(customer);
  expect(stopped.status).toBe('stopped');
  await expect(card.getByRole('button', { name: 'Get messages' })).toBeVisible();
  await agent.reload();
  await expect(notice).toContainText('The customer stopped the notifications they had opted in to');
  await simulatorPage.context().close();
});
