import { expect, test } from './support/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { SimulatorPage } from './pages/simulator-page';

// An admin connects an X account in Settings → Channels (told first what X charges for the
// API), renames it and replaces a secret, hands it to the customer simulator (the demo's
// fake X, which checks every send as X does: the account's Bearer token, the body's shape and
// lengths), a customer writes a DM, an agent sees it live and replies, and the reply reaches
// the fake X: the customer's phone shows only what X accepted. Then the admin disconnects it.

test('an admin connects X, a customer writes a DM, the agent replies and the fake X accepts it', async ({ browser }) => {
  test.setTimeout(120_000); // two people sign in; a channel is connected, edited and disconnected
  const stamp = Date.now().toString();
  const accountId = `22${stamp.slice(-12)}`;
  const channelName = `Shop X ${stamp.slice(-5)}`;

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const adminSignIn = new SignInPage(admin);
  await adminSignIn.goto();
  await adminSignIn.signIn(demo.admin.email, demo.admin.password);
  await admin.getByRole('link', { name: /Demo Shop/ }).click();
  await new InboxPage(admin).expectLoaded();

  // Connect, after reading what X charges.
  await admin.goto('/w/demo-shop/settings/channels');
  const form = admin.getByRole('form', { name: 'Connect a channel' });
  await form.getByText('X', { exact: true }).click();
  await expect(form.getByRole('note', { name: 'X pricing' })).toContainText('US$5,000 a month');
  await form.getByLabel('Name').fill(`${channelName} draft`);
  await form.getByLabel('Account user ID').fill(accountId);
  await form.getByLabel('API key (consumer key)', { exact: true }).fill(`x-consumer-key-${stamp}`);
  await form.getByLabel('API key secret (consumer secret)', { exact: true }).fill(`x-consumer-secret-${stamp}`);
  await form.getByLabel('OAuth 2.0 user access token').fill(`x-user-token-${stamp}`);
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(form.getByRole('status')).toHaveText(`Connected ${channelName} draft.`);

  // Edit: the name changes and the consumer key is replaced; the other secrets stay.
  await admin.getByRole('link', { name: `${channelName} draft` }).click();
  await expect(admin.getByText(/X · Enabled · account/)).toBeVisible();
  await expect(admin.getByText(/\/api\/webhooks\/x\//)).toBeVisible();
  await expect(admin.getByRole('note', { name: 'X pricing' })).toBeVisible();
  const edit = admin.getByRole('form', { name: 'Edit channel' });
  await edit.getByLabel('Name').fill(channelName);
  await edit.getByLabel('New API key (consumer key)').fill(`x-consumer-key-2-${stamp}`);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByRole('status')).toHaveText('Saved.');
  await expect(admin.getByRole('heading', { name: channelName })).toBeVisible();
  const channelUrl = admin.url();

  // Hand it to the simulator: the fake X first sends its CRC challenge to the webhook URL
  // over HTTP (refused unless Baton answers it with the consumer secret); from then on the
  // channel's API calls go to the fake X.
  const simulator = new SimulatorPage(admin);
  await simulator.simulate(channelName);
  await simulator.choose(/^X/);

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

  // The customer writes a DM: a signed Account Activity delivery through the webhook route.
  const customer = `Kanya ${stamp.slice(-4)}`;
  await simulator.newCustomer(customer, 'Is the blue mug back in stock?');

  // Live: the request appears without a reload, marked as X.
  const row = agent.getByTestId('conversation-row').filter({ hasText: customer });
  await expect(row).toBeVisible();
  await expect(row.getByRole('img', { name: 'X', exact: true })).toBeVisible();
  await row.click();
  await expect(agent.getByRole('list', { name: 'Messages' }).getByText('Is the blue mug back in stock?')).toBeVisible();
  await agent.getByLabel('Reply to the customer').fill('Yes, it is back since Monday.');
  await agent.getByLabel('Reply to the customer').press('Enter');
  await expect(agent.getByRole('list', { name: 'Messages' }).getByText('Yes, it is back since Monday.')).toBeVisible();

  // The fake X accepted it (token, recipient, shape): only then is it on the customer's phone.
  await expect(simulator.phone.getByText('Yes, it is back since Monday.')).toBeVisible();

  // Disconnect: the secrets are forgotten, the conversation stays.
  await admin.goto(channelUrl);
  await admin.getByRole('button', { name: 'Disconnect' }).click();
  await admin.getByRole('group', { name: 'Confirm disconnect' }).getByRole('button', { name: 'Yes, disconnect' }).click();
  await expect(admin.getByText(/Disconnected: this channel has no secrets/)).toBeVisible();
  await expect(admin.getByText(/X · Disabled/)).toBeVisible();
  await expect(admin.getByRole('button', { name: 'Reconnect' })).toBeVisible();

  await agentContext.close();
  await adminContext.close();
});
