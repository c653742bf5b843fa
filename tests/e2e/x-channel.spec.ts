import { expect, test } from './support/test';
import { ChannelSettingsPage } from './pages/channel-settings-page';
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
  await new SignInPage(admin).signInToDemoShop(demo.admin);

  // Connect, after reading what X charges.
  const settings = new ChannelSettingsPage(admin);
  await settings.goto();
  await settings.choose('X');
  await expect(settings.connectForm.getByRole('note', { name: 'X pricing' })).toContainText('US$5,000 a month');
  await settings.connect(`${channelName} draft`, {
    'Account user ID': accountId,
    'API key (consumer key)': `x-consumer-key-${stamp}`,
    'API key secret (consumer secret)': `x-consumer-secret-${stamp}`,
    'OAuth 2.0 user access token': `x-user-token-${stamp}`,
  });

  // Edit: the name changes and the consumer key is replaced; the other secrets stay.
  await settings.open(`${channelName} draft`);
  await expect(admin.getByText(/X · Enabled · account/)).toBeVisible();
  await expect(admin.getByText(/\/api\/webhooks\/x\//)).toBeVisible();
  await expect(admin.getByRole('note', { name: 'X pricing' })).toBeVisible();
  await settings.edit(channelName, { 'New API key (consumer key)': `x-consumer-key-2-${stamp}` });
  const channelUrl = admin.url();

  // Hand it to the simulator: the fake X first sends its CRC challenge to the webhook URL
  // over HTTP (refused unless Baton answers it with the consumer secret); from then on the
  // channel's API calls go to the fake X.
  const simulator = new SimulatorPage(admin);
  await simulator.simulate(channelName);
  await simulator.choose(/^X/);

  // The agent waits in Requests.
  const inbox = await InboxPage.agentInRequests(browser);

  // The customer writes a DM: a signed Account Activity delivery through the webhook route.
  const customer = `Kanya ${stamp.slice(-4)}`;
  await simulator.newCustomer(customer, 'Is the blue mug back in stock?');

  // Live: the request appears without a reload, marked as X; the agent answers it.
  await inbox.answer({ customer: customer, channel: 'X', question: 'Is the blue mug back in stock?', reply: 'Yes, it is back since Monday.' });
  // X direct messages take no audio: the composer says the channel can't receive audio and offers no recording.
  const attachments = inbox.page.getByRole('group', { name: 'Attachments' });
  await expect(attachments.getByTestId('no-audio')).toHaveText('X can’t receive audio');
  await expect(attachments.getByRole('button', { name: 'Record a voice message' })).toHaveCount(0);

  // The fake X accepted it (token, recipient, shape): only then is it on the customer's phone.
  await expect(simulator.phone.getByText('Yes, it is back since Monday.')).toBeVisible();

  // Disconnect: the secrets are forgotten, the conversation stays.
  await admin.goto(channelUrl);
  await settings.disconnect('X');

  await inbox.close();
  await adminContext.close();
});
