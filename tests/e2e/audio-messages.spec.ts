import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from '@playwright/test';
import { demoChannelSeeds } from '@/demo/seed/demo-channels';
import { pagePsid } from '@/demo/seed/demo-ids';
import { messengerCustomers } from '@/demo/seed/demo-script-messenger';
import { messengerWebhook } from '@/fake-platforms';
import config from '../../playwright.config';
import { m4aTone, probe } from '../support/audio-fixtures';
import { e2eEnv } from './support/env';
import { expect, test } from './support/test';
import { ConversationPage } from './pages/conversation-page';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

// Voice messages. The agent records in the composer with Chromium's fake microphone (a
// beeping tone; the permission prompt answered by the flags), listens, sends, and the
// WhatsApp customer's phone in the simulator gets a voice note converted to Ogg/Opus. A
// Messenger customer's voice note arrives through a signed webhook, its file served by a
// media host this test runs, and plays inline in the conversation with its length.

const sharedArgs = (config.use?.launchOptions?.args ?? []) as string[];
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...sharedArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

/** The audio element has loaded what it plays (metadata at least), from Baton's own files. */
async function expectPlayable(player: Locator) {
  await expect(player).toBeVisible();
  await expect(player).toHaveAttribute('src', /^\/api\/files\/[0-9a-f-]{36}$/);
  await expect.poll(() => player.evaluate((el: HTMLAudioElement) => el.readyState >= 1 && el.error === null), { timeout: 15_000 }).toBe(true);
}

async function adminOnWhatsAppSimulator(page: Page) {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: /Demo Shop/ }).click();
  await new InboxPage(page).expectLoaded();
  await page.goto('/w/demo-shop/settings/simulator');
  const channels = page.getByRole('navigation', { name: 'Simulated channels' });
  await channels.getByRole('link', { name: 'WhatsApp' }).click();
  await expect(channels.getByRole('link', { name: 'WhatsApp' })).toHaveAttribute('aria-current', 'page');
}

test('the agent records a voice message, listens to it, sends it, and the WhatsApp customer gets a voice note', async ({ browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const customer = `Voice Tester ${stamp}`;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, permissions: ['microphone'] });
  const simulator = await context.newPage();
  await adminOnWhatsAppSimulator(simulator);
  await simulator.getByLabel("New customer's name").fill(customer);
  await simulator.getByLabel('Message as the customer').fill('Can you explain the sizes by voice?');
  await simulator.getByLabel('Message as the customer').press('Enter');
  await expect(simulator).toHaveURL(/customer=/);

  const agent = await context.newPage();
  const conversation = new ConversationPage(agent);
  await conversation.open(customer);
  await conversation.takeOver();

  // A first recording is cancelled, at a phone's width and by keyboard: nothing is kept.
  const record = conversation.attachments.getByRole('button', { name: 'Record a voice message' });
  const recording = agent.getByRole('group', { name: 'Voice recording' });
  await agent.setViewportSize({ width: 360, height: 740 });
  await record.focus();
  await agent.keyboard.press('Enter');
  await expect(recording.getByRole('status')).toHaveText(/^Recording 0:0\d$/);
  const cancel = recording.getByRole('button', { name: 'Cancel' });
  const box = await cancel.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(360);
  await cancel.focus();
  await agent.keyboard.press('Enter');
  await expect(recording).toHaveCount(0);
  await expect(agent.getByTestId('pending-attachment')).toHaveCount(0);
  await expect(record).toBeEnabled();
  await agent.setViewportSize({ width: 1440, height: 900 });

  // Record: the bar shows the time running, with Stop and Cancel.
  await record.click();
  await expect(recording.getByRole('status')).toHaveText(/^Recording 0:0[2-9]$/, { timeout: 15_000 });
  await recording.getByRole('button', { name: 'Stop' }).click();
  await expect(recording).toHaveCount(0);

  // Listen before sending: the recording is uploaded and plays from Baton's own file.
  const pending = agent.getByTestId('pending-attachment');
  await expect(pending).toContainText('Voice message.webm');
  await expectPlayable(pending.getByLabel('Listen to Voice message.webm before sending'));
  await agent.getByRole('form', { name: 'Reply' }).getByRole('button', { name: 'Send', exact: true }).click();
  await expect(pending).toHaveCount(0);

  // In the history: a player with the length measured when it was converted, delivered.
  const sent = conversation.messages.getByTestId('message').filter({ has: agent.getByTestId('audio-message') }).last();
  await conversation.expectDelivered(sent);
  const player = sent.getByTestId('audio-message');
  await expect(player.getByText('Voice message.ogg')).toBeVisible();
  await expect(player.locator('time')).toHaveText(/^· 0:0[2-9]$/);
  await expectPlayable(player.locator('audio'));

  // The customer's phone shows the voice note WhatsApp accepted, and its file is Ogg/Opus.
  const phone = simulator.getByRole('list', { name: "Customer's chat" });
  const note = phone.getByLabel('Play Voice message');
  await expectPlayable(note);
  const file = await simulator.request.get((await note.getAttribute('src'))!);
  expect(file.headers()['content-type']).toBe('audio/ogg');
  const bytes = await file.body();
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('OggS');
  const probed = probe(bytes);
  expect(probed).toMatchObject({ format: 'ogg', codec: 'opus' });
  expect(probed.durationMs).toBeGreaterThan(1500);
  await context.close();
});

test('without a microphone the composer says why and nothing breaks; an audio file attached instead goes out as it is', async ({ browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const customer = `File Tester ${stamp}`;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const simulator = await context.newPage();
  await adminOnWhatsAppSimulator(simulator);
  await simulator.getByLabel("New customer's name").fill(customer);
  await simulator.getByLabel('Message as the customer').fill('Can you send me the song from the ad?');
  await simulator.getByLabel('Message as the customer').press('Enter');
  await expect(simulator).toHaveURL(/customer=/);

  // The browser refuses the microphone (as when the agent blocked it for the site).
  const agent = await context.newPage();
  await agent.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  const conversation = new ConversationPage(agent);
  await conversation.open(customer);
  await conversation.takeOver();
  const record = conversation.attachments.getByRole('button', { name: 'Record a voice message' });
  await record.click();
  await expect(agent.getByRole('form', { name: 'Reply' }).getByRole('alert')).toHaveText(/Baton may not use the microphone\. Allow it in the browser’s site settings/);
  await expect(agent.getByRole('group', { name: 'Voice recording' })).toHaveCount(0);
  await expect(record).toBeEnabled();

  // An M4A file through File: WhatsApp plays AAC in MP4 as it is, so it goes out unconverted.
  const chooser = agent.waitForEvent('filechooser');
  await conversation.attachments.getByRole('button', { name: 'File', exact: true }).click();
  await (await chooser).setFiles({ name: 'jingle.m4a', mimeType: 'audio/mp4', buffer: m4aTone(2) });
  const pending = agent.getByTestId('pending-attachment');
  await expectPlayable(pending.getByLabel('Listen to jingle.m4a before sending'));
  await conversation.reply.fill(`The jingle ${stamp}`);
  await conversation.reply.press('Enter');
  await expect(pending).toHaveCount(0);
  const sent = conversation.sent(`The jingle ${stamp}`);
  await conversation.expectDelivered(sent);
  await expect(sent.getByTestId('audio-message').locator('time')).toHaveText('· 0:02');

  const phone = simulator.getByRole('list', { name: "Customer's chat" });
  const note = phone.getByLabel('Play Voice message');
  await expectPlayable(note);
  await expect(phone.getByText(`The jingle ${stamp}`)).toBeVisible();
  const file = await simulator.request.get((await note.getAttribute('src'))!);
  expect(file.headers()['content-type']).toBe('audio/mp4');
  expect((await file.body()).subarray(4, 11).toString('latin1')).toBe('ftypM4A');
  await context.close();
});

/** The platform's media host: serves one voice note (M4A, as Messenger's are). */
async function startMediaHost(audio: Buffer) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'audio/mp4', 'content-length': audio.length }).end(audio);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(e2eEnv.mediaPort, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: (name: string) => `http://127.0.0.1:${port}/${name}?oh=00_${Date.now().toString(36)}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('a customer’s voice note plays inline in the conversation, with its length', async ({ page }) => {
  test.setTimeout(60_000);
  const host = await startMediaHost(m4aTone(3));
  const index = messengerCustomers.findIndex((c) => c.name === 'Pimchanok Thongdee');
  const customer = messengerCustomers[index].name;
  try {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(demo.admin.email, demo.admin.password);
    await page.getByRole('link', { name: /Demo Shop/ }).click();
    await page.goto('/w/demo-shop/settings/channels');
    const href = await page.getByRole('link', { name: 'Demo Shop on Messenger' }).getAttribute('href');
    const channelId = /channels\/([0-9a-f-]{36})$/.exec(href ?? '')?.[1];
    expect(channelId, 'the Messenger channel link').toBeTruthy();

    // The voice note as Meta delivers it: a signed webhook with an audio attachment's link.
    const messenger = demoChannelSeeds('demo-shop', 'Demo Shop').find((c) => c.kind === 'facebook')!;
    const psid = pagePsid(`demo-shop:facebook:${index}`);
    const hook = messengerWebhook(
      { pageId: messenger.externalId, psid, attachments: [{ type: 'audio', payload: { url: host.url(`audioclip-${Date.now()}.mp4`) } }] },
      messenger.secrets.appSecret,
    );
    expect((await page.request.post(`/api/webhooks/facebook/${channelId}`, { data: hook.body, headers: hook.headers })).status()).toBe(200);

    const conversation = new ConversationPage(page);
    const note = conversation.messages.getByTestId('audio-message').last();
    await expect(async () => {
      await conversation.open(customer);
      await expect(note).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    expect(host.requests.length).toBeGreaterThan(0);
    await expect(note.locator('time')).toHaveText('· 0:03');
    const player = note.getByLabel(/, 0:03$/);
    await expectPlayable(player);
    const seconds = await player.evaluate((el: HTMLAudioElement) => el.duration);
    expect(Math.round(seconds)).toBe(3);
  } finally {
    await host.close();
  }
});
