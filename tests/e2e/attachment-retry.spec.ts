import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoChannelSeeds } from '@/demo/seed/demo-channels';
import { pagePsid } from '@/demo/seed/demo-ids';
import { messengerCustomers } from '@/demo/seed/demo-script-messenger';
import { messengerWebhook } from '@/fake-platforms';
import { expect, test } from './support/test';
import { e2eEnv } from './support/env';
import { ConversationPage, sampleFiles } from './pages/conversation-page';
import { demo, SignInPage } from './pages/sign-in-page';

// A Messenger customer sends a photo whose download fails at the platform's media host: the
// message arrives all the same, its picture shown as unavailable with the reason and a
// Retry. Retry downloads it again: while the host still fails it says so, once the host
// answers the picture appears. The media host is a server this test runs (allowed to the
// app by tests/e2e/support/start-app.ts); the webhook is signed with the demo channel's
// secret, as Meta signs it.

const CUSTOMER = 'Tom Becker';

/** The media host: answers 503 until told to serve the picture. */
async function startMediaHost() {
  let available = false;
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (!available) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('Service temporarily unavailable');
      return;
    }
    res.writeHead(200, { 'content-type': sampleFiles.png.mimeType, 'content-length': sampleFiles.png.buffer.length }).end(sampleFiles.png.buffer);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(e2eEnv.mediaPort, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: (name: string) => `http://127.0.0.1:${port}/${name}?oh=00_${Date.now().toString(36)}`,
    requests,
    serve: () => {
      available = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('an attachment the platform failed to deliver shows as unavailable, and Retry downloads it again', async ({ page }) => {
  test.setTimeout(60_000);
  const host = await startMediaHost();
  try {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(demo.admin.email, demo.admin.password);
    await page.getByRole('link', { name: /Demo Shop/ }).click();

    // The Messenger channel's id, from its settings page.
    await page.goto('/w/demo-shop/settings/channels');
    const href = await page.getByRole('link', { name: 'Demo Shop on Messenger' }).getAttribute('href');
    const channelId = /channels\/([0-9a-f-]{36})$/.exec(href ?? '')?.[1];
    expect(channelId, 'the Messenger channel link').toBeTruthy();

    // The customer's photo, as Meta delivers it: a signed webhook with the attachment's CDN link.
    const messenger = demoChannelSeeds('demo-shop', 'Demo Shop').find((c) => c.kind === 'facebook')!;
    const psid = pagePsid(`demo-shop:facebook:${messengerCustomers.findIndex((c) => c.name === CUSTOMER)}`);
    const photo = host.url(`receipt-${Date.now().toString(36)}.png`);
    const hook = messengerWebhook(
      { pageId: messenger.externalId, psid, attachments: [{ type: 'image', payload: { url: photo } }] },
      messenger.secrets.appSecret,
    );
    const answer = await page.request.post(`/api/webhooks/facebook/${channelId}`, { data: hook.body, headers: hook.headers });
    expect(answer.status()).toBe(200);

    // The inbound worker applies the delivery after the 200: search until it is in the inbox.
    const row = page.getByTestId('conversation-row').filter({ hasText: CUSTOMER });
    await expect(async () => {
      await page.goto(`/w/demo-shop/inbox?tab=all&q=${encodeURIComponent(CUSTOMER)}`);
      await expect(row.first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await row.first().click();
    const conversation = new ConversationPage(page);
    await expect(conversation.panel.getByRole('heading', { name: CUSTOMER })).toBeVisible();
    const unavailable = conversation.messages.getByTestId('attachment-unavailable');
    await expect(unavailable).toHaveCount(1);
    await expect(unavailable.getByRole('status')).toContainText('Attachment unavailable:');
    await expect(unavailable.getByRole('status')).toContainText('HTTP 503');
    const fetchedOnArrival = host.requests.length;
    expect(fetchedOnArrival).toBeGreaterThan(0);

    // The host still fails: Retry asks it again and says the picture is still unavailable.
    await unavailable.getByRole('button', { name: 'Retry' }).click();
    await expect(unavailable.getByRole('alert')).toContainText('Still unavailable:');
    expect(host.requests.length).toBeGreaterThan(fetchedOnArrival);

    // The host answers now: Retry brings the picture into Baton's file store and shows it.
    host.serve();
    await unavailable.getByRole('button', { name: 'Retry' }).click();
    await expect(unavailable).toHaveCount(0);
    const picture = conversation.messages.getByRole('img', { name: /\.png$/ }).last();
    await expect(picture).toBeVisible();
    await expect(picture).toHaveAttribute('src', /^\/api\/files\/[0-9a-f-]{36}$/);
    // Loaded from Baton, not from the platform's link.
    expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  } finally {
    await host.close();
  }
});
