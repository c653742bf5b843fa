import { createHmac } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';
import { expect, test } from './support/test';
import { e2eEnv } from './support/env';
import { ConversationPage } from './pages/conversation-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { demoWidget, ShopWithWidget } from './pages/widget-page';

// Email: an admin points the shop at its SMTP server (a real one the test runs) and sends a
// test email; with the widget's transcript option on, a visitor emails themselves the
// conversation, which arrives with what they saw and without the agent's internal note, and
// the agent reads in the conversation that it was sent.

const localNetwork = { permissions: ['local-network-access'] };
test.use(localNetwork);

let smtp: TestSmtpServer;
test.beforeAll(async () => {
  smtp = await startSmtpServer({ port: e2eEnv.smtpPort, user: 'demo-mailer', password: 'mail pass 1' });
});
test.afterAll(async () => {
  await smtp?.close();
});

async function signedInAdmin(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: 'Demo Shop admin' }).click();
  return page;
}

async function setTranscriptOption(page: Page, on: boolean) {
  await page.goto('/w/demo-shop/settings/channels');
  await page.getByRole('link', { name: 'Website chat' }).click();
  await page.getByRole('link', { name: /Appearance, allowed sites/ }).click();
  const form = page.getByRole('form', { name: 'Website chat settings' });
  const option = form.getByLabel('Let visitors email themselves the transcript');
  if (on) await option.check();
  else await option.uncheck();
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  return form;
}

/** Other specs' visitors see no transcript button: the option goes off again whatever happened. */
test.afterEach(async ({ browser }) => {
  const page = await signedInAdmin(browser);
  await setTranscriptOption(page, false);
  await page.context().close();
});

test('an admin sets up SMTP and sends a test; a visitor emails themselves the transcript; the agent sees it was sent', async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const admin = await signedInAdmin(browser);

  // Settings → Email: a bad host is refused with the reason, then the local server is saved.
  await admin.goto('/w/demo-shop/settings');
  await admin.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Email' }).click();
  await expect(admin.getByRole('heading', { name: 'Email', exact: true })).toBeVisible();
  const form = admin.getByRole('form', { name: 'Email (SMTP) settings' });
  await form.getByLabel('SMTP host').fill('10.1.2.3');
  await form.getByLabel('Port').fill(String(smtp.port));
  await form.getByLabel('Security').selectOption('none');
  await form.getByLabel('User name').fill('demo-mailer');
  await form.getByLabel('Password', { exact: true }).fill('mail pass 1');
  await form.getByLabel('From address').fill('help@demo-shop.example.com');
  await form.getByRole('button', { name: 'Save email settings' }).click();
  const refusal = /^Baton does not connect to private or local addresses \(10\.1\.2\.3 is a private address\)/;
  await expect(form.getByRole('status')).toHaveText(refusal);
  await expect(form.getByLabel('SMTP host')).toHaveAccessibleDescription(refusal);
  await form.getByLabel('SMTP host').fill('127.0.0.1');
  await form.getByLabel('Password', { exact: true }).fill('mail pass 1');
  await form.getByRole('button', { name: 'Save email settings' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  // The password is never shown again: only that one is set.
  await admin.reload();
  await expect(form.getByTestId('smtp-password-set')).toHaveText('Password set');
  await expect(form.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(form.getByLabel('SMTP host')).toHaveValue('127.0.0.1');

  // Send test email: it reaches the server, logged in, from the shop by name.
  const testForm = admin.getByRole('form', { name: 'Send a test email' });
  const testTo = `owner.${stamp}@example.com`;
  await testForm.getByLabel('Send to').fill(testTo);
  await testForm.getByRole('button', { name: 'Send test email' }).click();
  await expect(testForm.getByRole('status')).toHaveText(`Test email sent to ${testTo}.`);
  const testEmail = await smtp.waitFor((e) => e.envelope.to.includes(testTo));
  expect(testEmail.user).toBe('demo-mailer');
  expect(testEmail.parsed.subject).toBe('Test email from Demo Shop');
  expect(testEmail.parsed.from?.value).toEqual([{ name: 'Demo Shop', address: 'help@demo-shop.example.com' }]);

  // The widget offers the transcript.
  await setTranscriptOption(admin, true);

  // An identified visitor writes; the agent answers and adds a note the visitor must never see.
  const shopContext = await browser.newContext(localNetwork);
  const shop = new ShopWithWidget(await shopContext.newPage());
  const email = `mai.${stamp}@example.com`;
  const visitor = { identifier: `transcript-${stamp}`, name: `Mai Transcript ${stamp}`, email };
  const hash = createHmac('sha256', demoWidget.hmacToken).update(visitor.identifier).digest('hex');
  await shop.goto({ afterLoader: `<script>Baton('identify', ${JSON.stringify({ ...visitor, hash })});</script>` });
  await shop.open();
  const transcriptButton = shop.chat.getByRole('button', { name: 'Email me the transcript' });
  await expect(transcriptButton).toHaveCount(0);
  await shop.send(`Is the linen dress washable? (${stamp})`);
  await expect(shop.visitorMessage('Is the linen dress washable?')).toBeVisible();

  const conversation = new ConversationPage(admin);
  await conversation.open(visitor.name);
  await conversation.takeOver();
  await conversation.sendText(`Yes, at 30 degrees (${stamp})`);
  await conversation.addNote(`Internal: offer a discount (${stamp})`);
  await expect(shop.message(`Yes, at 30 degrees (${stamp})`)).toBeVisible();

  // The visitor asks for the transcript: the address the shop gave is already there.
  // Cancel closes the dialog without sending.
  await transcriptButton.click();
  const dialog = shop.chat.getByRole('dialog', { name: 'Email me the transcript' });
  await expect(dialog.getByLabel('Your email')).toHaveValue(email);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(transcriptButton).toBeFocused();
  await transcriptButton.click();
  // A bad address is caught before anything is sent.
  await dialog.getByLabel('Your email').fill('mai@');
  await dialog.getByRole('button', { name: 'Send transcript' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Enter an email address like name@example.com');
  await dialog.getByLabel('Your email').fill(email);
  await dialog.getByRole('button', { name: 'Send transcript' }).click();
  await expect(dialog.getByRole('status')).toHaveText(`Sent! The transcript is on its way to ${email}.`);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);

  const transcript = await smtp.waitFor((e) => e.envelope.to.includes(email));
  expect(transcript.parsed.subject).toBe('Your conversation with Demo Shop');
  expect(transcript.parsed.from?.value).toEqual([{ name: 'Demo Shop', address: 'help@demo-shop.example.com' }]);
  expect(transcript.parsed.text).toContain(`Is the linen dress washable? (${stamp})`);
  expect(transcript.parsed.text).toContain(`Yes, at 30 degrees (${stamp})`);
  expect(transcript.parsed.text).not.toContain('offer a discount');
  expect(String(transcript.parsed.html)).toContain(`Yes, at 30 degrees (${stamp})`);
  expect(String(transcript.parsed.html)).not.toContain('offer a discount');

  // The agent reads that it was sent, live.
  await expect(conversation.messages.getByText(`Transcript emailed to ${email}`)).toBeVisible();
  expect(smtp.received.filter((e) => e.envelope.to.includes(email))).toHaveLength(1);

  // The admin removes the stored password: the page no longer says one is set.
  await admin.goto('/w/demo-shop/settings/email');
  await form.getByLabel('Remove the stored password').check();
  await expect(form.getByLabel('Password', { exact: true })).toBeDisabled();
  await form.getByRole('button', { name: 'Save email settings' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await expect(form.getByTestId('smtp-password-set')).toHaveCount(0);
  await expect(form.getByLabel('Password', { exact: true })).toHaveAccessibleDescription('No password is set.');

  await shopContext.close();
  await admin.context().close();
});
