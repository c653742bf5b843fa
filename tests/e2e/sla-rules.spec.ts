import { expect, test } from './support/test';
import type { Page } from '@playwright/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { createHmac } from 'node:crypto';
import { demoWidget, ShopWithWidget } from './pages/widget-page';

// The manager sets SLA rules in order; a request gets the first matching rule's targets as
// a badge on its row and in its header, the priority an agent sets can bring another rule
// into play, and the inbox sorts by what is due soonest.

const localNetwork = { permissions: ['local-network-access'] };
const identifyHash = (identifier: string) => createHmac('sha256', demoWidget.hmacToken).update(identifier).digest('hex');

async function adminInDemoShop(page: Page) {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: /Demo Shop/ }).click();
  await new InboxPage(page).expectLoaded();
}

test('an admin orders SLA rules; a request shows its target, a priority brings the urgent rule in, and the list sorts by SLA', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await adminInDemoShop(page);

  await page.goto('/w/demo-shop/settings');
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'SLA rules' }).click();
  const rules = page.getByRole('list', { name: 'SLA rules' });
  await expect(rules.getByRole('listitem')).toHaveCount(1);
  await expect(rules.getByRole('listitem', { name: 'Standard' })).toContainText('Targets: first reply 15 min, next reply 30 min, resolve 1 day');

  // A rule needs a target.
  await page.getByRole('button', { name: 'New SLA rule' }).click();
  const form = page.getByRole('form', { name: 'New SLA rule' });
  const name = `Urgent ${stamp}`;
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('First reply').fill('');
  await form.getByLabel('Next reply').fill('');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(form.getByRole('status')).toHaveText('Set at least one target');

  await form.getByRole('checkbox', { name: 'Urgent priority' }).check();
  await form.getByLabel('First reply').fill('5');
  await form.getByLabel('Resolution').fill('120');
  await form.getByRole('button', { name: 'Add rule' }).click();
  const urgent = rules.getByRole('listitem', { name });
  await expect(urgent).toContainText('When: priority Urgent');
  await expect(urgent).toContainText('Targets: first reply 5 min, resolve 2 h');
  await expect(rules.getByRole('listitem').nth(1)).toHaveAccessibleName(name);

  // First match wins: the urgent rule goes to the top.
  await urgent.getByRole('button', { name: `Move ${name} up` }).click();
  await expect(rules.getByRole('listitem').first()).toHaveAccessibleName(name);
  await rules.getByRole('button', { name: `Move ${name} down` }).click();
  await expect(rules.getByRole('listitem').nth(1)).toHaveAccessibleName(name);
  await rules.getByRole('button', { name: `Move ${name} up` }).click();
  await expect(rules.getByRole('listitem').first()).toHaveAccessibleName(name);

  // Edited: ten minutes, not five.
  await rules.getByRole('button', { name: `Edit ${name}` }).click();
  const edit = page.getByRole('form', { name: `Edit ${name}` });
  await edit.getByLabel('First reply').fill('10');
  await edit.getByRole('button', { name: 'Save rule' }).click();
  await expect(rules.getByRole('listitem', { name })).toContainText('Targets: first reply 10 min, resolve 2 h');

  // Cancel keeps what was saved; turned off, the list says so (and it is on again for the rest).
  await rules.getByRole('button', { name: `Edit ${name}` }).click();
  await edit.getByLabel('First reply').fill('99');
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(rules.getByRole('listitem', { name })).toContainText('Targets: first reply 10 min, resolve 2 h');
  await rules.getByRole('button', { name: `Edit ${name}` }).click();
  await edit.getByRole('checkbox', { name: 'On', exact: true }).uncheck();
  await edit.getByRole('button', { name: 'Save rule' }).click();
  await expect(rules.getByRole('listitem', { name })).toContainText('Off');
  await rules.getByRole('button', { name: `Edit ${name}` }).click();
  await edit.getByRole('checkbox', { name: 'On', exact: true }).check();
  await edit.getByRole('button', { name: 'Save rule' }).click();
  await expect(rules.getByRole('listitem', { name })).not.toContainText('Off');

  // A visitor asks for a person: the request gets the Standard rule's 15 minutes.
  const shopContext = await browser.newContext(localNetwork);
  const shop = new ShopWithWidget(await shopContext.newPage());
  const customer = { identifier: `sla-${stamp}`, name: `Parcel ${stamp}` };
  await shop.goto({ afterLoader: `<script>Baton('identify', ${JSON.stringify({ ...customer, hash: identifyHash(customer.identifier) })});</script>` });
  await shop.open();
  await shop.send(`Where is my parcel? (${stamp})`);
  await shop.suggestions.getByRole('button', { name: 'Talk to an agent' }).click();
  await expect(shop.visitorMessage('Talk to an agent').getByTestId('message-status')).toContainText('Sent');

  await page.goto('/w/demo-shop/inbox?tab=requests');
  const inbox = new InboxPage(page);
  const row = inbox.rows.filter({ hasText: customer.name });
  await expect(row.getByTestId('sla-badge')).toHaveText(/^Reply in 1[45]m$/);
  await expect(row.getByTestId('sla-badge')).toHaveAttribute('data-sla', 'ok');
  await row.click();
  const header = page.getByRole('region', { name: 'Conversation' });
  await expect(header.getByTestId('sla-badge')).toHaveText(/^Reply in 1[45]m$/);

  // Urgent: the urgent rule now applies, counted from when the reply was first owed.
  await header.getByLabel('Priority').selectOption('urgent');
  await expect(page.getByRole('list', { name: 'Messages' })).toContainText(/set the priority to Urgent/);
  await expect(header.getByTestId('sla-badge')).toHaveText(/^Reply in (9|10)m$/);
  await expect(row.getByTestId('row-priority')).toHaveText('Urgent');
  await expect(row.getByTestId('sla-badge')).toHaveText(/^Reply in (9|10)m$/);

  // Sorted by SLA: what is overdue first, then the soonest, rows without a target last.
  // The list's filters: Next can keep a route's previous render in the page, hidden, with a
  // copy of them (this page came from Settings); role locators skip what is hidden.
  const listSearch = page.getByRole('search', { name: 'Search conversations' });
  await listSearch.getByRole('button', { name: /^Filters/ }).click();
  await listSearch.getByLabel('Sort').selectOption('sla');
  await expect(page).toHaveURL(/sort=sla/);
  await expect(inbox.rows.first().getByTestId('sla-badge')).toHaveAttribute('data-sla', 'breached');
  const badges = await inbox.rows.evaluateAll((rows) => rows.map((r) => r.querySelector('[data-testid="sla-badge"]')?.getAttribute('title') ?? null));
  const firstWithout = badges.indexOf(null);
  if (firstWithout !== -1) expect(badges.slice(firstWithout).every((b) => b === null)).toBe(true);

  // Deleted: the list is back to the Standard rule alone.
  await page.goto('/w/demo-shop/settings/sla-rules');
  page.once('dialog', (dialog) => void dialog.accept());
  await rules.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(rules.getByRole('listitem')).toHaveCount(1);
  await expect(rules.getByRole('listitem').first()).toHaveAccessibleName('Standard');

  await shopContext.close();
  await context.close();
});
