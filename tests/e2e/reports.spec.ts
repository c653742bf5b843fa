import fs from 'node:fs';
import { expect, test } from './support/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

// Reports as the manager sees them: open the page from the nav, change the range and a
// filter, download a table's CSV and the streamed Conversations CSV, and check both files'
// content against what the page shows. Then an agent sees only their own figures.

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test('an admin opens Reports, changes the range and channel, and downloads CSVs', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  // Ana is admin of two shops: she picks the demo shop first.
  await page.getByRole('link', { name: 'Demo Shop admin' }).click();
  await new InboxPage(page).expectLoaded();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  const opened = page.locator('[data-figure="Opened"]');
  await expect(opened).toHaveText(/^\d[\d,]*$/);

  // A wider range, then only the website chat.
  const filters = page.getByRole('form', { name: 'Report filters' });
  await filters.getByLabel('From', { exact: true }).fill(day(-60));
  await filters.getByLabel('To', { exact: true }).fill(day(1));
  await filters.getByLabel('Channel', { exact: true }).selectOption({ label: 'Website chat' });
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]channel=[0-9a-f-]{36}/);
  await expect(page).toHaveURL(new RegExp(`[?&]from=${day(-60)}`));
  await expect(filters.getByLabel('Channel', { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
  const openedCount = Number((await opened.textContent())!.replace(/,/g, ''));

  // The by-channel table's CSV: one row, the website chat, with the figure the page shows.
  const byChannel = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download conversations by channel as CSV' }).click();
  const channelFile = fs.readFileSync((await (await byChannel).path())!, 'utf8').replace(/^\ufeff/, '');
  const channelLines = channelFile.trim().split(/\r\n/);
  expect(channelLines[0]).toBe('channel,kind,opened,resolved');
  if (openedCount > 0) expect(channelLines[1]).toMatch(new RegExp(`^Website chat,web,${openedCount},\\d+$`));

  // The Conversations CSV: one row per conversation opened in the range, all on the website chat.
  const conversations = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Conversations CSV' }).click();
  const download = await conversations;
  expect(download.suggestedFilename()).toMatch(/^conversations-.*\.csv$/);
  const text = fs.readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
  const lines = text.trim().split(/\r\n/);
  expect(lines[0]).toMatch(/^conversation_id,opened_at,channel,channel_kind,customer,tags,custom_data,status/);
  expect(lines.length - 1).toBe(openedCount);
  for (const line of lines.slice(1)) expect(line).toMatch(/^[0-9a-f-]{36},\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2},Website chat,web,/);
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toHaveText(`Downloaded ${openedCount.toLocaleString('en')} ${openedCount === 1 ? 'row' : 'rows'}`);
});

test('every table and chart on Reports downloads as a CSV with its header', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: 'Demo Shop admin' }).click();
  await new InboxPage(page).expectLoaded();
  await page.goto(`/w/demo-shop/reports?from=${day(-60)}&to=${day(1)}`);
  const buttons = page.getByRole('button', { name: /^Download .+ as CSV$/ });
  await expect(buttons.first()).toBeVisible();
  const names = await buttons.evaluateAll((all) => all.map((b) => b.getAttribute('aria-label')!));
  expect(names.length).toBeGreaterThanOrEqual(8);
  for (const name of names) {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name, exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const lines = fs.readFileSync((await file.path())!, 'utf8').replace(/^\ufeff/, '').trim().split(/\r\n/);
    // A header row naming the columns.
    expect(lines[0].split(',').length, name).toBeGreaterThan(1);
    expect(lines[0], name).not.toMatch(/^\d/);
  }
});

test('an agent sees only their own figures, without the agent filter', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.ben.email, demo.ben.password);
  await new InboxPage(page).expectLoaded();
  await page.goto('/w/demo-shop/reports');
  await expect(page.getByText('Your own conversations and figures')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Report filters' }).getByLabel('Agent', { exact: true })).toHaveCount(0);
  const agents = page.getByRole('table', { name: 'Agents' });
  if (await agents.count()) await expect(agents.getByRole('row')).toHaveCount(2); // header + Ben
});
