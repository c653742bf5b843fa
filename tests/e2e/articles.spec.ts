import { createHmac } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { demoWidget, ShopWithWidget } from './pages/widget-page';

// The knowledge base end to end, in order: an admin writes and publishes an article; the
// help centre shows and finds it; the widget suggests it from a visitor's first message and
// an agent sends it from the composer; on Messenger it arrives as a generic template.

const stamp = Date.now().toString(36);
const title = `How do returns work ${stamp}`;
const localNetwork = { permissions: ['local-network-access'] };
const identifyHash = (identifier: string) => createHmac('sha256', demoWidget.hmacToken).update(identifier).digest('hex');

async function signedIn(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(who.email, who.password);
  await expect(page).toHaveURL(/\/w\/|\/workspaces/);
  return page;
}

/** Opens the customer's conversation in the inbox by searching their name. */
async function openConversation(agent: Page, name: string) {
  await agent.goto('/w/demo-shop/inbox?tab=all');
  const inbox = new InboxPage(agent);
  await inbox.expectLoaded();
  await agent.getByRole('searchbox', { name: 'Search customers' }).fill(name);
  await expect(agent).toHaveURL(/[?&]q=/);
  await inbox.rows.filter({ hasText: name }).first().click();
  await expect(agent).toHaveURL(/[?&]c=[0-9a-f-]{36}/);
}

/** The composer's Article picker: search, then Enter sends the highlighted article. */
async function sendArticleFromComposer(agent: Page, query: string) {
  const panel = agent.getByRole('region', { name: 'Send an article' });
  await expect(async () => {
    await agent.getByRole('group', { name: 'Attachments' }).getByRole('button', { name: 'Article' }).click();
    await expect(panel).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const search = panel.getByRole('combobox', { name: 'Search published articles' });
  await search.fill(query);
  await expect(panel.getByRole('option', { name: new RegExp(title) })).toBeVisible();
  await expect(panel.getByRole('option', { name: new RegExp(title) })).toHaveAttribute('aria-selected', 'true');
  await search.press('Enter');
  await expect(panel).toBeHidden();
  await expect(agent.getByRole('list', { name: 'Messages' }).getByTestId('article-card').filter({ hasText: title })).toBeVisible();
}

test.describe.serial('articles', () => {
  test('an admin files, writes, previews and publishes an article in Settings', async ({ browser }) => {
    const admin = await signedIn(browser, demo.admin);
    await admin.goto('/w/demo-shop/settings/articles');
    await expect(admin.getByRole('heading', { name: 'Articles' })).toBeVisible();

    // A category first.
    const addCategory = admin.getByRole('form', { name: 'Add a category' });
    await addCategory.getByLabel('Category name').fill(`Returns ${stamp}`);
    await addCategory.getByRole('button', { name: 'Add category' }).click();
    await expect(admin.getByRole('list', { name: 'Categories' })).toContainText(`Returns ${stamp}`);

    await admin.getByRole('link', { name: 'New article' }).click();
    const editor = admin.getByRole('form', { name: 'New article' });
    await editor.getByLabel('Title').fill(title);
    await editor.getByLabel('Category').selectOption({ label: `Returns ${stamp}` });
    await editor.getByLabel('Article (Markdown)').fill('Send anything back within **30 days**.\n\n<script>alert(1)</script>\n\n[Start a return](https://demo-shop.example.com/returns)');
    // The preview is the help centre's own rendering: bold kept, the script gone.
    const preview = admin.getByTestId('article-preview');
    await expect(preview.locator('strong')).toHaveText('30 days');
    await expect(preview.getByRole('link', { name: 'Start a return' })).toHaveAttribute('rel', 'noopener nofollow ugc');
    await expect(preview).not.toContainText('alert(1)');
    await editor.getByRole('button', { name: 'Save draft' }).click();

    await expect(admin).toHaveURL(/\/settings\/articles\/[0-9a-f-]{36}$/);
    await expect(admin.getByTestId('article-status')).toHaveText('Draft');
    await admin.getByRole('button', { name: 'Publish' }).click();
    await expect(admin.getByTestId('article-status')).toHaveText('Published');
    await expect(admin.getByRole('link', { name: 'View in the help centre' })).toHaveAttribute('href', /^\/help\/demo-shop\/how-do-returns-work-[a-z0-9]+\?lang=en$/);

    // The list finds it by a word of its text and by status.
    await admin.goto('/w/demo-shop/settings/articles?q=30+days&status=published');
    await expect(admin.getByRole('list', { name: 'Articles' }).getByRole('link', { name: title })).toBeVisible();
    await admin.context().close();
  });

  test('the help centre lists the article under its category, finds it by search and renders it', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/help/demo-shop');
    await expect(page.getByRole('link', { name: /Demo Shop · Help centre/ })).toBeVisible();
    await expect(page.getByRole('list', { name: `Returns ${stamp}` }).getByRole('link', { name: new RegExp(title) })).toBeVisible();

    await page.getByRole('searchbox', { name: 'Search the help centre' }).fill('return');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/[?&]q=return/);
    const results = page.getByRole('list', { name: 'Search results' });
    await results.getByRole('link', { name: new RegExp(title) }).click();

    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.locator('article strong')).toHaveText('30 days');
    await expect(page.getByRole('link', { name: 'Start a return' })).toHaveAttribute('href', 'https://demo-shop.example.com/returns');
    await expect(page.locator('article script')).toHaveCount(0);
    // Mobile-friendly: nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await page.goto('/help/demo-shop?q=nothing-matches-this');
    await expect(page.getByRole('heading', { name: /No articles match/ })).toBeVisible();
  });

  test('the widget suggests the article from the first message and shows the card an agent sends from the composer', async ({ browser }) => {
    test.setTimeout(90_000);
    const customer = { identifier: `reader-${stamp}`, name: `Rina ${stamp}`, email: `rina.${stamp}@example.com` };
    const shopContext = await browser.newContext(localNetwork);
    const shopPage = await shopContext.newPage();
    const shop = new ShopWithWidget(shopPage);
    await shop.goto({ afterLoader: `<script>Baton('identify', ${JSON.stringify({ ...customer, hash: identifyHash(customer.identifier) })});</script>` });
    await shop.open();
    // The shop has published articles: the header links to its help centre.
    await expect(shop.chat.getByRole('link', { name: 'Help centre' })).toHaveAttribute('href', '/help/demo-shop');

    await shop.send('Hello, how can I return my order?');
    const suggestions = shop.chat.getByTestId('article-suggestions');
    const suggested = suggestions.getByTestId('article-card').filter({ hasText: title });
    await expect(suggested).toBeVisible();
    await expect(suggested.getByRole('link', { name: 'Read article' })).toHaveAttribute('href', /\/help\/demo-shop\/how-do-returns-work-[a-z0-9]+\?lang=en$/);
    await expect(suggested.getByRole('link', { name: 'Read article' })).toHaveAttribute('target', '_blank');
    await shop.suggestions.getByRole('button', { name: 'Talk to an agent' }).click();

    const agent = await signedIn(browser, demo.ben);
    await openConversation(agent, customer.name);
    await sendArticleFromComposer(agent, 'returns');

    // The card reaches the visitor live; once an agent has answered, the suggestions go.
    const card = shop.messages.getByTestId('article-card').filter({ hasText: title });
    await expect(card).toBeVisible();
    await expect(card).toContainText('Send anything back within 30 days.');
    await expect(card.getByRole('link', { name: 'Read article' })).toHaveAttribute('href', /\/help\/demo-shop\/how-do-returns-work-[a-z0-9]+\?lang=en$/);
    await expect(suggestions).toHaveCount(0);

    await agent.context().close();
    await shopContext.close();
  });

  test('sent on Messenger, the article arrives as a generic template card whose button opens the help centre', async ({ browser }) => {
    test.setTimeout(90_000);
    const admin = await signedIn(browser, demo.admin);
    await admin.goto('/w/demo-shop/settings/simulator');
    const channels = admin.getByRole('navigation', { name: 'Simulated channels' });
    await channels.getByRole('link', { name: 'Messenger' }).click();
    await expect(channels.getByRole('link', { name: 'Messenger' })).toHaveAttribute('aria-current', 'page');
    const name = `Mali ${stamp}`;
    await admin.getByLabel("New customer's name").fill(name);
    await admin.getByLabel('Message as the customer').fill('Can I send my dress back?');
    await admin.getByLabel('Message as the customer').press('Enter');
    await expect(admin).toHaveURL(/customer=/);
    const simulatorUrl = admin.url();
    const phone = admin.getByRole('list', { name: "Customer's chat" });
    await expect(phone.getByText(/Welcome to Demo Shop/)).toBeVisible();
    await admin.getByRole('button', { name: 'Talk to an agent' }).click();
    await expect(phone.getByText(/Welcome to Demo Shop/)).toHaveCount(1);

    await openConversation(admin, name);
    await sendArticleFromComposer(admin, title);

    // The phone draws the very request the fake Messenger accepted: a generic template card.
    await admin.goto(simulatorUrl);
    const card = admin.getByRole('list', { name: "Customer's chat" }).getByRole('article', { name: new RegExp(title) });
    await expect(card).toBeVisible();
    await expect(card).toContainText('Send anything back within 30 days.');
    await expect(card.getByRole('link', { name: 'Read article' })).toHaveAttribute('href', /^http:\/\/[^/]+\/help\/demo-shop\/how-do-returns-work-[a-z0-9]+\?lang=en$/);
    await admin.context().close();
  });

  test('a flow’s "Send an article" step makes the bot answer with the card', async ({ browser }) => {
    test.setTimeout(90_000);
    const keyword = `returnsbot${stamp}`;
    const admin = await signedIn(browser, demo.admin);
    await admin.goto('/w/demo-shop/settings/flows');
    await admin.getByRole('link', { name: 'New flow' }).click();
    const form = admin.getByRole('form', { name: 'Flow' });
    await form.getByLabel('Name', { exact: true }).fill(`Returns help ${stamp}`);
    await form.getByLabel(/^Keywords/).fill(keyword);
    const steps = form.getByRole('list', { name: 'Steps' });
    for (const id of ['hello', 'hours', 'agent']) await form.getByRole('button', { name: `Delete step ${id}` }).click();
    await form.getByLabel('New step').selectOption('send_article');
    await form.getByRole('button', { name: 'Add step' }).click();
    const step = steps.getByRole('listitem', { name: 'Step send-article' });
    await step.getByLabel('Article', { exact: true }).selectOption({ label: title });
    await step.getByLabel(/^Text before the article/).fill('This should help:');
    await expect(form.getByRole('status').filter({ hasText: 'The flow is valid.' })).toBeVisible();
    const preview = admin.getByRole('complementary', { name: 'Preview' });
    await preview.getByRole('button', { name: 'Start' }).click();
    await expect(preview.getByText(`[article] ${title}`)).toBeVisible();
    await form.getByRole('button', { name: 'Publish' }).click();
    await expect(admin.getByRole('heading', { level: 1, name: /Returns help/ })).toContainText('version 1');
    await admin.context().close();

    const shopContext = await browser.newContext(localNetwork);
    const shop = new ShopWithWidget(await shopContext.newPage());
    await shop.goto();
    await shop.open();
    await shop.send(`Question: ${keyword}`);
    await expect(shop.message('This should help:')).toHaveAttribute('data-from', 'bot');
    await expect(shop.messages.getByTestId('article-card').filter({ hasText: title })).toBeVisible();
    await shopContext.close();
  });

  test('an admin unpublishes, archives and deletes an article, and renames and deletes a category', async ({ browser }) => {
    test.setTimeout(60_000);
    const admin = await signedIn(browser, demo.admin);
    admin.on('dialog', (dialog) => void dialog.accept());
    const old = `Old policy ${stamp}`;
    await admin.goto('/w/demo-shop/settings/articles/new');
    const editor = admin.getByRole('form', { name: 'New article' });
    await editor.getByLabel('Title').fill(old);
    await editor.getByLabel('Article (Markdown)').fill('Returns took 14 days.');
    await editor.getByRole('button', { name: 'Save draft' }).click();
    await expect(admin.getByTestId('article-status')).toHaveText('Draft');
    const articleUrl = admin.url();

    await admin.getByRole('button', { name: 'Publish' }).click();
    await expect(admin.getByTestId('article-status')).toHaveText('Published');
    const helpHref = await admin.getByRole('link', { name: 'View in the help centre' }).getAttribute('href');
    await admin.getByRole('button', { name: 'Unpublish' }).click();
    await expect(admin.getByTestId('article-status')).toHaveText('Draft');
    await admin.getByRole('button', { name: 'Archive' }).click();
    await expect(admin.getByTestId('article-status')).toHaveText('Archived');
    // Not public any more.
    expect((await admin.request.get(helpHref!)).status()).toBe(404);

    // Editing keeps the status; the title changes in the list.
    await admin.getByRole('form', { name: `Edit ${old}` }).getByLabel('Title').fill(`${old} (2024)`);
    await admin.getByRole('form', { name: `Edit ${old}` }).getByRole('button', { name: 'Save' }).click();
    await expect(admin.getByRole('heading', { level: 1, name: `${old} (2024)` })).toBeVisible();
    await expect(admin.getByTestId('article-status')).toHaveText('Archived');

    await admin.getByRole('button', { name: `Delete ${old} (2024)` }).click();
    await expect(admin).toHaveURL(/\/settings\/articles$/);
    await expect(admin.getByRole('list', { name: 'Articles' })).not.toContainText(old);
    expect((await admin.request.get(articleUrl)).status()).toBe(404);

    // Categories: rename, then delete (its article stays, uncategorised).
    const categories = admin.getByRole('list', { name: 'Categories' });
    await categories.getByRole('button', { name: `Edit category Returns ${stamp}` }).click();
    const edit = admin.getByRole('form', { name: `Edit category Returns ${stamp}` });
    await edit.getByLabel('Category name').fill(`Returns and refunds ${stamp}`);
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(categories).toContainText(`Returns and refunds ${stamp}`);
    await categories.getByRole('button', { name: `Delete category Returns and refunds ${stamp}` }).click();
    await expect(categories.getByText(`Returns and refunds ${stamp}`)).toHaveCount(0);
    await expect(admin.getByRole('list', { name: 'Articles' }).getByRole('link', { name: title })).toBeVisible();
    await admin.context().close();
  });
});
