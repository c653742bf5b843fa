import { randomUUID } from 'node:crypto';
import { expect, test } from './support/test';
import { ChannelSettingsPage } from './pages/channel-settings-page';
import { ConversationPage } from './pages/conversation-page';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { SimulatorPage } from './pages/simulator-page';

// An admin connects Apple Messages for Business in Settings → Channels (told first that Apple
// must approve the provider, with the link to its process), replaces the secret, hands the
// channel to the customer simulator (the demo's fake MSP gateway, which checks every send as
// Apple does: the JWT signed with the base64-decoded secret, the id and routing headers, the
// body), a customer writes in Messages, an agent sees it live and replies, and the reply is
// on the customer's phone only once the gateway accepted it; a picture follows, uploaded
// encrypted as Apple's MMCS takes it. Then the admin disconnects it.

const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAE/wH/2XC6WQAAAABJRU5ErkJggg==', 'base64');

test('an admin connects Apple Messages, a customer writes, the agent replies and the fake gateway accepts it', async ({ browser }) => {
  test.setTimeout(120_000); // two people sign in; a channel is connected, edited and disconnected
  const stamp = Date.now().toString();
  const businessId = randomUUID();
  const channelName = `Shop iMessage ${stamp.slice(-5)}`;
  const secret = (n: number) => Buffer.from(`apple-secret-${n}-${stamp}-passphrase`).toString('base64');

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await new SignInPage(admin).signInToDemoShop(demo.admin);

  // Connect, after reading that Apple approves providers first.
  const settings = new ChannelSettingsPage(admin);
  await settings.goto();
  await settings.choose('Apple Messages');
  const note = settings.connectForm.getByRole('note', { name: 'Apple approval' });
  await expect(note).toContainText('Apple must approve a messaging service provider');
  await expect(note.getByRole('link', { name: "Apple's MSP registration process" })).toHaveAttribute(
    'href',
    'https://register.apple.com/resources/messages/msp-onboarding/mspRegistration',
  );
  await settings.connect(`${channelName} draft`, { 'Business ID': businessId, 'MSP ID': randomUUID(), 'Secret passphrase': secret(1) });

  // Edit: the name changes and the secret is replaced.
  await settings.open(`${channelName} draft`);
  await expect(admin.getByText(`Apple Messages · Enabled · account ${businessId}`)).toBeVisible();
  await expect(admin.getByText(/\/api\/webhooks\/apple\//)).toBeVisible();
  await expect(admin.getByRole('note', { name: 'Apple approval' })).toBeVisible();
  await settings.edit(channelName, { 'New secret passphrase': secret(2) });
  const channelUrl = admin.url();

  // Hand it to the simulator: the channel's gateway calls now go to the fake.
  const simulator = new SimulatorPage(admin);
  await simulator.simulate(channelName);
  await simulator.choose(/^Apple Messages/);

  // The agent waits in Requests.
  const inbox = await InboxPage.agentInRequests(browser);

  // The customer writes: a gzipped, JWT-signed delivery through the webhook route. Apple
  // gives no name, only an opaque id: the customer is "Customer" and its last four characters.
  await simulator.newCustomer('Ignored by Apple', 'Is the blue mug back in stock?');
  const customerId = new URL(admin.url()).searchParams.get('customer')!;
  const customer = `Customer ${customerId.slice(-4)}`;

  await inbox.answer({ customer: customer, channel: 'Apple Messages', question: 'Is the blue mug back in stock?', reply: 'Yes, it is back since Monday.' });

  // The fake gateway accepted it (JWT with the new secret, headers, body): only then is it on the phone.
  await expect(simulator.phone.getByText('Yes, it is back since Monday.')).toBeVisible();

  // A picture: encrypted, uploaded to the fake MMCS (preUpload, then the upload URL) and named
  // in the message, which the gateway only accepts when the key decrypts the uploaded file.
  // Messages plays audio too, so the composer offers a recording.
  const conversation = new ConversationPage(inbox.page);
  await expect(conversation.attachments.getByRole('button', { name: 'Record a voice message' })).toBeVisible();
  const picture = await conversation.sendFile({ name: 'blue-mug.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG }, 'The blue mug, in stock');
  await conversation.expectDelivered(picture);
  await expect(simulator.phone.getByRole('img', { name: 'The blue mug, in stock' })).toBeVisible();

  // Disconnect: the secret is forgotten, the conversation stays.
  await admin.goto(channelUrl);
  await settings.disconnect('Apple Messages');

  await inbox.close();
  await adminContext.close();
});
