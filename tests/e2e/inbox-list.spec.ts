import { expect, test } from './support/test';
import type { Page } from '@playwright/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

// The customer list on the demo shop, as Ben (one workspace: straight to the inbox).
// Other specs change demo conversations, so these checks hold for any rows they find
// rather than for exact counts.

async function signInAsBen(page: Page): Promise<InboxPage> {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.ben.email, demo.ben.password);
  const inbox = new InboxPage(page);
  await inbox.expectLoaded();
  await expect(inbox.rows.first()).toBeVisible();
  await waitForList(page);
  return inbox;
}

/** The list is hydrated (its shortcuts and menus respond); rows are server-rendered before that. */
async function waitForList(page: Page) {
  await expect(page.getByTestId('inbox-list')).toHaveAttribute('data-ready', 'true');
}

const conversations = (page: Page) => page.getByRole('list', { name: 'Conversations' });
/**
 * The list's search box and filters. Next can keep a route's previous render in the page,
 * hidden, with a copy of them; role locators skip what is hidden.
 */
const listSearch = (page: Page) => page.getByRole('search', { name: 'Search conversations' });

test('filters live in the URL and survive a reload', async ({ page }) => {
  const inbox = await signInAsBen(page);
  await inbox.tab('All').click();
  await expect(page).toHaveURL(/tab=all/);

  await listSearch(page).getByRole('button', { name: /^Filters/ }).click();
  await listSearch(page).getByLabel('Assigned to').selectOption('bot');
  await expect(page).toHaveURL(/assigned=bot/);
  await listSearch(page).getByLabel('Channel').selectOption({ label: 'Demo Shop WhatsApp' });
  await expect(page).toHaveURL(/channel=[0-9a-f-]{36}/);
  await listSearch(page).getByLabel('Sort').selectOption('sla');
  await expect(page).toHaveURL(/sort=sla/);

  const check = async () => {
    await expect(inbox.rows.first()).toBeVisible();
    const count = await inbox.rows.count();
    for (let i = 0; i < count; i++) {
      const row = inbox.rows.nth(i);
      await expect(row).toContainText('Bot');
      await expect(row.getByRole('img', { name: 'WhatsApp' })).toBeVisible();
    }
  };
  await check();

  await page.reload();
  await waitForList(page);
  await expect(page).toHaveURL(/assigned=bot/);
  await expect(page).toHaveURL(/sort=sla/);
  await check();
  const active = listSearch(page).getByRole('list', { name: 'Active filters' });
  await expect(active.getByRole('button', { name: 'Remove filter Bot' })).toBeVisible();
  await expect(active.getByRole('button', { name: 'Remove filter Demo Shop WhatsApp' })).toBeVisible();
  await listSearch(page).getByRole('button', { name: /^Filters/ }).click();
  await expect(listSearch(page).getByLabel('Assigned to')).toHaveValue('bot');
  await expect(listSearch(page).getByLabel('Sort')).toHaveValue('sla');

  // The tabs keep the filters; removing one drops it from the URL.
  await inbox.tab('Requests').click();
  await expect(page).toHaveURL(/tab=requests/);
  await expect(page).toHaveURL(/assigned=bot/);
  await expect(page.getByText('No conversations match these filters.')).toBeVisible();
  await active.getByRole('button', { name: 'Remove filter Bot' }).click();
  await expect(page).not.toHaveURL(/assigned=/);
  await expect(page).toHaveURL(/channel=/);
});

test('search by a tag and by a customer name highlights what matched', async ({ page }) => {
  const inbox = await signInAsBen(page);
  await inbox.tab('All').click();
  await expect(page).toHaveURL(/tab=all/);
  const search = listSearch(page).getByLabel('Search customers');

  await search.fill('vip');
  await expect(page).toHaveURL(/q=vip/);
  await expect(inbox.rows.first()).toBeVisible();
  const count = await inbox.rows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    // The tag line, with the matched text marked (the tag is spelled "VIP").
    const tagLine = inbox.rows.nth(i).locator('[data-match-kind="tag"]');
    await expect(tagLine).toContainText('Tag: VIP');
    await expect(tagLine.locator('mark')).toHaveText('VIP');
  }

  await search.fill('chaiyaporn');
  await expect(page).toHaveURL(/q=chaiyaporn/);
  const ploy = inbox.rows.filter({ hasText: 'Ploy Chaiyaporn' });
  await expect(ploy).toHaveCount(1);
  await expect(inbox.rows).toHaveCount(1);
  await expect(ploy.locator('mark').first()).toHaveText('Chaiyaporn');

  // Searching survives a reload, and the box shows the search.
  await page.reload();
  await waitForList(page);
  await expect(listSearch(page).getByLabel('Search customers')).toHaveValue('chaiyaporn');
  await expect(inbox.rows.filter({ hasText: 'Ploy Chaiyaporn' }).locator('mark').first()).toHaveText('Chaiyaporn');

  // Nothing found: says so, with a way back.
  await listSearch(page).getByLabel('Search customers').fill('no customer is called this');
  await expect(page.getByText(/No conversations match/)).toBeVisible();
  await page.getByRole('link', { name: 'Clear search and filters' }).click();
  await expect(page).not.toHaveURL(/q=/);
  await expect(inbox.rows.first()).toBeVisible();
});

test('keyboard: j/k move, Enter opens, / searches, ? lists the shortcuts', async ({ page }) => {
  const inbox = await signInAsBen(page);
  await inbox.tab('All').click();
  await expect(page).toHaveURL(/tab=all/);
  await expect(inbox.rows.nth(2)).toBeVisible();

  const second = await inbox.rows.nth(1).getAttribute('data-conversation-id');
  expect(second).toBeTruthy();
  await page.locator('body').press('j');
  await expect(inbox.rows.nth(0)).toBeFocused();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(conversations(page).locator(`[data-conversation-id="${second}"]`)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`c=${second}`));
  await expect(page.getByRole('list', { name: 'Messages' })).toBeVisible();

  // "/" puts the cursor in the search box; typing there is not a shortcut.
  await page.locator('body').press('/');
  const search = listSearch(page).getByLabel('Search customers');
  await expect(search).toBeFocused();
  await page.keyboard.type('jk');
  await expect(search).toHaveValue('jk');
  await page.keyboard.press('Escape'); // clears
  await expect(search).toHaveValue('');
  await page.keyboard.press('Escape'); // leaves the box
  await expect(search).not.toBeFocused();

  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await expect(dialog).toContainText('Open the conversation');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the status view narrows to unread, unresolved or done conversations, and to mine only', async ({ page }) => {
  const inbox = await signInAsBen(page);
  await inbox.tab('All').click();
  const view = page.getByRole('radiogroup', { name: 'Status view' });
  await expect(view.getByRole('radio', { name: 'All' })).toHaveAttribute('aria-checked', 'true');

  await view.getByRole('radio', { name: 'Unread' }).click();
  await expect(page).toHaveURL(/status=unread/);
  await expect(view.getByRole('radio', { name: 'Unread' })).toHaveAttribute('aria-checked', 'true');
  await expect(inbox.rows.first()).toBeVisible();
  const unread = await inbox.rows.count();
  for (let i = 0; i < unread; i++) await expect(inbox.rows.nth(i).getByLabel(/unread/i)).toBeVisible();

  await view.getByRole('radio', { name: 'Done' }).click();
  await expect(page).toHaveURL(/status=resolved/);
  await expect(inbox.rows.first()).toBeVisible();
  const done = await inbox.rows.count();
  for (let i = 0; i < done; i++) await expect(inbox.rows.nth(i)).toContainText('Resolved');

  await view.getByRole('radio', { name: 'Unresolved' }).click();
  await expect(page).toHaveURL(/status=unresolved/);
  await page.getByRole('button', { name: 'Only mine' }).click();
  await expect(page).toHaveURL(/assigned=me/);
  await expect(page.getByRole('button', { name: 'Only mine' })).toHaveAttribute('aria-pressed', 'true');
  await expect(inbox.rows.first()).toBeVisible();
  const mine = await inbox.rows.count();
  for (let i = 0; i < mine; i++) await expect(inbox.rows.nth(i)).toContainText('Ben Carter');

  await page.reload();
  await expect(page.getByRole('button', { name: 'Only mine' })).toHaveAttribute('aria-pressed', 'true');
  await expect(view.getByRole('radio', { name: 'Unresolved' })).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('button', { name: 'Only mine' }).click();
  await view.getByRole('radio', { name: 'All' }).click();
  await expect(page).not.toHaveURL(/status=|assigned=/);
});
