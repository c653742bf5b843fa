import { expect, test } from './support/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { SimulatorPage } from './pages/simulator-page';

// An admin connects an Instagram account in Settings → Channels, renames it, hands it to
// the customer simulator (the demo's fake Instagram, which checks every send as Instagram
// does: token, a recipient who wrote, shape, window), a customer writes a DM, an agent sees
// it live and replies, and the reply reaches the fake platform: the customer's phone shows
// only what the platform accepted. Finally the admin disconnects the channel.

test('an admin connects Instagram, a customer writes a DM, the agent replies and the fake Instagram accepts it', async ({ browser }) => {
  test.setTimeout(120_000); // two people sign in; a channel is connected, edited and disconnected
  const stamp = Date.now().toString();
  const accountId = `1784${stamp.slice(-11)}`;
  const channelName = `Shop Instagram ${stamp.slice(-5)}`;

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const adminSignIn = new SignInPage(admin);
  await adminSignIn.goto();
  await adminSignIn.signIn(demo.admin.email, demo.admin.password);
  await admin.getByRole('link', { name: /Demo Shop/ }).click();
  await new InboxPage(admin).expectLoaded();

  // Connect.
  await admin.goto('/w/demo-shop/settings/channels');
  const form = admin.getByRole('form', { name: 'Connect a channel' });
  await form.getByText('Instagram', { exact: true }).click();
  await form.getByLabel('Name').fill(`${channelName} draft`);
  await form.getByLabel('Instagram account ID').fill(accountId);
  await form.getByLabel('App secret').fill(`ig-app-secret-${stamp}`);
  await form.getByLabel('Access token').fill(`IGQVJ-token-${stamp}`);
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(form.getByRole('status')).toHaveText(`Connected ${channelName} draft.`);

  // Edit: the name changes, the secrets stay.
  await admin.getByRole('link', { name: `${channelName} draft` }).click();
  await expect(admin.getByText(/Instagram · Enabled · account/)).toBeVisible();
  await expect(admin.getByText(/\/api\/webhooks\/instagram\//)).toBeVisible();
  const edit = admin.getByRole('form', { name: 'Edit channel' });
  await edit.getByLabel('Name').fill(channelName);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByRole('status')).toHaveText('Saved.');
  await expect(admin.getByRole('heading', { name: channelName })).toBeVisible();
  const channelUrl = admin.url();

  // Hand it to the simulator: from now on its API calls go to the fake Instagram.
  const simulator = new SimulatorPage(admin);
  await simulator.simulate(channelName);
  await simulator.choose(/Instagram/);

  // The agent waits in Requests.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  const agentSignIn = new SignInPage(agent);
  await agentSignIn.goto();
  await agentSignIn.signIn(demo.ben.email, demo.ben.password);
  const inbox = new InboxPage(agent);
  await inbox.expectLoaded();
  await inbox.tab('Requests').click();
  await expect(agent).toHaveURL(/tab=requests/);

  // The customer writes a DM.
  const customer = `Ploy ${stamp.slice(-4)}`;
  await simulator.newCustomer(customer, 'Is the red tote still in stock?');

  // Live: the request appears without a reload, marked as Instagram.
  const row = agent.getByTestId('conversation-row').filter({ hasText: customer });
  await expect(row).toBeVisible();
  await expect(row.getByRole('img', { name: 'Instagram' })).toBeVisible();
  await row.click();
  await expect(agent.getByRole('list', { name: 'Messages' }).getByText('Is the red tote still in stock?')).toBeVisible();
  await agent.getByLabel('Reply to the customer').fill('Yes! We have two left.');
  await agent.getByLabel('Reply to the customer').press('Enter');
  await expect(agent.getByRole('list', { name: 'Messages' }).getByText('Yes! We have two left.')).toBeVisible();

  // The fake Instagram accepted it (token, recipient, shape, window): only then is it on the customer's phone.
  await expect(simulator.phone.getByText('Yes! We have two left.')).toBeVisible();

  // Disconnect: the secrets are forgotten, the conversation stays.
  await admin.goto(channelUrl);
  await admin.getByRole('button', { name: 'Disconnect' }).click();
  await admin.getByRole('group', { name: 'Confirm disconnect' }).getByRole('button', { name: 'Yes, disconnect' }).click();
  await expect(admin.getByText(/Disconnected: this channel has no secrets/)).toBeVisible();
  await expect(admin.getByText(/Instagram · Disabled/)).toBeVisible();
  await expect(admin.getByRole('button', { name: 'Reconnect' })).toBeVisible();

  await agentContext.close();
  await adminContext.close();
});
