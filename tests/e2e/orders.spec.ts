import { expect, test } from './support/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

// Create order in the conversation: Ben builds Daniel Park's cart (his own open website-chat
// conversation in the demo shop), the summary lands in the chat, the customer panel shows
// the order live, and it is on the Orders page with its detail and conversation link.

test('an agent creates an order in the conversation and finds it in the customer panel and on the Orders page', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 }); // wide: the customer panel sits beside the conversation
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.ben.email, demo.ben.password);
  const inbox = new InboxPage(page);
  await inbox.expectLoaded();
  await inbox.tab('All').click();
  // The list is virtualised: find him by search rather than hoping his row is rendered.
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('Daniel Park');
  await expect(page).toHaveURL(/[?&]q=/); // the search applies after a short pause
  await inbox.rows.filter({ hasText: 'Daniel Park' }).first().click();
  await expect(page).toHaveURL(/[?&]c=[0-9a-f-]{36}/);

  await page.getByRole('button', { name: 'Create order' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create an order' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Search products by name, SKU or #hashtag').fill('straw');
  await dialog.getByRole('button', { name: 'Add Straw sun hat' }).click();
  await dialog.getByLabel('Quantity of Straw sun hat').fill('2');
  await expect(dialog.getByText('฿1,580.00').last()).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Address' }).fill('99 Sukhumvit Rd, Bangkok 10110');
  await dialog.getByLabel('Notes (optional, sent to the customer)').fill('Gift wrap please');
  await dialog.getByRole('button', { name: 'Create order and send summary' }).click();
  await expect(dialog).toBeHidden();

  // The summary is in the conversation.
  const conversation = page.getByRole('region', { name: 'Conversation' });
  await expect(conversation.getByText(/Your order #\d+/).last()).toBeVisible();
  const summary = (await conversation.getByText(/Your order #\d+/).last().textContent()) ?? '';
  const number = /#(\d+)/.exec(summary)?.[1];
  expect(number).toBeTruthy();

  // The customer panel shows it live (contact.updated), without a reload.
  const panel = page.getByRole('complementary', { name: 'Customer info' });
  await expect(panel.getByText(`#${number}`).first()).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Custom data' })).toContainText('last_order');

  // The Orders page lists it; searching by number finds it; the detail links back.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();
  await page.getByLabel('Order number or customer').fill(`#${number}`);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  const table = page.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(2); // header + the order
  await expect(table).toContainText('Daniel Park');
  await expect(table).toContainText('Pending payment');
  await table.getByRole('link', { name: `#${number}` }).click();

  await expect(page.getByRole('heading', { name: `Order #${number}` })).toBeVisible();
  await expect(page.getByRole('table', { name: `Items of order #${number}` })).toContainText('Straw sun hat');
  await expect(page.getByText('99 Sukhumvit Rd, Bangkok 10110')).toBeVisible();
  await page.getByRole('button', { name: 'Mark as paid' }).click();
  await expect(page.getByText('Paid', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mark as fulfilled' })).toBeVisible();
  await page.getByRole('link', { name: 'Open the conversation' }).click();
  await expect(page).toHaveURL(/\/inbox\?tab=all&c=[0-9a-f-]{36}/);
});
