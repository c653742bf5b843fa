import { expect, test } from './support/test';
import type { Browser, Page } from '@playwright/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

// The conversation panel on the demo seed, with agents in separate browser contexts:
// notes seen live by another agent, who else is viewing and typing, the composer's
// shortcuts, the WhatsApp window-closed state with templates, and earlier conversations.
//
// Seeded conversations used (demo/seed/demo-script-whatsapp.ts):
//  - Nok Saelim: WhatsApp request, customer wrote minutes ago (window open).
//  - Anan Boonmee: WhatsApp, Chloe's, customer last wrote 3 days ago (templates only).
//  - Grace Villanueva: WhatsApp request with an earlier, resolved conversation.

async function signedIn(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(who.email, who.password);
  await new InboxPage(page).expectLoaded();
  return page;
}

/**
 * Opens a seeded customer's open conversation from the All tab, found by searching: a row
 * at the edge of the virtual list is re-rendered as it is scrolled into view, so clicking it
 * where it happens to stand (earlier tests move conversations up) can chase it forever.
 */
async function openConversation(page: Page, customer: string) {
  await page.goto('/w/demo-shop/inbox?tab=all');
  await expect(page.getByTestId('conversation-row').first()).toBeVisible();
  await page.getByLabel('Search customers').fill(customer);
  const row = page.getByTestId('conversation-row').first();
  await expect(row).toContainText(customer);
  await row.click();
  await expect(conversationPanel(page).getByRole('heading', { name: customer })).toBeVisible();
  await expect(messages(page)).toBeVisible();
}

const conversationPanel = (page: Page) => page.getByRole('region', { name: 'Conversation', exact: true });
const messages = (page: Page) => page.getByRole('list', { name: 'Messages', exact: true });
const noteToggle = (page: Page) => page.getByRole('checkbox', { name: 'Note', exact: true });

test('a note by one agent is seen live by the other, marked as internal', async ({ browser }) => {
  const ben = await signedIn(browser, demo.ben);
  const chloe = await signedIn(browser, demo.chloe);
  await openConversation(ben, 'Nok Saelim');
  await openConversation(chloe, 'Nok Saelim');

  const text = `Nok paid by transfer, check the slip ${Date.now().toString(36)}`;
  await noteToggle(ben).check();
  const noteBox = ben.getByLabel('Internal note');
  await noteBox.fill(text);
  await noteBox.press('Enter');
  await expect(noteBox).toHaveValue('');

  // Ben sees it as a note; Chloe sees it without reloading.
  await expect(messages(ben).getByTestId('note-message').filter({ hasText: text })).toBeVisible();
  const seen = messages(chloe).getByTestId('note-message').filter({ hasText: text });
  await expect(seen).toBeVisible();
  await expect(seen).toContainText('Ben Carter');
  await expect(seen).toContainText('Note');
  // A note is not a delivery: no status, and it did not claim the request.
  await expect(seen.getByTestId('delivery-status')).toHaveCount(0);
  await expect(conversationPanel(chloe)).toContainText('Waiting for an agent');

  await ben.context().close();
  await chloe.context().close();
});

test('viewing presence and typing: each agent sees the other in the conversation', async ({ browser }) => {
  const ben = await signedIn(browser, demo.ben);
  const chloe = await signedIn(browser, demo.chloe);
  await openConversation(ben, 'Nok Saelim');
  await openConversation(chloe, 'Nok Saelim');

  await expect(ben.getByTestId('conversation-viewers').getByTitle('Chloe Tan is viewing')).toBeVisible();
  await expect(chloe.getByTestId('conversation-viewers').getByTitle('Ben Carter is viewing')).toBeVisible();

  await chloe.getByLabel('Reply to the customer').pressSequentially('Let me check the stock', { delay: 30 });
  await expect(ben.getByTestId('typing-indicator')).toContainText('Chloe Tan is typing…');

  // Chloe leaves: Ben sees it.
  await chloe.context().close();
  await expect(ben.getByTestId('conversation-viewers')).toHaveCount(0);
  await expect(ben.getByTestId('typing-indicator')).not.toContainText('Chloe Tan');
  await ben.context().close();
});

test('the composer inserts a / shortcut with the customer, agent and shop filled in', async ({ browser }) => {
  const ben = await signedIn(browser, demo.ben);
  await openConversation(ben, 'Nok Saelim');
  const box = ben.getByLabel('Reply to the customer');
  await box.pressSequentially('/hel');
  const list = ben.getByRole('listbox', { name: 'Message shortcuts' });
  await expect(list.getByRole('option', { name: /\/hello/ })).toBeVisible();
  await box.press('Enter');
  await expect(list).toHaveCount(0);
  await expect(box).toHaveValue(/^Hi Nok, this is Ben Carter from Demo Shop/);

  // # searches text blocks; Escape closes the list and keeps the text.
  await box.fill('');
  await box.pressSequentially('#return');
  await expect(ben.getByRole('listbox', { name: 'Text blocks' }).getByRole('option', { name: /Return policy/ })).toBeVisible();
  await box.press('Escape');
  await expect(ben.getByRole('listbox', { name: 'Text blocks' })).toHaveCount(0);
  await expect(box).toHaveValue('#return');
  await box.fill('');
  await ben.context().close();
});

test('WhatsApp after 24 hours: the composer says why and sends an approved template', async ({ browser }) => {
  const chloe = await signedIn(browser, demo.chloe);
  await openConversation(chloe, 'Anan Boonmee');

  const windowNote = chloe.getByTestId('reply-window');
  await expect(windowNote).toContainText('More than 24 h since the customer wrote');
  await expect(chloe.getByLabel('Reply to the customer')).toBeDisabled();

  await windowNote.getByRole('button', { name: 'Send template message' }).click();
  const picker = chloe.getByRole('region', { name: 'Send template message' });
  await expect(picker.getByRole('radio', { name: /order_update/ }).first()).toBeVisible();
  await picker.getByRole('radio', { name: /back_in_stock/ }).check();
  await picker.getByLabel('Parameter {{1}}').fill('Anan');
  await picker.getByLabel('Parameter {{2}}').fill('Ribbed Knit Cardigan');
  await expect(picker.getByLabel('Preview')).toContainText('Good news Anan! The Ribbed Knit Cardigan you asked about is back in stock.');
  await picker.getByRole('button', { name: 'Send template' }).click();

  const sent = messages(chloe).getByTestId('message').filter({ hasText: 'Template · back_in_stock' });
  await expect(sent).toBeVisible();
  await expect(sent).toContainText('Good news Anan! The Ribbed Knit Cardigan you asked about is back in stock.');
  // The simulated WhatsApp platform accepts templates outside the window.
  await expect(sent.getByTestId('delivery-status')).toHaveAttribute('data-status', /^(sent|delivered|read)$/);
  // Notes stay possible while replies are closed.
  await noteToggle(chloe).check();
  await expect(chloe.getByLabel('Internal note')).toBeEnabled();
  await chloe.context().close();
});

test('"Load previous conversations" shows the customer\'s earlier, resolved conversation', async ({ browser }) => {
  const ben = await signedIn(browser, demo.ben);
  await openConversation(ben, 'Grace Villanueva');
  await ben.getByRole('button', { name: 'Load previous conversations' }).click();
  const previous = ben.getByRole('list', { name: 'Previous conversations' });
  await expect(previous).toContainText('Do you still have the Everyday Canvas Tote in natural?');
  await expect(previous).toContainText('Resolved by Ben Carter');
  await ben.context().close();
});
