import { expect, test, type Locator, type Page } from '@playwright/test';
import { demo, SignInPage } from './pages/sign-in-page';

// Every signed-in page and the main dialogs, as an admin on two common phone widths: nothing
// may make the page scroll sideways, and the header's controls (notifications, the account
// menu with profile and sign-out) stay on screen. A wide table or tab bar may scroll inside
// its own box; the page and its main column may not.

const phones = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
];

const BASE = '/w/demo-shop';

/** Pages with fixed addresses; pages behind an id are found by following links below. */
const PAGES = [
  '/inbox?tab=all',
  '/inbox?tab=resolved',
  '/tickets',
  '/orders',
  '/reports',
  '/profile',
  '/profile/notifications',
  '/settings',
  '/settings/channels',
  '/settings/email',
  '/settings/members',
  '/settings/teams',
  '/settings/business-hours',
  '/settings/routing-rules',
  '/settings/sla-rules',
  '/settings/shortcuts',
  '/settings/text-blocks',
  '/settings/templates',
  '/settings/customer-fields',
  '/settings/flows',
  '/settings/flows/new',
  '/settings/products',
  '/settings/products/new',
  '/settings/collections',
  '/settings/collection-points',
  '/settings/simulator',
];

/** How far the page, and each main column, is wider than what it shows (0 when it fits). */
async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth) out.push(`page is ${doc.scrollWidth}px wide in ${window.innerWidth}px`);
    // Columns that scroll vertically would hide a sideways overflow from the page's width.
    for (const el of document.querySelectorAll<HTMLElement>('main, [role="main"], section[aria-label="Conversation"], aside[aria-label="Customer info"]')) {
      if (el.offsetParent === null && getComputedStyle(el).position !== 'fixed') continue; // not shown
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName.toLowerCase()}[${el.getAttribute('aria-label') ?? ''}] is ${el.scrollWidth}px wide in ${el.clientWidth}px`);
    }
    return out;
  });
}

/** The conversation's Actions sheet, opened (a phone shows the actions only there). */
async function openActions(page: Page, conversation: Locator): Promise<Locator> {
  const sheet = conversation.getByRole('group', { name: 'Conversation actions' });
  const toggle = conversation.getByRole('button', { name: 'Actions', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(sheet).toBeVisible();
  return sheet;
}

async function expectFits(page: Page, where: string) {
  await expect.poll(() => sidewaysOverflow(page), { message: `${where} fits the screen`, timeout: 5_000 }).toEqual([]);
}

/** The box is shown and lies within the screen's width. */
async function expectOnScreen(page: Page, locator: Locator, what: string) {
  await expect(locator, what).toBeVisible();
  const width = page.viewportSize()!.width;
  await expect
    .poll(
      async () => {
        const box = await locator.boundingBox();
        return box ? box.x >= 0 && box.x + box.width <= width + 0.5 : false;
      },
      { message: `${what} lies within ${width}px` },
    )
    .toBe(true);
}

async function expectHeaderControls(page: Page, where: string) {
  const header = page.getByRole('banner');
  await expectOnScreen(page, header.getByRole('button', { name: /^Notifications/ }), `${where}: notifications`);
  const menu = header.getByRole('button', { name: 'Account menu' });
  await expectOnScreen(page, menu, `${where}: account menu`);
  const profile = header.getByRole('link', { name: 'Your profile' });
  // The header is server-rendered: open the menu once the page is interactive.
  await expect(async () => {
    if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
    await expect(profile).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expectOnScreen(page, profile, `${where}: profile link`);
  await expectOnScreen(page, header.getByRole('button', { name: 'Sign out' }), `${where}: sign out`);
  await expectFits(page, `${where} with the account menu open`);
  await page.keyboard.press('Escape');
  await expect(header.getByRole('button', { name: 'Sign out' })).toBeHidden();
}

async function visit(page: Page, path: string) {
  await page.goto(`${BASE}${path}`);
  await expect(page.getByRole('banner')).toBeVisible();
  await expectFits(page, path);
  await expectHeaderControls(page, path);
}

/** The first link on the current page whose address matches, for the pages behind an id. */
async function firstLink(page: Page, pattern: RegExp): Promise<string | undefined> {
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.find((h) => pattern.test(h))?.replace(BASE, '');
}

async function signIn(page: Page) {
  const signInPage = new SignInPage(page);
  await signInPage.goto();
  await signInPage.signIn(demo.admin.email, demo.admin.password);
  // The admin belongs to two workspaces: the picker comes first.
  await expect(page.getByRole('heading', { name: 'Choose a workspace' })).toBeVisible();
  await expectFits(page, 'workspace picker');
}

for (const viewport of phones) {
  test.describe(`${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('every signed-in page fits the screen, with the header controls on it', async ({ page }) => {
      test.setTimeout(300_000);
      await signIn(page);
      for (const path of PAGES) await visit(page, path);

      // The Orders page with every filter in use (the Clear link then joins Apply and the
      // zone note): its filter row wraps rather than pushing the page sideways.
      await page.goto(`${BASE}/orders`);
      const filters = page.getByRole('search', { name: 'Search orders' });
      await filters.getByLabel('Order number or customer', { exact: true }).fill('#1054');
      await filters.getByLabel('From', { exact: true }).fill('2020-01-01');
      await filters.getByLabel('To', { exact: true }).fill('2099-12-31');
      await filters.getByLabel(/^Status/).selectOption({ label: 'Paid' });
      await filters.getByLabel(/^Collection point/).selectOption({ label: 'Chatuchak pickup' });
      await filters.getByRole('button', { name: 'Apply' }).click();
      await expect(page).toHaveURL(/[?&]point=[0-9a-f-]{36}/);
      await expect(page.getByRole('table').getByRole('link', { name: '#1054' })).toBeVisible();
      await expectFits(page, 'orders with filters');
      for (const control of ['Order number or customer', 'From', 'To', /^Status/, /^Collection point/]) {
        await expectOnScreen(page, typeof control === 'string' ? filters.getByLabel(control, { exact: true }) : filters.getByLabel(control), `orders filter: ${control}`);
      }
      await expectOnScreen(page, filters.getByRole('button', { name: 'Apply' }), 'orders filter: Apply');
      await expectOnScreen(page, filters.getByRole('link', { name: 'Clear' }), 'orders filter: Clear');
      await expectOnScreen(page, filters.getByText(/^Days and times in /), 'orders filter: time zone');

      const behindIds: string[] = [];
      for (const [list, pattern] of [
        ['/settings/products', /\/settings\/products\/[0-9a-f-]{36}$/],
        ['/settings/flows', /\/settings\/flows\/[0-9a-f-]{36}$/],
      ] as const) {
        await page.goto(`${BASE}${list}`);
        const path = await firstLink(page, pattern);
        expect(path, `a link matching ${pattern} on ${list}`).toBeTruthy();
        behindIds.push(path!);
      }
      // Every channel's page, and the website chat's widget settings.
      await page.goto(`${BASE}/settings/channels`);
      const channelPages = await page.locator('a[href]').evaluateAll((links) =>
        [...new Set(links.map((a) => a.getAttribute('href') ?? '').filter((h) => /\/settings\/channels\/[0-9a-f-]{36}$/.test(h)))],
      );
      for (const href of channelPages) {
        await visit(page, href.replace(BASE, ''));
        const widget = await firstLink(page, /\/settings\/channels\/[0-9a-f-]{36}\/widget$/);
        if (widget) behindIds.push(widget);
      }
      expect(behindIds.some((p) => p.endsWith('/widget')), 'the website chat has widget settings').toBe(true);
      // An order's page, when the shop has orders (other tests and the demo may add them).
      await page.goto(`${BASE}/orders`);
      const order = await firstLink(page, /\/orders\/[0-9a-f-]{36}$/);
      if (order) behindIds.push(order);
      for (const path of behindIds) await visit(page, path);
    });

    test('the inbox with a conversation, its customer panel and the main dialogs fit the screen', async ({ page }) => {
      test.setTimeout(180_000);
      await signIn(page);
      await page.goto(`${BASE}/inbox?tab=all`);
      await page.getByLabel('Search customers').fill('Nok Saelim');
      await expect(page).toHaveURL(/[?&]q=/);
      await page.getByTestId('conversation-row').filter({ hasText: 'Nok Saelim' }).first().click();
      const conversation = page.getByRole('region', { name: 'Conversation', exact: true });
      await expect(conversation.getByRole('heading', { name: 'Nok Saelim' })).toBeVisible();
      await expectFits(page, 'open conversation');
      await expectHeaderControls(page, 'open conversation');

      // The conversation's own controls: in a sheet at the bottom of the screen.
      await expectOnScreen(page, page.getByLabel('Reply to the customer'), 'composer');
      const actions = await openActions(page, conversation);
      await expectOnScreen(page, actions.getByRole('combobox', { name: 'Assign to' }), 'assign');
      await expectOnScreen(page, actions.getByRole('button', { name: 'Resolve' }), 'resolve');
      await expectFits(page, 'actions sheet');
      await page.keyboard.press('Escape');
      await expect(actions).toBeHidden();

      // Text blocks under the composer.
      const box = page.getByLabel('Reply to the customer');
      await box.pressSequentially('#return');
      await expectOnScreen(page, page.getByRole('listbox', { name: 'Text blocks' }), 'text blocks');
      await expectFits(page, 'text blocks');
      await box.press('Escape');
      await box.fill('');

      // The customer panel opens as a sheet.
      const toggle = page.getByRole('button', { name: 'Customer info' });
      await expectOnScreen(page, toggle, 'customer info button');
      await expect(async () => {
        await toggle.click();
        await expect(page.getByTestId('customer-panel')).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 15_000 });
      const panel = page.getByRole('complementary', { name: 'Customer info' });
      await expectOnScreen(page, panel, 'customer panel');
      await expectFits(page, 'customer panel');
      await panel.getByRole('button', { name: 'Delete customer' }).click();
      const deleteDialog = page.getByRole('dialog', { name: /^Delete Nok Saelim/ });
      await expectOnScreen(page, deleteDialog, 'delete customer dialog');
      await deleteDialog.getByRole('button', { name: 'Cancel' }).click();
      await panel.getByRole('button', { name: /^Close/ }).click();
      await expect(panel).toBeHidden();

      for (const { button, dialog } of [
        { button: 'Share product', dialog: 'Share a product' },
        { button: 'Create order', dialog: 'Create an order' },
        { button: 'Create ticket', dialog: 'Create a ticket' },
      ]) {
        const opened = page.getByRole('dialog', { name: dialog });
        await expect(async () => {
          await (await openActions(page, conversation)).getByRole('button', { name: button }).click();
          await expect(opened).toBeVisible({ timeout: 1_000 });
        }).toPass({ timeout: 15_000 });
        await expectOnScreen(page, opened, `${button} dialog`);
        await expectFits(page, `${button} dialog`);
        await page.keyboard.press('Escape');
        await expect(opened).toBeHidden();
      }

      await (await openActions(page, conversation)).getByRole('button', { name: /Remind me|Reminders/ }).click();
      await expectOnScreen(page, page.getByRole('region', { name: 'Reminders' }), 'reminders');
      await expectFits(page, 'reminders');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('region', { name: 'Reminders' })).toBeHidden();

      // The notifications panel.
      await page.getByRole('banner').getByRole('button', { name: /^Notifications/ }).click();
      await expectOnScreen(page, page.getByRole('region', { name: 'Notifications' }), 'notifications panel');
      await expectFits(page, 'notifications panel');
    });
  });
}
