import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

// Settings → Routing rules: an admin adds a rule (customers tagged VIP → team Sales), and a
// tagged customer's request lands in Sales when the bot hands it over; the rules can be
// reordered, edited and deleted. Tags are unique to this run, so the rules match no one else.

const rulesList = (page: Page) => page.getByRole('list', { name: 'Routing rules' });
const ruleNames = async (list: Locator) => list.getByRole('listitem').evaluateAll((items) => items.map((li) => li.getAttribute('aria-label')));

async function addRule(page: Page, rule: { name: string; tag: string; team?: string; agent?: string; fallback?: string; hours?: string; priority?: string }) {
  const form = page.getByRole('form', { name: 'Add a routing rule' });
  await form.getByLabel('Rule name').fill(rule.name);
  await form.getByLabel('Customer tags').fill(rule.tag);
  if (rule.hours) await form.getByLabel('Business hours').selectOption({ label: rule.hours });
  if (rule.agent) {
    await form.getByLabel('Send to').selectOption({ label: 'An agent' });
    await form.getByRole('combobox', { name: 'Agent', exact: true }).selectOption({ label: rule.agent });
    if (rule.fallback) await form.getByLabel('If the agent cannot take it').selectOption({ label: rule.fallback });
  } else {
    await form.getByRole('combobox', { name: 'Team', exact: true }).selectOption({ label: rule.team! });
  }
  if (rule.priority) await form.getByLabel('Also set the priority').selectOption({ label: rule.priority });
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(form.getByRole('status')).toHaveText(`Rule “${rule.name}” saved.`);
  await expect(rulesList(page).getByRole('listitem', { name: rule.name })).toBeVisible();
  await expect(form.getByLabel('Rule name')).toHaveValue('');
}

test('an admin routes VIP customers to Sales; a tagged customer’s request lands there; rules move, edit and delete', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const vipTag = `VIP ${stamp}`;
  const vipRule = `VIP customers ${stamp}`;
  const nightRule = `Night owls ${stamp}`;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: /Demo Shop/ }).click();
  const inbox = new InboxPage(page);
  await inbox.expectLoaded();

  // Settings → Routing rules, after Business hours in the menu.
  await page.goto('/w/demo-shop/settings');
  const nav = page.getByRole('navigation', { name: 'Settings' });
  const navLabels = await nav.getByRole('link').allTextContents();
  expect(navLabels.indexOf('Routing rules')).toBe(navLabels.indexOf('Business hours') + 1);
  await nav.getByRole('link', { name: 'Routing rules' }).click();
  await expect(page.getByRole('heading', { name: 'Routing rules', level: 1 })).toBeVisible();

  await expect(page.getByText('No routing rules yet')).toBeVisible();
  await addRule(page, { name: vipRule, tag: vipTag, team: 'Sales', priority: 'Urgent' });
  const vipItem = rulesList(page).getByRole('listitem', { name: vipRule });
  await expect(vipItem).toContainText(`When tag ${vipTag}`);
  await expect(vipItem).toContainText('Then to team Sales; priority Urgent');

  await addRule(page, { name: nightRule, tag: `Night ${stamp}`, hours: 'Outside business hours', agent: 'Ben Carter', fallback: 'Support' });
  const nightItem = rulesList(page).getByRole('listitem', { name: nightRule });
  await expect(nightItem).toContainText('outside business hours');
  await expect(nightItem).toContainText('to Ben Carter; if they cannot take it, waits for team Support');

  // With rules listed, the page still fits a 360 px phone, each rule's buttons on screen.
  await page.setViewportSize({ width: 360, height: 740 });
  await expect
    .poll(() => page.locator('main').evaluate((main) => main.scrollWidth <= main.clientWidth + 1 && document.documentElement.scrollWidth <= window.innerWidth))
    .toBe(true);
  for (const name of [`Move ${nightRule} up`, `Edit ${nightRule}`, `Delete ${nightRule}`]) {
    const box = await page.getByRole('button', { name }).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 360.5, `${name} lies within 360 px`).toBe(true);
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // Reorder: the night rule up above the VIP one, then back down.
  const order = async () => (await ruleNames(rulesList(page))).filter((n) => n === vipRule || n === nightRule);
  expect(await order()).toEqual([vipRule, nightRule]);
  await page.getByRole('button', { name: `Move ${nightRule} up` }).click();
  await expect.poll(order).toEqual([nightRule, vipRule]);
  await page.getByRole('button', { name: `Move ${nightRule} down` }).click();
  await expect.poll(order).toEqual([vipRule, nightRule]);

  // Edit: Cancel leaves it; Save renames it and turns it off.
  await page.getByRole('button', { name: `Edit ${nightRule}` }).click();
  const editForm = page.getByRole('form', { name: 'Edit routing rule' });
  await expect(page.getByRole('heading', { name: `Edit rule “${nightRule}”` })).toBeVisible();
  await expect(editForm.getByLabel('Rule name')).toHaveValue(nightRule);
  await expect(editForm.getByLabel('Business hours')).toHaveValue('closed');
  await editForm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'Add a rule' })).toBeVisible();
  await page.getByRole('button', { name: `Edit ${nightRule}` }).click();
  const renamed = `${nightRule} (late)`;
  await editForm.getByLabel('Rule name').fill(renamed);
  await editForm.getByLabel('Enabled').uncheck();
  await editForm.getByRole('button', { name: 'Save rule' }).click();
  const renamedItem = rulesList(page).getByRole('listitem', { name: renamed });
  await expect(renamedItem).toContainText('Off');
  await expect(page.getByRole('heading', { name: 'Add a rule' })).toBeVisible();

  // A customer writes on Messenger (the simulator); the welcome flow answers.
  const simulator = await context.newPage();
  await simulator.goto('/w/demo-shop/settings/simulator');
  const customer = `Vera ${stamp}`;
  await simulator.getByLabel("New customer's name").fill(customer);
  await simulator.getByLabel('Message as the customer').fill('Hello, is the linen tote back in stock?');
  await simulator.getByLabel('Message as the customer').press('Enter');
  await expect(simulator.getByRole('list', { name: "Customer's chat" }).getByText(/Welcome to Demo Shop/)).toBeVisible();

  // The admin tags the customer VIP while the bot talks to them.
  await page.goto('/w/demo-shop/inbox?tab=all');
  const row = inbox.rows.filter({ hasText: customer });
  await row.click();
  const panel = page.getByRole('complementary', { name: 'Customer info' });
  await panel.getByLabel('Add a tag').fill(vipTag);
  await panel.getByRole('button', { name: 'Add tag', exact: true }).click();
  await expect(panel.getByRole('list', { name: 'Tags' })).toContainText(vipTag);

  // They ask for a person: the bot hands over, and the rule sends the request to Sales, live.
  await simulator.getByRole('button', { name: 'Talk to an agent' }).click();
  await expect(row).toContainText('Waiting · Sales');
  await expect(row.getByTestId('row-priority')).toHaveText('Urgent');
  await expect(page.getByRole('region', { name: 'Conversation' }).getByText(`Routed to Sales by rule “${vipRule}”, priority Urgent`)).toBeVisible();

  // Requests filtered to the Sales team shows it.
  await inbox.tab('Requests').click();
  await expect(page).toHaveURL(/tab=requests/);
  await page.getByRole('button', { name: /^Filters/ }).click();
  await page.getByLabel('Assigned to').selectOption({ label: 'Sales' });
  await expect(page).toHaveURL(/assigned=team/);
  await expect(inbox.rows.filter({ hasText: customer })).toContainText('Waiting · Sales');

  // Delete both rules (the browser asks first).
  await page.goto('/w/demo-shop/settings/routing-rules');
  page.on('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: `Delete ${vipRule}` }).click();
  await expect(rulesList(page).getByRole('listitem', { name: vipRule })).toHaveCount(0);
  await page.getByRole('button', { name: `Delete ${renamed}` }).click();
  await expect(page.getByRole('listitem', { name: renamed })).toHaveCount(0);
  await context.close();
});
