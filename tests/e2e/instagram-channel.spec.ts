import { expect, test } from './support/test';
import { ChannelSettingsPage } from './pages/channel-settings-page';
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
  await new SignInPage(admin).signInToDemoShop(demo.admin);

  // Connect.
  const settings = new ChannelSettingsPage(admin);
  await settings.goto();
  await settings.choose('Instagram');
  await settings.connect(`${channelName} draft`, {
    'Instagram account ID': accountId,
    'App secret': `ig-app-secret-${stamp}`,
    'Access token': `IGQVJ-token-${stamp}`,
  });

  // Edit: the name changes, the secrets stay.
  await settings.open(`${channelName} draft`);
  await expect(admin.getByText(/Instagram · Enabled · account/)).toBeVisible();
  await expect(admin.getByText(/\/api\/webhooks\/instagram\//)).toBeVisible();
  await settings.edit(channelName);
  const channelUrl = admin.url();

  // Hand it to the simulator: from now on its API calls go to the fake Instagram.
  const simulator = new SimulatorPage(admin);
  await simulator.simulate(channelName);
  await simulator.choose(/Instagram/);

  // The agent waits in Requests.
  const inbox = await InboxPage.agentInRequests(browser);

  // The customer writes a DM.
  const customer = `Ploy ${stamp.slice(-4)}`;
  await simulator.newCustomer(customer, 'Is the red tote still in stock?');

  // Live: the request appears without a reload, marked as Instagram; the agent answers it.
  await inbox.answer({ customer: customer, channel: 'Instagram', question: 'Is the red tote still in stock?', reply: 'Yes! We have two left.' });

  // The fake Instagram accepted it (token, recipient, shape, window): only then is it on the customer's phone.
  await expect(simulator.phone.getByText('Yes! We have two left.')).toBeVisible();

  // Disconnect: the secrets are forgotten, the conversation stays.
  await admin.goto(channelUrl);
  await settings.disconnect('Instagram');

  await inbox.close();
  await adminContext.close();
});
