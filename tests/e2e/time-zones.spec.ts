import fs from 'node:fs/promises';
import { expect, test } from './support/test';
import type { Locator, Page } from '@playwright/test';
import { InboxPage } from './pages/inbox-page';
import { ProfilePage } from './pages/profile-page';
import { demo, SignInPage } from './pages/sign-in-page';

// One rule for times: every time is shown in the agent's zone, the one on their profile, or
// their browser's when the profile names none. The demo shop is in Bangkok; the browser here
// is in Los Angeles; Ben picks Tokyo, then London. The same order must read the same in the
// inbox and on the Orders page, and follow his choice everywhere.

test.use({ timezoneId: 'America/Los_Angeles', viewport: { width: 1440, height: 900 } });

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What an agent in `zone` should read for an instant: "2 May 2026, 11:00". */
function wallClock(iso: string, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${Number(parts.day)} ${MONTHS[Number(parts.month) - 1]} ${parts.year}, ${parts.hour.padStart(2, '0')}:${parts.minute}`;
}

async function chooseZone(page: Page, zone: string | null) {
  const profile = new ProfilePage(page);
  await profile.goto('demo-shop');
  const form = page.getByRole('form', { name: 'Time zone' });
  await form.getByLabel('Time zone').selectOption(zone ?? '');
  await form.getByRole('button', { name: 'Save time zone' }).click();
  await expect(form.getByRole('status')).toContainText(zone ? `Saved. Times show in ${zone.replace(/_/g, ' ')} (GMT` : 'Saved. Times show in this browser’s time zone');
}

async function signInAsBen(page: Page) {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.ben.email, demo.ben.password);
  await new InboxPage(page).expectLoaded();
}

/** Daniel Park's open website-chat conversation is Ben's (db/seed/demo-script-web.ts). */
async function openDanielPark(page: Page) {
  await page.goto('/w/demo-shop/inbox?tab=all&q=Daniel+Park');
  await page.getByTestId('conversation-row').filter({ hasText: 'Daniel Park' }).first().click();
  await expect(page).toHaveURL(/[?&]c=[0-9a-f-]{36}/);
}

/** The order's "Placed …" time in the customer panel. */
function placedInPanel(page: Page, number: string): Locator {
  return page
    .getByRole('complementary', { name: 'Customer info' })
    .getByRole('listitem')
    .filter({ hasText: `#${number}` })
    .filter({ hasText: 'Placed' })
    .locator('time');
}

async function placedOnOrdersPage(page: Page, number: string): Promise<Locator> {
  await page.goto(`/w/demo-shop/orders?q=${encodeURIComponent(`#${number}`)}`);
  const row = page.getByRole('table').getByRole('row').filter({ hasText: `#${number}` });
  await expect(row).toHaveCount(1);
  return row.locator('time');
}

test('the same order shows the same time in the inbox and on Orders, in the zone the agent chose', async ({ page }) => {
  test.setTimeout(90_000);
  await signInAsBen(page);
  await chooseZone(page, 'Asia/Tokyo');

  // Ben creates an order in Daniel Park's conversation.
  await openDanielPark(page);
  await page.getByRole('button', { name: 'Create order' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create an order' });
  await dialog.getByLabel('Search products by name, SKU or #hashtag').fill('tote');
  await dialog.getByRole('button', { name: /^Add Canvas tote/ }).click();
  await dialog.getByRole('textbox', { name: 'Address' }).fill('1 Silom Rd, Bangkok 10500');
  await dialog.getByRole('button', { name: 'Create order and send summary' }).click();
  await expect(dialog).toBeHidden();
  const summary = page.getByRole('list', { name: 'Messages' }).getByTestId('message').filter({ hasText: /Your order #\d+/ }).last();
  await expect(summary).toBeVisible();
  const number = /#(\d+)/.exec((await summary.textContent()) ?? '')?.[1];
  expect(number).toBeTruthy();

  // In the inbox: the customer panel says when it was placed, in Tokyo time, and the
  // summary message's exact time (on hover) is Tokyo's too.
  const inPanel = placedInPanel(page, number!);
  await expect(inPanel).toBeVisible();
  const placedAt = (await inPanel.getAttribute('datetime'))!;
  const tokyo = wallClock(placedAt, 'Asia/Tokyo');
  await expect(inPanel).toHaveText(tokyo);
  await expect(inPanel).toHaveAttribute('title', / GMT\+09:00$/);
  await expect(summary.locator('time').first()).toHaveAttribute('title', new RegExp(`${tokyo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d{2} GMT\\+09:00$`));

  // On Orders, the list and the detail say the same.
  const inList = await placedOnOrdersPage(page, number!);
  await expect(inList).toHaveText(tokyo);
  // Within the list's filters: Next can keep the route's previous render in the page, hidden.
  await expect(page.getByRole('search', { name: 'Search orders' }).getByText('Days and times in Asia/Tokyo (GMT+09:00)')).toBeVisible();
  await page.getByRole('table').getByRole('link', { name: `#${number}` }).click();
  await expect(page.getByRole('heading', { name: `Order #${number}` })).toBeVisible();
  await expect(page.getByText('Placed').locator('time')).toHaveText(tokyo);

  // Another zone changes both, the same way.
  await chooseZone(page, 'Europe/London');
  const london = wallClock(placedAt, 'Europe/London');
  expect(london).not.toBe(tokyo);
  await expect(await placedOnOrdersPage(page, number!)).toHaveText(london);
  await openDanielPark(page);
  await expect(placedInPanel(page, number!)).toHaveText(london);

  // Without a zone on the profile, the browser's own (Los Angeles) is used, in both places.
  await chooseZone(page, null);
  const losAngeles = wallClock(placedAt, 'America/Los_Angeles');
  await openDanielPark(page);
  await expect(placedInPanel(page, number!)).toHaveText(losAngeles);
  await expect(await placedOnOrdersPage(page, number!)).toHaveText(losAngeles);
  await expect(page.getByRole('search', { name: 'Search orders' }).getByText('Days and times in America/Los Angeles (GMT')).toBeVisible();
});

test('a transcript export writes ISO 8601 times with the offset of the agent’s zone', async ({ page }) => {
  test.setTimeout(60_000);
  await signInAsBen(page);
  await chooseZone(page, 'Asia/Kathmandu');
  await openDanielPark(page);
  const downloading = page.waitForEvent('download');
  await page.getByRole('complementary', { name: 'Customer info' }).getByRole('link', { name: 'Export transcript (CSV)' }).click();
  const csv = (await fs.readFile((await (await downloading).path())!, 'utf8')).replace(/^\uFEFF/, '');
  const [header, ...rows] = csv.split('\r\n').filter((line) => /^(Time,|\d{4}-)/.test(line));
  expect(header).toBe('Time,Sender kind,Sender name,Channel,Kind,Text,Attachment URLs,Note');
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+05:45,/);
  await chooseZone(page, null);
});

test('a reminder’s date and time are read and shown in the agent’s zone, with the shop’s zone for presets', async ({ page }) => {
  test.setTimeout(60_000);
  await signInAsBen(page);
  await chooseZone(page, 'Asia/Tokyo');
  await openDanielPark(page);
  await page.getByRole('region', { name: 'Conversation', exact: true }).getByRole('button', { name: /Remind me|Reminders/ }).click();
  const panel = page.getByRole('region', { name: 'Reminders' });
  await expect(panel.getByText('9:00 shop time (Asia/Bangkok (GMT+07:00)).')).toBeVisible();

  // Tomorrow 10:30 on Tokyo's calendar, typed as Tokyo time although the browser is in Los Angeles.
  const tomorrow = new Date(Date.now() + 24 * 3_600_000);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(tomorrow);
  await panel.getByLabel('Date and time (Asia/Tokyo)').fill(`${day}T10:30`);
  await panel.getByRole('button', { name: 'Set', exact: true }).click();
  const [y, m, d] = day.split('-').map(Number);
  const expected = `${d} ${MONTHS[m - 1]} ${y}, 10:30`;
  await expect(panel.getByRole('status')).toHaveText(`Reminder set for ${expected}.`);
  const listed = panel.getByRole('list', { name: 'My reminders' }).getByRole('listitem').filter({ hasText: expected });
  await expect(listed).toHaveCount(1);
  // Cancel it again, so other tests find the conversation as it was.
  await listed.getByRole('button', { name: `Cancel the reminder for ${expected}` }).click();
  await expect(panel.getByRole('status')).toHaveText('Reminder cancelled.');
  await expect(listed).toHaveCount(0);
  await chooseZone(page, null);
});
