import { expect, test } from './support/test';
import type { Browser, Page } from '@playwright/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

// Tickets: created from a Messenger conversation (its status line, badge and the customer
// panel), followed live by a second agent on the list and the ticket's page, commented,
// and solved, which tells the customer on the (fake) Messenger. Then by hand: New ticket,
// search and filters, bulk edit, editing a comment, the solved message setting, and
// deleting as an admin, at desktop and phone widths.

async function signedIn(browser: Browser, who: { email: string; password: string }, picksWorkspace: boolean, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(who.email, who.password);
  if (picksWorkspace) await page.getByRole('link', { name: /Demo Shop/ }).click();
  await new InboxPage(page).expectLoaded();
  return page;
}

/** A new Messenger customer writes `text` in the simulator; returns the phone's chat. */
async function messengerCustomer(page: Page, name: string, text: string) {
  await page.goto('/w/demo-shop/settings/simulator');
  const channels = page.getByRole('navigation', { name: 'Simulated channels' });
  await channels.getByRole('link', { name: 'Messenger' }).click();
  await expect(channels.getByRole('link', { name: 'Messenger' })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel("New customer's name").fill(name);
  await page.getByLabel('Message as the customer').fill(text);
  await page.getByLabel('Message as the customer').press('Enter');
  await expect(page).toHaveURL(/customer=/);
  return page.getByRole('list', { name: "Customer's chat" });
}

const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage === true);
const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));

async function noSidewaysScroll(page: Page, where: string) {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), { message: `${where} fits the screen` })
    .toBeLessThanOrEqual(0);
}

test('a ticket from a conversation: status line, badge, another agent follows it live, and solving tells the customer', async ({ browser }) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString(36);
  const customer = `Ticket FB ${stamp}`;
  const subject = `My parcel ${stamp} never arrived`;
  const admin = await signedIn(browser, demo.admin, true);

  const phone = await messengerCustomer(admin, customer, `${subject}\nOrdered last week`);
  await expect(phone.getByText(/Welcome to Demo Shop/)).toBeVisible();
  const simulatorUrl = admin.url();

  // The conversation: Create ticket, subject from the customer's last message, every message linked.
  await admin.goto('/w/demo-shop/inbox?tab=all');
  await admin.getByTestId('conversation-row').filter({ hasText: customer }).click();
  const conversation = admin.getByRole('region', { name: 'Conversation' });
  await conversation.getByRole('button', { name: 'Create ticket' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Create a ticket' });
  await expect(dialog.getByLabel('Subject')).toHaveValue(subject);
  const linked = dialog.getByRole('group', { name: /Messages to link/ });
  await expect(linked.getByRole('checkbox').first()).toBeChecked();
  await expect(linked).toContainText(subject);
  await dialog.getByLabel('Priority').selectOption({ label: 'High' });
  await dialog.getByLabel('Type').selectOption({ label: 'Problem' });
  await dialog.getByRole('button', { name: 'Create ticket' }).click();
  await expect(dialog).toBeHidden();

  const statusLine = conversation.getByRole('list', { name: 'Messages' }).getByText(/^Ana Admin created ticket #\d+/);
  await expect(statusLine).toBeVisible();
  const number = Number((await statusLine.textContent())!.match(/#(\d+)/)![1]);
  const badge = conversation.getByRole('link', { name: `Ticket #${number} · Open` });
  await expect(badge).toBeVisible();
  await expect(admin.getByRole('list', { name: 'Customer tickets' }).getByRole('link', { name: new RegExp(`#${number} ${subject}`) })).toBeVisible();

  // Ben follows the list and the ticket's page, neither reloading.
  const benList = await signedIn(browser, demo.ben, false);
  await benList.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
  await expect(benList.getByRole('heading', { name: 'Tickets' })).toBeVisible();
  const benRow = benList.getByTestId('ticket-row').filter({ hasText: subject });
  await expect(benRow.getByTestId('ticket-status')).toHaveText('Open');
  await expect(benRow).toContainText(customer);
  const benTicket = await benList.context().newPage();
  await benTicket.goto(`/w/demo-shop/tickets/${number}`);
  await expect(benTicket.getByRole('heading', { name: `#${number} ${subject}` })).toBeVisible();
  // Agents edit and comment; deleting is for admins, so Ben has no Delete.
  await expect(benTicket.getByRole('form', { name: 'Ticket fields' }).getByRole('button', { name: 'Save changes' })).toBeVisible();
  await expect(benTicket.getByRole('button', { name: /^Delete ticket/ })).toHaveCount(0);
  const benInbox = await benList.context().newPage();
  await benInbox.goto('/w/demo-shop/inbox?tab=all');
  await benInbox.getByTestId('conversation-row').filter({ hasText: customer }).click();
  const benConversation = benInbox.getByRole('region', { name: 'Conversation', exact: true });
  await expect(benConversation.getByRole('link', { name: `Ticket #${number} · Open` })).toBeVisible();
  await markDocument(benList);
  await markDocument(benTicket);

  // Ana opens the ticket from the badge: the linked conversation and its messages.
  await badge.click();
  await expect(admin.getByRole('heading', { name: `#${number} ${subject}` })).toBeVisible();
  const link = admin.getByTestId('linked-conversation');
  await expect(link.getByRole('link', { name: `${customer} on` , exact: false })).toHaveAttribute('href', /\/inbox\?c=[0-9a-f-]{36}$/);
  await expect(link.getByRole('list', { name: 'Linked messages' })).toContainText(subject);

  // A status and assignee change reaches Ben live.
  const fields = admin.getByRole('form', { name: 'Ticket fields' });
  await fields.getByLabel('Status').selectOption({ label: 'Pending' });
  await fields.getByLabel('Assignee').selectOption({ label: 'Ben Carter' });
  await fields.getByRole('button', { name: 'Save changes' }).click();
  await expect(fields.getByRole('status')).toHaveText('Saved.');
  await expect(benRow.getByTestId('ticket-status')).toHaveText('Pending');
  await expect(benRow.getByTestId('ticket-assignee')).toHaveText('Ben Carter');
  await expect(benTicket.getByRole('banner').or(benTicket.locator('header')).getByTestId('ticket-status').first()).toHaveText('Pending');
  await expect(benTicket.getByTestId('ticket-assignee')).toHaveText('Assigned to Ben Carter');
  // The conversation's badge and the customer panel follow too.
  await expect(benConversation.getByRole('link', { name: `Ticket #${number} · Pending` })).toBeVisible();
  await expect(benTicket.getByRole('form', { name: 'Ticket fields' }).getByLabel('Status')).toHaveValue('pending');
  const history = benTicket.getByRole('list', { name: 'History' });
  await expect(history.getByText('Ana Admin changed the status from Open to Pending')).toBeVisible();
  await expect(history.getByText('Ana Admin changed the assignee from Ana Admin to Ben Carter')).toBeVisible();

  // An internal comment, live on Ben's page.
  await admin.getByLabel('Internal comment').fill(`Asked the courier ${stamp}`);
  await admin.getByRole('button', { name: 'Add comment' }).click();
  await expect(admin.getByLabel('Internal comment')).toHaveValue('');
  await expect(history.getByText(`Asked the courier ${stamp}`)).toBeVisible();
  expect(await sameDocument(benList), 'Ben’s list did not reload').toBe(true);
  expect(await sameDocument(benTicket), 'Ben’s ticket page did not reload').toBe(true);

  // Solved: the customer is told on Messenger, and the history says what was sent.
  await fields.getByLabel('Status').selectOption({ label: 'Solved' });
  await fields.getByRole('button', { name: 'Save changes' }).click();
  await expect(fields.getByRole('status')).toHaveText('Saved.');
  const told = `Hi ${customer}, your request #${number} (${subject}) has been solved. Reply here if anything is still not right.`;
  await expect(admin.getByRole('list', { name: 'History' }).getByText(`The customer was told it is solved: ${told}`)).toBeVisible();
  await expect(benRow.getByTestId('ticket-status')).toHaveText('Solved');
  await admin.goto(simulatorUrl);
  await expect(phone.getByRole('listitem').last()).toHaveText(told);

  // The conversation stays as it was: solving the ticket did not resolve it.
  await admin.goto('/w/demo-shop/inbox?tab=all');
  await admin.getByTestId('conversation-row').filter({ hasText: customer }).click();
  await expect(conversation.getByRole('link', { name: `Ticket #${number} · Solved` })).toBeVisible();
  await expect(conversation).not.toContainText('Resolved ·');

  await admin.context().close();
  await benList.context().close();
});

test('New ticket, search and filters, bulk edit, comment edit, the solved setting and delete, on desktop and a phone', async ({ browser }) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString(36);
  const page = await signedIn(browser, demo.admin, true);
  await page.goto('/w/demo-shop/tickets');

  const create = async (subject: string, priority: string) => {
    await page.getByRole('button', { name: 'New ticket' }).click();
    const dialog = page.getByRole('dialog', { name: 'New ticket' });
    await dialog.getByLabel('Subject').fill(subject);
    await dialog.getByLabel('Description').fill(`About ${subject}`);
    await dialog.getByLabel('Priority').selectOption({ label: priority });
    await dialog.getByLabel('Tags').fill(`bulk-${stamp}`);
    await dialog.getByRole('button', { name: 'Create ticket' }).click();
    await expect(page.getByRole('heading', { name: new RegExp(`^#\\d+ ${subject}$`) })).toBeVisible();
    await expect(page.getByTestId('ticket-assignee')).toHaveText('Assigned to Ana Admin');
    await page.goto('/w/demo-shop/tickets');
  };
  await create(`Restock linen ${stamp}`, 'Low');
  await create(`Call the courier ${stamp}`, 'Normal');

  // Search by subject, then select both and bulk edit.
  const filters = page.getByRole('search', { name: 'Search tickets' });
  await filters.getByLabel('Search').fill(stamp);
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${stamp}`));
  const rows = page.getByTestId('ticket-row');
  await expect(rows).toHaveCount(2);
  await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
  const bulk = page.getByRole('region', { name: 'Bulk edit' });
  await expect(bulk).toContainText('2 tickets selected');
  await bulk.getByLabel('Set status').selectOption({ label: 'On hold' });
  await bulk.getByLabel('Set priority').selectOption({ label: 'Urgent' });
  await bulk.getByRole('button', { name: 'Apply to 2' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Updated 2 tickets.' })).toBeVisible();
  await expect(rows.getByTestId('ticket-status')).toHaveText(['On hold', 'On hold']);
  await expect(rows.filter({ hasText: 'Urgent' })).toHaveCount(2);

  // Filters: status and tag keep both; a priority nobody has shows the empty state.
  await filters.getByLabel('Status').selectOption({ label: 'On hold' });
  await expect(page).toHaveURL(/status=on_hold/);
  await expect(rows).toHaveCount(2);
  await filters.getByLabel('Tag').fill(`bulk-${stamp}`);
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/tag=bulk-/);
  await expect(rows).toHaveCount(2);
  await filters.getByLabel('Priority').selectOption({ label: 'Low' });
  // Next may keep the list's previous render in the page, hidden: the shown empty state is the one.
  await expect(page.getByText('No tickets match these filters').filter({ visible: true })).toBeVisible();
  await filters.getByRole('link', { name: 'Clear' }).click();
  await expect(page).toHaveURL(/\/tickets$/);

  // Sort by priority puts the urgent ones first.
  await filters.getByLabel('Search').fill(stamp);
  await filters.getByLabel('Sort').selectOption({ label: 'Highest priority' });
  await expect(page).toHaveURL(/sort=priority/);
  await expect(rows.first()).toContainText('Urgent');

  // A comment, edited by its author.
  await rows.filter({ hasText: `Restock linen ${stamp}` }).getByRole('link').click();
  await page.getByLabel('Internal comment').fill('Supplier called');
  await page.getByRole('button', { name: 'Add comment' }).click();
  const history = page.getByRole('list', { name: 'History' });
  await expect(history.getByText('Supplier called')).toBeVisible();
  await history.getByRole('button', { name: 'Edit comment' }).click();
  await page.getByRole('form', { name: 'Edit the comment' }).getByLabel('Comment').fill('Supplier called back: Friday');
  await page.getByRole('button', { name: 'Save comment' }).click();
  await expect(history.getByText('Supplier called back: Friday')).toBeVisible();
  await expect(history.getByText(/· edited/)).toBeVisible();

  // At 360 px the ticket's page and the list fit without sideways scrolling.
  await page.setViewportSize({ width: 360, height: 740 });
  await noSidewaysScroll(page, 'the ticket page');
  await page.goto(`/w/demo-shop/tickets?q=${stamp}`);
  await expect(rows).toHaveCount(2);
  await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
  await noSidewaysScroll(page, 'the tickets list with the bulk bar');
  await page.getByRole('button', { name: 'New ticket' }).click();
  const phoneDialog = page.getByRole('dialog', { name: 'New ticket' });
  await expect(phoneDialog.getByLabel('Subject')).toBeVisible();
  await noSidewaysScroll(page, 'the New ticket dialog');
  await page.keyboard.press('Escape');
  await expect(phoneDialog).toBeHidden();
  await page.setViewportSize({ width: 1440, height: 900 });

  // The solved message setting saves.
  await page.goto('/w/demo-shop/settings');
  const setting = page.getByRole('form', { name: 'Solved ticket message' });
  await expect(setting.getByRole('checkbox', { name: /Tell the customer when their ticket is solved/ })).toBeChecked();
  await setting.getByRole('button', { name: 'Save solved message' }).click();
  await expect(setting.getByRole('status')).toHaveText('Saved.');

  // Admins delete: the ticket leaves the list.
  await page.goto(`/w/demo-shop/tickets?q=${stamp}`);
  await rows.filter({ hasText: `Call the courier ${stamp}` }).getByRole('link').click();
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: /^Delete ticket #\d+$/ }).click();
  await expect(page).toHaveURL(/\/tickets$/);
  await page.goto(`/w/demo-shop/tickets?q=${stamp}`);
  await expect(rows).toHaveCount(1);
  await page.context().close();
});
