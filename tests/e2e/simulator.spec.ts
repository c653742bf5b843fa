import { expect, test } from './support/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

// A customer on Messenger (played through the simulator, which sends correctly signed
// webhooks) and an agent in the inbox, in separate browser contexts.
test('a customer writes on Messenger, the agent sees it live, replies, and the customer gets the reply', async ({ browser }) => {
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
