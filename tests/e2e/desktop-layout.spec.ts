import { expect, test, type Locator, type Page } from '@playwright/test';
import { demo, SignInPage } from './pages/sign-in-page';

// The inbox at a common desktop width: the three columns stay on screen whatever the
// conversation shows, and every list tab is shown whole.

test.use({ viewport: { width: 1440, height: 900 } });

async function signInAsAdmin(page: Page) {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await expect(page.getByRole('heading', { name: 'Choose a workspace' })).toBeVisible();
}

/** The element's box, or null while it has none. */
const boxOf = (locator: Locator) => locator.boundingBox();

test('every inbox tab, Resolved included, is shown whole in the tab bar', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/w/demo-shop/inbox?tab=all');
  const bar = page.getByRole('navigation', { name: 'Inbox tabs' });
  await expect(bar.getByTestId('tab-count-all')).toBeVisible(); // the counts are in: the bar is at its widest
  const barBox = (await boxOf(bar))!;
  for (const name of ['Active', 'Requests', 'Bot', 'All', 'Resolved']) {
    const tab = bar.getByRole('link', { name: new RegExp(`^${name}`) });
    await expect(tab).toBeVisible();
    const box = (await boxOf(tab))!;
    expect(box.x, `${name} starts inside the bar`).toBeGreaterThanOrEqual(barBox.x - 0.5);
    expect(box.x + box.width, `${name} ends inside the bar`).toBeLessThanOrEqual(barBox.x + barBox.width + 0.5);
  }
  expect(await bar.evaluate((el) => el.scrollWidth - el.clientWidth), 'the tab bar has nothing to scroll to').toBeLessThanOrEqual(1);
});

test('opening the template picker keeps the customer panel on screen', async ({ page }) => {
  await signInAsAdmin(page);
  // Anan Boonmee wrote on WhatsApp three days ago: only a template can reach him.
  await page.goto('/w/demo-shop/inbox?tab=all');
  await page.getByLabel('Search customers').fill('Anan Boonmee');
  await expect(page).toHaveURL(/[?&]q=/);
  await page.getByTestId('conversation-row').filter({ hasText: 'Anan Boonmee' }).first().click();
  const panel = page.getByRole('complementary', { name: 'Customer info' });
  await expect(panel.getByTestId('customer-panel')).toBeVisible();

  const picker = page.getByRole('region', { name: 'Send template message' });
  await expect(async () => {
    await page.getByTestId('reply-window').getByRole('button', { name: 'Send template message' }).click();
    await expect(picker).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(picker.getByRole('radio').first()).toBeVisible(); // the templates (with their long bodies) are listed

  const width = page.viewportSize()!.width;
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: 'the page does not scroll sideways' }).toBeLessThanOrEqual(width);
  const box = (await boxOf(panel))!;
  expect(box.x + box.width, 'the customer panel ends within the window').toBeLessThanOrEqual(width + 0.5);
  await expect(panel.getByRole('heading', { name: 'Anan Boonmee' })).toBeInViewport();
});
