import { expect, test } from './support/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

// What a new shop finds in the demo on its first visit (demo/seed): a Messenger customer
// who wrote more than 7 days ago, whose composer says why no reply can go out, and an
// Orders page with orders in every status, delivered and picked up.

test('the Messenger conversation past 7 days explains in the composer why it cannot reply', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: /Demo Shop/ }).click();
  const inbox = new InboxPage(page);
  await inbox.expectLoaded();
  await inbox.tab('All').click();
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('Somchai Rattanakul');
  await expect(page).toHaveURL(/[?&]q=/);
  await inbox.rows.filter({ hasText: 'Somchai Rattanakul' }).first().click();
  const conversation = page.getByRole('region', { name: 'Conversation', exact: true });
  await expect(conversation.getByRole('heading', { name: 'Somchai Rattanakul' })).toBeVisible();

  await expect(page.getByTestId('reply-window')).toHaveText('More than 7 days since the customer wrote: Messenger accepts no reply until they write again');
  const box = page.getByLabel('Reply to the customer');
  await expect(box).toBeDisabled();
  await expect(box).toHaveAttribute('placeholder', 'Replying is not possible right now');
  // Messenger has no template to fall back on, unlike WhatsApp.
  await expect(page.getByRole('button', { name: 'Send template message' })).toHaveCount(0);
  // The reply Ben tried two hours ago shows the platform's refusal.
  await expect(conversation.getByText('outside of allowed window', { exact: false }).first()).toBeVisible();
});

test('the Orders page lists the demo orders in every status, and filters them by status and collection point', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 }); // wide: every column shows
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.ben.email, demo.ben.password);
  await new InboxPage(page).expectLoaded();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();

  const table = page.getByRole('table');
  const row = (number: number) => table.getByRole('row').filter({ has: page.getByRole('link', { name: `#${number}`, exact: true }) });
  // The numbers the demo conversations quote, each in its status.
  await expect(row(1055)).toContainText('Mint Chaiyasit');
  await expect(row(1055)).toContainText('Paid');
  await expect(row(1055)).toContainText('฿2,580.00');
  await expect(row(1049)).toContainText('Wichai Pornprasert');
  await expect(row(1049)).toContainText('Pending payment');
  await expect(row(1049)).toContainText('Siam Square store');
  await expect(row(1028)).toContainText('Fulfilled');
  await expect(row(1056)).toContainText('Cancelled');
  await expect(row(1054)).toContainText('Chatuchak pickup');

  const search = page.getByRole('search', { name: 'Search orders' });
  await search.getByLabel(/^Status/).selectOption({ label: 'Cancelled' });
  await search.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]status=cancelled/);
  await expect(row(1056)).toContainText('Oat Chaiwat');
  await expect(table.getByRole('row').filter({ hasNotText: 'Cancelled' })).toHaveCount(1); // the header

  await search.getByLabel(/^Status/).selectOption({ label: 'Any status' });
  await search.getByLabel(/^Collection point/).selectOption({ label: 'Chatuchak pickup' });
  await search.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]point=[0-9a-f-]{36}/);
  await expect(table.getByRole('row')).toHaveCount(2); // header + Yui's order
  await expect(row(1054)).toContainText('Yui Tanaka');
  await expect(row(1054)).toContainText('Paid');

  // The order's page shows where it is picked up, and links to its conversation.
  await row(1054).getByRole('link', { name: '#1054' }).click();
  await expect(page.getByRole('heading', { name: 'Order #1054' })).toBeVisible();
  await expect(page.getByText('Chatuchak pickup')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Items of order #1054' })).toContainText('Straw sun hat');
  await page.getByRole('link', { name: 'Open the conversation' }).click();
  await expect(page.getByRole('region', { name: 'Conversation', exact: true }).getByRole('heading', { name: 'Yui Tanaka' })).toBeVisible();
});
