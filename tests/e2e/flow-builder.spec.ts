import { createHmac } from 'node:crypto';
import { expect, test } from './support/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { demoWidget, ShopWithWidget } from './pages/widget-page';

// Settings → Flows: an admin builds a two-step flow without touching JSON (a message, then a
// question with quick replies), starts it with a keyword, tries it in the preview chat and
// publishes it; a customer on the shop's site types the keyword and the bot answers with it.

// The shop's page is served by Playwright from a "public" origin and the app runs on
// localhost: grant Chromium's Local Network Access check, as in widget.spec.ts.
const localNetwork = { permissions: ['local-network-access'] };
const identifyHash = (identifier: string) => createHmac('sha256', demoWidget.hmacToken).update(identifier).digest('hex');

test('an admin builds, previews and publishes a flow that answers a keyword in the website chat', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const name = `Spring sale ${stamp}`;
  const keyword = 'spring sale';
  const answer = `Our spring sale is on: 20% off everything! (${stamp})`;
  const question = 'What are you shopping for?';

  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await expect(page.getByRole('heading', { name: 'Choose a workspace' })).toBeVisible();
  await page.goto('/w/demo-shop/settings/flows');
  await page.getByRole('link', { name: 'New flow' }).click();
  await expect(page.getByRole('heading', { name: 'New flow', level: 1 })).toBeVisible();

  const form = page.getByRole('form', { name: 'Flow' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel(/^Keywords/).fill(keyword);

  // Start from nothing: remove the starter's steps.
  const steps = form.getByRole('list', { name: 'Steps' });
  for (const id of ['hello', 'hours', 'agent']) await form.getByRole('button', { name: `Delete step ${id}` }).click();
  await expect(steps.getByRole('listitem')).toHaveCount(0);

  // Step 1: a text message (the first step becomes the start).
  await form.getByLabel('New step').selectOption('message');
  await form.getByRole('button', { name: 'Add step' }).click();
  const messageStep = steps.getByRole('listitem', { name: 'Step message' });
  await expect(messageStep).toBeVisible();
  await messageStep.getByLabel(/^Text/).fill(answer);
  await expect(form.getByLabel('Start step')).toHaveValue('message');

  // Step 2: a question with two quick replies.
  await form.getByLabel('New step').selectOption('ask_choice');
  await form.getByRole('button', { name: 'Add step' }).click();
  const askStep = steps.getByRole('listitem', { name: 'Step ask-choice' });
  await expect(askStep.getByRole('button', { name: /Ask with choices/ })).toHaveAttribute('aria-expanded', 'true');
  await askStep.getByLabel('Question').fill(question);
  await askStep.getByLabel('Show the choices as').selectOption('quick_replies');
  await askStep.getByLabel('Choice 1', { exact: true }).fill('Dresses');
  await askStep.getByLabel('Choice 2', { exact: true }).fill('Shoes');

  // Link the message to the question.
  const messageToggle = messageStep.getByRole('button', { name: /Send a message/ });
  await expect(messageToggle).toHaveAttribute('aria-expanded', 'false');
  await messageToggle.click();
  await messageStep.getByLabel('Then', { exact: true }).selectOption('ask-choice');
  await expect(form.getByRole('status').filter({ hasText: 'The flow is valid.' })).toBeVisible();

  // Try the flow in the built-in chat.
  const preview = page.getByRole('complementary', { name: 'Preview' });
  await preview.getByRole('button', { name: 'Start' }).click();
  await expect(preview.getByText(answer)).toBeVisible();
  await expect(preview.getByText(question)).toBeVisible();
  await preview.getByRole('button', { name: 'Dresses' }).click();
  await expect(preview.getByText('Flow: ended')).toBeVisible();

  // Publish: the flow gets its page, at version 1.
  await form.getByRole('button', { name: 'Publish' }).click();
  await expect(page).toHaveURL(/\/w\/demo-shop\/settings\/flows\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toContainText('version 1');
  await expect(page.getByRole('list', { name: 'Steps' }).getByRole('listitem')).toHaveCount(2);

  // A customer on the shop's site writes the keyword; the new flow answers.
  const shopContext = await browser.newContext(localNetwork);
  const shop = new ShopWithWidget(await shopContext.newPage());
  await shop.goto();
  await shop.open();
  await shop.send(`Is the ${keyword} still on?`);
  await expect(shop.visitorMessage(`Is the ${keyword} still on?`)).toBeVisible();
  await expect(shop.message(answer)).toHaveAttribute('data-from', 'bot');
  await expect(shop.message(question)).toHaveAttribute('data-from', 'bot');
  await expect(shop.suggestions.getByRole('button')).toHaveText(['Dresses', 'Shoes']);
  await shopContext.close();

  // Leave the demo's other tests as they were: disable the flow.
  await page.goto('/w/demo-shop/settings/flows');
  const row = page.getByRole('list', { name: 'Flows' }).getByRole('listitem').filter({ hasText: name });
  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(row).toContainText('disabled');
});

// A "Set priority" step: the flow marks a damaged-order message urgent and hands it to
// Requests, where the row shows the flag and the conversation says the bot set it.
test('an admin adds a Set priority step; a customer’s message through the flow makes the conversation urgent', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const name = `Damaged orders ${stamp}`;
  const keyword = `damaged ${stamp}`;

  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await expect(page.getByRole('heading', { name: 'Choose a workspace' })).toBeVisible();
  await page.goto('/w/demo-shop/settings/flows');
  await page.getByRole('link', { name: 'New flow' }).click();
  const form = page.getByRole('form', { name: 'Flow' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel(/^Keywords/).fill(keyword);
  const steps = form.getByRole('list', { name: 'Steps' });
  for (const id of ['hello', 'hours', 'agent']) await form.getByRole('button', { name: `Delete step ${id}` }).click();
  await expect(steps.getByRole('listitem')).toHaveCount(0);

  // Set priority (the start), then a hand-off to Requests.
  await form.getByLabel('New step').selectOption('set_priority');
  await form.getByRole('button', { name: 'Add step' }).click();
  const priorityStep = steps.getByRole('listitem', { name: 'Step set-priority' });
  await priorityStep.getByLabel('Priority', { exact: true }).selectOption({ label: 'Urgent' });
  await expect(priorityStep).toContainText('Set priority: Urgent');
  await form.getByLabel('New step').selectOption('hand_off');
  await form.getByRole('button', { name: 'Add step' }).click();
  await steps.getByRole('listitem', { name: 'Step hand-off' }).getByLabel(/^Message to the customer/).fill('Sorry about that! Someone will look at it right away.');
  await priorityStep.getByRole('button', { name: /Set priority/ }).click();
  await priorityStep.getByLabel('Then', { exact: true }).selectOption('hand-off');
  await expect(form.getByRole('status').filter({ hasText: 'The flow is valid.' })).toBeVisible();

  // The preview stores nothing but says what a run would change.
  const preview = page.getByRole('complementary', { name: 'Preview' });
  await preview.getByRole('button', { name: 'Start' }).click();
  await expect(preview.getByText('Priority set to Urgent')).toBeVisible();
  await expect(preview.getByText('Flow: hand off')).toBeVisible();

  await form.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toContainText('version 1');

  // A known customer writes the keyword on the shop's site.
  const shopContext = await browser.newContext(localNetwork);
  const shop = new ShopWithWidget(await shopContext.newPage());
  const customer = { identifier: `damaged-${stamp}`, name: `Broken vase ${stamp}` };
  await shop.goto({ afterLoader: `<script>Baton('identify', ${JSON.stringify({ ...customer, hash: identifyHash(customer.identifier) })});</script>` });
  await shop.open();
  await shop.send(`My order arrived ${keyword}`);
  await expect(shop.message('Sorry about that! Someone will look at it right away.')).toHaveAttribute('data-from', 'bot');
  await shopContext.close();

  // In Requests: flagged urgent, with the bot's line in the conversation and the toolbar's value.
  await page.goto('/w/demo-shop/inbox?tab=requests');
  const row = new InboxPage(page).rows.filter({ hasText: customer.name });
  await expect(row.getByTestId('row-priority')).toHaveText('Urgent');
  await row.click();
  await expect(page.getByRole('list', { name: 'Messages' })).toContainText('The bot set the priority to Urgent');
  await expect(page.getByRole('region', { name: 'Conversation' }).getByLabel('Priority')).toHaveValue('urgent');

  await page.goto('/w/demo-shop/settings/flows');
  const flowRow = page.getByRole('list', { name: 'Flows' }).getByRole('listitem').filter({ hasText: name });
  await flowRow.getByRole('button', { name: 'Disable' }).click();
  await expect(flowRow).toContainText('disabled');
});
