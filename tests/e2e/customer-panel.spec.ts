import fs from 'node:fs/promises';
import { expect, test } from './support/test';
import type { Page } from '@playwright/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

// The customer panel on the demo shop: tags, additional information and custom data
// survive a reload, the transcript downloads as CSV; and the settings behind it.

async function signInToDemoShop(page: Page) {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  // Ana belongs to two shops, so she picks one.
  await page.getByRole('link', { name: /Demo Shop/ }).click();
  const inbox = new InboxPage(page);
  await inbox.expectLoaded();
  return inbox;
}

async function openFirstConversation(page: Page, inbox: InboxPage) {
  await expect(inbox.rows.first()).toBeVisible();
  await inbox.rows.first().click();
  await expect(page).toHaveURL(/[?&]c=[0-9a-f-]{36}/);
}

const panelOf = (page: Page) => page.getByRole('complementary', { name: 'Customer info' });

test('an agent tags a customer, fills in a field and custom data, sees them after a reload, and exports the transcript', async ({ page }) => {
  test.setTimeout(60_000); // many saves, a reload and a download
  await page.setViewportSize({ width: 1440, height: 900 }); // wide: the panel sits beside the conversation
  const inbox = await signInToDemoShop(page);
  await openFirstConversation(page, inbox);
  const panel = panelOf(page);
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Channel identities' }).getByRole('listitem').first()).toBeVisible();

  const suffix = Date.now().toString(36);
  const tag = `Gift buyer ${suffix}`;
  const handle = `e2e.${suffix}`;

  // A new tag, created on the fly.
  await panel.getByLabel('Add a tag').fill(tag);
  await panel.getByRole('button', { name: 'Add tag', exact: true }).click();
  await expect(panel.getByRole('list', { name: 'Tags' })).toContainText(tag);
  await expect(panel.getByLabel('Add a tag')).toHaveValue('');

  // An additional-information field: the link is stored with https:// added.
  const info = panel.getByRole('form', { name: 'Additional information' });
  await info.getByLabel('Instagram', { exact: true }).fill(`instagram.com/${handle}`);
  await info.getByRole('button', { name: 'Save information' }).click();
  await expect(info.getByRole('status')).toHaveText('Saved.');

  // A free-form custom data entry.
  await panel.getByRole('button', { name: 'Add custom data' }).click();
  const addData = panel.getByRole('form', { name: 'Add custom data' });
  await addData.getByLabel('Name', { exact: true }).fill(`Gift wrap ${suffix}`);
  await addData.getByLabel('Value', { exact: true }).fill('Yes, with a card');
  await addData.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(panel.getByRole('list', { name: 'Custom data' })).toContainText(`Gift wrap ${suffix}`);

  await page.reload();
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Tags' })).toContainText(tag);
  await expect(panel.getByRole('form', { name: 'Additional information' }).getByLabel('Instagram', { exact: true })).toHaveValue(`https://instagram.com/${handle}`);
  await expect(panel.getByRole('list', { name: 'Custom data' })).toContainText('Yes, with a card');

  // Removing the tag works from the keyboard too.
  await panel.getByRole('button', { name: `Remove tag ${tag}` }).focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByText(tag, { exact: true })).toHaveCount(0);

  // The transcript downloads as a CSV file, one row per message.
  const downloading = page.waitForEvent('download');
  await panel.getByRole('link', { name: 'Export transcript (CSV)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^transcript-[\w-]+-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await fs.readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.split('\r\n').filter(Boolean);
  expect(lines[0]).toBe('Time,Sender kind,Sender name,Channel,Kind,Text,Attachment URLs,Note');
  expect(lines.length).toBeGreaterThan(1);
  // ISO 8601 with the offset of the agent's zone (this browser's: no zone on Ben's profile).
  expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2},(customer|agent|bot|system),/);
});

test('at phone width the customer info opens over the conversation and closes with Escape', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const inbox = await signInToDemoShop(page);
  await openFirstConversation(page, inbox);
  const panel = panelOf(page);
  await expect(panel).toBeHidden();
  const toggle = page.getByRole('button', { name: 'Customer info', exact: true });
  await toggle.click();
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Add tag', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(toggle).toBeFocused();
});

test('an admin manages message shortcuts: add, refuse a duplicate name, delete', async ({ page }) => {
  await signInToDemoShop(page);
  await page.goto('/w/demo-shop/settings/shortcuts');
  await expect(page.getByRole('heading', { name: 'Message shortcuts', level: 1 })).toBeVisible();
  const list = page.getByRole('list', { name: 'Message shortcuts' });
  await expect(list).toContainText('/thanks');

  const name = `e2e-${Date.now().toString(36)}`;
  const form = page.getByRole('form', { name: 'Add a shortcut' });
  await form.getByLabel(/^Shortcut/).fill(`/${name}`);
  await form.getByLabel(/^Message/).fill('Hi {{customer.first_name}}, this is a test.');
  await form.getByRole('button', { name: 'Add shortcut' }).click();
  await expect(form.getByRole('status')).toHaveText('Shortcut added.');
  await expect(list).toContainText(`/${name}`);

  await form.getByLabel(/^Shortcut/).fill('/thanks');
  await form.getByLabel(/^Message/).fill('Another thanks');
  await form.getByRole('button', { name: 'Add shortcut' }).click();
  await expect(form.getByRole('status')).toHaveText('There is already a shortcut /thanks. Choose another name or edit that one.');
  // The refused text stays in the form.
  await expect(form.getByLabel(/^Message/)).toHaveValue('Another thanks');

  page.once('dialog', (dialog) => dialog.accept());
  await list.getByRole('button', { name: `Delete /${name}` }).click();
  await expect(list).not.toContainText(`/${name}`);
});
