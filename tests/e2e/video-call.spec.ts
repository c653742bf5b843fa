import { createHmac } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { expect, test } from './support/test';
import { ConversationPage } from './pages/conversation-page';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { demoWidget, ShopWithWidget } from './pages/widget-page';

// Calls between an agent and a website visitor. The agent and the visitor run in a Chromium
// of their own, launched here with a fake camera and microphone (and the permission prompts
// answered), since only these tests need them; RTCPeerConnection connects over the machine's
// own addresses, so no STUN or TURN server is involved. Its pages are watched for console
// and page errors as the shared fixture watches the others.

const localNetwork = { permissions: ['local-network-access'] };
test.use(localNetwork);

const sharedArgs = (config.use?.launchOptions?.args ?? []) as string[];
const identifyHash = (identifier: string) => createHmac('sha256', demoWidget.hmacToken).update(identifier).digest('hex');

async function signedInAdmin(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: 'Demo Shop admin' }).click();
  return page;
}

async function widgetSettings(page: Page) {
  await page.goto('/w/demo-shop/settings/channels');
  await page.getByRole('link', { name: 'Website chat' }).click();
  await page.getByRole('link', { name: /Appearance, allowed sites/ }).click();
  return page.getByRole('form', { name: 'Website chat settings' });
}

async function setCalls(browser: Browser, on: boolean) {
  const admin = await signedInAdmin(browser);
  const form = await widgetSettings(admin);
  const option = form.getByLabel('Let agents call visitors (video or voice)');
  if (on) await option.check();
  else await option.uncheck();
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await admin.context().close();
}

/** Other specs' conversations show no call buttons: calls go off again whatever happened. */
test.afterEach(async ({ browser }) => {
  await setCalls(browser, false);
});

type CallStage = { media: Browser; agent: Page; shopPage: Page; shop: ShopWithWidget; conversation: ConversationPage; customer: string; identify: string; problems: string[] };

/** The media browser, the agent (Ben) in the visitor's conversation, and the visitor in the shop's chat. */
async function callStage(stamp: string): Promise<CallStage> {
  const media = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...sharedArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
  const problems: string[] = [];
  const watch = (context: BrowserContext) => {
    context.on('weberror', (e) => problems.push(`uncaught ${e.error().message}`));
    context.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()} (${m.location().url})`);
    });
    return context;
  };
  const permissions = ['camera', 'microphone'];
  const agentContext = watch(await media.newContext({ permissions, viewport: { width: 1280, height: 900 } }));
  const shopContext = watch(await media.newContext({ permissions: [...permissions, ...localNetwork.permissions], viewport: { width: 1024, height: 800 } }));

  const customer = `Vera Video ${stamp}`;
  const shopPage = await shopContext.newPage();
  const shop = new ShopWithWidget(shopPage);
  const identity = { identifier: `caller-${stamp}`, name: customer };
  const identify = `<script>Baton('identify', ${JSON.stringify({ ...identity, hash: identifyHash(identity.identifier) })});</script>`;
  await shop.goto({ afterLoader: identify });
  await shop.open();
  await shop.send(`Can you show me how the strap fits? (${stamp})`);
  await expect(shop.visitorMessage('how the strap fits')).toBeVisible();

  const agent = await agentContext.newPage();
  const signIn = new SignInPage(agent);
  await signIn.goto();
  await signIn.signIn(demo.ben.email, demo.ben.password);
  await new InboxPage(agent).expectLoaded();
  const conversation = new ConversationPage(agent);
  await conversation.open(customer);
  return { media, agent, shopPage, shop, conversation, customer, identify, problems };
}

/** The header is server-rendered: the click is retried until the page is interactive and the call rings. */
async function startCall({ agent, conversation }: CallStage, kind: 'Video call' | 'Voice call') {
  await expect(async () => {
    const button = conversation.panel.getByRole('button', { name: kind, exact: true });
    if (await button.isEnabled()) await button.click({ timeout: 1_000 });
    await expect(agent.getByRole('region', { name: kind })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/** The media element's stream is playing with real frames (a fake camera draws 640 px wide). */
async function playingVideo(video: Locator) {
  await expect
    .poll(() => video.evaluate((el: HTMLVideoElement) => ({ ready: el.readyState >= 2, width: el.videoWidth > 0 })), { timeout: 20_000 })
    .toEqual({ ready: true, width: true });
}

const localTrack = (preview: Locator, kind: 'audio' | 'video') =>
  preview.evaluate((el: HTMLMediaElement, k) => {
    const stream = el.srcObject as MediaStream | null;
    const track = (k === 'audio' ? stream?.getAudioTracks() : stream?.getVideoTracks())?.[0];
    return track ? { enabled: track.enabled, surface: track.getSettings().displaySurface ?? 'camera', state: track.readyState } : null;
  }, kind);

test('an admin turns calls on; the agent calls, the visitor accepts, both connect, mute, camera off, screen share and hang-up work', async ({ browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);

  // Off by default; on for this website chat. The call servers are saved sealed and cleared.
  const admin = await signedInAdmin(browser);
  const form = await widgetSettings(admin);
  await expect(form.getByLabel('Let agents call visitors (video or voice)')).not.toBeChecked();
  const servers = admin.getByRole('form', { name: 'Call servers' });
  await servers.getByLabel('TURN servers').fill('turn:turn.example.com:3478');
  await servers.getByLabel('TURN user name').fill('baton');
  await servers.getByLabel('TURN password').fill(`secret-${stamp}`);
  await servers.getByRole('button', { name: 'Save call servers' }).click();
  await expect(servers.getByTestId('turn-password-set')).toBeVisible();
  await admin.reload();
  await expect(admin.getByRole('form', { name: 'Call servers' }).getByLabel('TURN servers')).toHaveValue('turn:turn.example.com:3478');
  expect(await admin.content()).not.toContain(`secret-${stamp}`);
  // The stored password removed.
  await servers.getByLabel('Remove the stored password').check();
  await servers.getByRole('button', { name: 'Save call servers' }).click();
  await expect(servers.getByTestId('turn-password-set')).toBeHidden();
  await expect(servers.getByText('No password is set.')).toBeVisible();

  // A shared secret instead: no user name to give out, and the secret is sealed like the password.
  const auth = servers.getByLabel('How the TURN server checks callers');
  await auth.selectOption('shared_secret');
  await expect(servers.getByLabel('TURN user name')).toBeHidden();
  await servers.getByLabel('TURN shared secret').fill(`shared-${stamp}`);
  await servers.getByRole('button', { name: 'Save call servers' }).click();
  await expect(servers.getByTestId('turn-password-set')).toHaveText('Secret set');
  await admin.reload();
  await expect(auth).toHaveValue('shared_secret');
  expect(await admin.content()).not.toContain(`shared-${stamp}`);

  // Calls on one machine need none: cleared again. Going back to a password drops the secret.
  await auth.selectOption('password');
  await expect(servers.getByText('Saving this way of checking removes the stored secret: type the password to use.')).toBeVisible();
  await servers.getByLabel('TURN servers').fill('');
  await servers.getByLabel('TURN user name').fill('');
  await servers.getByRole('button', { name: 'Save call servers' }).click();
  await expect(servers.getByText('No password is set.')).toBeVisible();
  await admin.reload();
  await expect(auth).toHaveValue('password');
  await expect(servers.getByTestId('turn-password-set')).toBeHidden();
  await admin.context().close();
  await setCalls(browser, true);

  const stage = await callStage(stamp);
  const { agent, shop, conversation } = stage;
  try {
    await startCall(stage, 'Video call');
    const agentCall = agent.getByRole('region', { name: 'Video call' });
    await expect(agentCall.getByRole('status')).toHaveText('Ringing…');

    // The widget rings (the loader opened the chat); the visitor accepts.
    const ringing = shop.chat.getByRole('dialog', { name: 'Ben Carter is calling you (video call)' });
    await expect(ringing).toBeVisible();
    await ringing.getByRole('button', { name: 'Accept' }).click();
    const visitorCall = shop.chat.getByRole('region', { name: 'Agent’s video' });

    await expect(agentCall).toHaveAttribute('data-call-phase', 'connected', { timeout: 30_000 });
    await expect(visitorCall).toHaveAttribute('data-call-phase', 'connected', { timeout: 30_000 });
    await expect(visitorCall.getByRole('status')).toHaveText('Connected');
    await playingVideo(agentCall.getByTestId('call-remote'));
    await playingVideo(visitorCall.getByTestId('call-remote'));

    // The agent mutes and unmutes: the microphone's track (the one sent) is disabled, then enabled.
    const agentLocal = agentCall.getByTestId('call-local');
    const agentMute = agentCall.getByRole('button', { name: 'Mute' });
    await agentMute.click();
    await expect(agentMute).toHaveAttribute('aria-pressed', 'true');
    expect(await localTrack(agentLocal, 'audio')).toMatchObject({ enabled: false });
    await agentMute.click();
    await expect(agentMute).toHaveAttribute('aria-pressed', 'false');
    expect(await localTrack(agentLocal, 'audio')).toMatchObject({ enabled: true });

    // Camera off and on again.
    const agentCamera = agentCall.getByRole('button', { name: 'Camera off' });
    await agentCamera.click();
    await expect(agentCamera).toHaveAttribute('aria-pressed', 'true');
    expect(await localTrack(agentLocal, 'video')).toMatchObject({ enabled: false, surface: 'camera' });
    await agentCamera.click();
    expect(await localTrack(agentLocal, 'video')).toMatchObject({ enabled: true, surface: 'camera' });

    // Screen sharing sends the screen on the video sender, and stopping it sends the camera again.
    const share = agentCall.getByRole('button', { name: 'Share screen' });
    await share.click();
    await expect(share).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => localTrack(agentLocal, 'video')).toMatchObject({ enabled: true, surface: 'monitor', state: 'live' });
    // The visitor receives the screen: 16:9 where the fake camera draws 4:3 (whatever size the
    // encoder settles on while the bandwidth estimate grows).
    const remoteShape = () => visitorCall.getByTestId('call-remote').evaluate((el: HTMLVideoElement) => (el.videoHeight ? el.videoWidth / el.videoHeight : 0));
    await expect.poll(remoteShape, { timeout: 20_000 }).toBeGreaterThan(1.7);
    await share.click();
    await expect(share).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(() => localTrack(agentLocal, 'video')).toMatchObject({ surface: 'camera', state: 'live' });
    await expect.poll(remoteShape, { timeout: 20_000 }).toBeLessThan(1.4);

    // The visitor's own mute and camera.
    const visitorLocal = visitorCall.getByTestId('call-local');
    const visitorMute = visitorCall.getByRole('button', { name: 'Mute' });
    await visitorMute.click();
    await expect(visitorMute).toHaveAttribute('aria-pressed', 'true');
    expect(await localTrack(visitorLocal, 'audio')).toMatchObject({ enabled: false });
    const visitorCamera = visitorCall.getByRole('button', { name: 'Camera off' });
    await visitorCamera.click();
    await expect(visitorCamera).toHaveAttribute('aria-pressed', 'true');
    expect(await localTrack(visitorLocal, 'video')).toMatchObject({ enabled: false });

    // The agent hangs up: both sides end, and the history has the call's lines with its length.
    await agentCall.getByRole('button', { name: 'Hang up' }).click();
    await expect(agentCall).toBeHidden();
    await expect(agent.getByTestId('call-outcome')).toHaveText('Call ended');
    await expect(shop.chat.getByTestId('widget-call-ended')).toHaveText('Call ended');
    await expect(visitorCall).toBeHidden();
    const lines = conversation.messages.getByTestId('status-message');
    await expect(lines.filter({ hasText: 'Video call started' })).toHaveCount(1);
    await expect(lines.filter({ hasText: /^Call ended · (\d+ min )?\d+ s · / })).toHaveCount(1);
    await agent.getByTestId('call-outcome').getByRole('button', { name: 'Dismiss' }).click();
    await expect(agent.getByTestId('call-outcome')).toBeHidden();
    expect(stage.problems).toEqual([]);
  } finally {
    await stage.media.close();
  }
});

test('the visitor declines a video call; a voice call connects and the visitor’s hang-up ends it for the agent', async ({ browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);
  await setCalls(browser, true);
  const stage = await callStage(stamp);
  const { agent, shop, conversation } = stage;
  try {
    const lines = conversation.messages.getByTestId('status-message');

    await startCall(stage, 'Video call');
    const ringing = shop.chat.getByRole('dialog', { name: 'Ben Carter is calling you (video call)' });
    await ringing.getByRole('button', { name: 'Decline' }).click();
    await expect(ringing).toBeHidden();
    await expect(agent.getByTestId('call-outcome')).toHaveText('Call declined');
    await expect(agent.getByRole('region', { name: 'Video call' })).toBeHidden();
    await expect(lines.filter({ hasText: 'Call declined' })).toHaveCount(1);

    // Voice only: no camera on either side, the voice plays.
    await startCall(stage, 'Voice call');
    const voiceRing = shop.chat.getByRole('dialog', { name: 'Ben Carter is calling you (voice call)' });
    await voiceRing.getByRole('button', { name: 'Accept' }).click();
    const agentCall = agent.getByRole('region', { name: 'Voice call' });
    const visitorCall = shop.chat.getByRole('region', { name: 'Agent’s voice' });
    await expect(agentCall).toHaveAttribute('data-call-phase', 'connected', { timeout: 30_000 });
    await expect(visitorCall).toHaveAttribute('data-call-phase', 'connected', { timeout: 30_000 });
    await expect(agentCall.getByRole('button', { name: 'Camera off' })).toHaveCount(0);
    await expect(agentCall.getByRole('button', { name: 'Share screen' })).toHaveCount(0);
    await expect(visitorCall.getByRole('button', { name: 'Camera off' })).toHaveCount(0);
    const remoteVoice = (call: Locator) =>
      call.getByTestId('call-remote').evaluate((el: HTMLAudioElement) => {
        const stream = el.srcObject as MediaStream | null;
        return { audio: stream?.getAudioTracks().length ?? 0, video: stream?.getVideoTracks().length ?? 0, playing: !el.paused };
      });
    await expect.poll(() => remoteVoice(agentCall)).toEqual({ audio: 1, video: 0, playing: true });
    await expect.poll(() => remoteVoice(visitorCall)).toEqual({ audio: 1, video: 0, playing: true });
    expect(await localTrack(agentCall.getByTestId('call-local'), 'video')).toBeNull();

    await visitorCall.getByRole('button', { name: 'Hang up' }).click();
    await expect(shop.chat.getByTestId('widget-call-ended')).toHaveText('Call ended');
    await expect(agentCall).toBeHidden();
    await expect(agent.getByTestId('call-outcome')).toHaveText('Call ended');
    await expect(lines.filter({ hasText: 'Voice call started' })).toHaveCount(1);
    await expect(lines.filter({ hasText: /^Call ended · \d+ s · / })).toHaveCount(1);
    expect(stage.problems).toEqual([]);
  } finally {
    await stage.media.close();
  }
});

test('a page that goes away mid-call ends it on the other side: the visitor’s, then the agent’s', async ({ browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);
  await setCalls(browser, true);
  const stage = await callStage(stamp);
  const { agent, shop, conversation } = stage;
  const lines = conversation.messages.getByTestId('status-message');
  const connectedCall = async () => {
    await startCall(stage, 'Voice call');
    await shop.chat.getByRole('dialog', { name: 'Ben Carter is calling you (voice call)' }).getByRole('button', { name: 'Accept' }).click();
    await expect(agent.getByRole('region', { name: 'Voice call' })).toHaveAttribute('data-call-phase', 'connected', { timeout: 30_000 });
    await expect(shop.chat.getByRole('region', { name: 'Agent’s voice' })).toHaveAttribute('data-call-phase', 'connected', { timeout: 30_000 });
  };
  try {
    // The visitor goes on to the shop's next page (where the shop identifies them again).
    await connectedCall();
    await shop.load({ path: '/next', afterLoader: stage.identify });
    await expect(agent.getByRole('region', { name: 'Voice call' })).toBeHidden();
    await expect(agent.getByTestId('call-outcome')).toHaveText('Call ended');
    await expect(lines.filter({ hasText: /^Call ended · \d+ s · / })).toHaveCount(1);

    // The agent's page goes elsewhere: the visitor's call ends, and the history says so.
    await shop.open();
    await connectedCall();
    await agent.goto('/w/demo-shop/inbox?tab=mine');
    await expect(shop.chat.getByTestId('widget-call-ended')).toHaveText('Call ended');
    await expect(shop.chat.getByRole('region', { name: 'Agent’s voice' })).toBeHidden();
    await conversation.open(stage.customer);
    await expect(lines.filter({ hasText: /^Call ended · \d+ s · / })).toHaveCount(2);
    expect(stage.problems).toEqual([]);
  } finally {
    await stage.media.close();
  }
});
