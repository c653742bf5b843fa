import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

test('an admin adds an agent, who sets a password through the one-time link and signs in', async ({ browser }) => {
  // The admin adds Dana in Settings → Agents.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const adminSignIn = new SignInPage(admin);
  await adminSignIn.goto();
  await adminSignIn.signIn(demo.admin.email, demo.admin.password);
  await expect(admin.getByRole('heading', { name: 'Choose a workspace' })).toBeVisible();
  await admin.goto('/w/demo-shop/settings/members');
  await expect(admin.getByRole('heading', { name: 'Agents', level: 1 })).toBeVisible();

  const email = `dana.${Date.now()}@example.test`;
  const name = 'Dana Invitee';
  const password = 'dana-secret-2024';
  const form = admin.getByRole('form', { name: 'Add an agent' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Role').selectOption('agent');
  await form.getByLabel('Capacity').fill('3');
  await form.getByRole('button', { name: 'Add agent' }).click();
  await expect(form.getByRole('status')).toHaveText(`${name} was added.`);

  // The link is shown once, to copy and send.
  const linkField = admin.getByLabel(`Invite link for ${name}`);
  await expect(linkField).toHaveValue(/^https?:\/\/[^/]+\/invite\/[A-Za-z0-9_-]{43}$/);
  const inviteUrl = await linkField.inputValue();
  const row = admin.getByRole('list', { name: 'Agents' }).getByRole('listitem', { name });
  await expect(row).toContainText('Invite pending');
  await expect(row).toContainText('0 of 3 open');
  await adminContext.close();

  // Dana opens the link in her own browser, without a session.
  const danaContext = await browser.newContext();
  const dana = await danaContext.newPage();
  await dana.goto(inviteUrl);
  await expect(dana.getByRole('heading', { name: 'Set your password' })).toBeVisible();
  await expect(dana.getByText(email)).toBeVisible();

  // Too short first: refused with the rule, nothing used up.
  await dana.getByLabel('New password').fill('short');
  await dana.getByLabel('Confirm password').fill('short');
  await dana.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(dana.getByText('Use at least 10 characters')).toBeVisible();

  await dana.getByLabel('New password').fill(password);
  await dana.getByLabel('Confirm password').fill(password);
  await dana.getByRole('button', { name: 'Set password and sign in' }).click();

  // Signed in: her only workspace opens straight away.
  const inbox = new InboxPage(dana);
  await inbox.expectLoaded();
  await expect(dana).toHaveURL(/\/w\/demo-shop\/inbox/);
  await expect(dana.getByRole('banner')).toContainText(name);

  // The link worked once.
  await dana.goto(inviteUrl);
  await expect(dana.getByRole('main').getByRole('alert')).toHaveText('This link was already used. Sign in with your password.');

  // Sign out, and sign in again with the password she chose.
  await dana.goto('/w/demo-shop/inbox');
  await dana.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(dana).toHaveURL(/\/signin/);
  const danaSignIn = new SignInPage(dana);
  await danaSignIn.signIn(email, password);
  await inbox.expectLoaded();
  await expect(dana.getByRole('banner')).toContainText(name);
  await danaContext.close();
});

test('agents cannot open member settings', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.ben.email, demo.ben.password);
  await new InboxPage(page).expectLoaded();
  await page.goto('/w/demo-shop/settings/members');
  await expect(page).toHaveURL(/\/w\/demo-shop\/inbox/);
});

async function signedInAdmin(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await expect(page.getByRole('heading', { name: 'Choose a workspace' })).toBeVisible();
  return page;
}

/** Adds someone in Settings → Agents of a workspace and answers the one-time link shown. */
async function addAgent(admin: Page, slug: string, person: { email: string; name: string }): Promise<string> {
  await admin.goto(`/w/${slug}/settings/members`);
  const form = admin.getByRole('form', { name: 'Add an agent' });
  await form.getByLabel('Email').fill(person.email);
  await form.getByLabel('Name').fill(person.name);
  await form.getByLabel('Role').selectOption('agent');
  await form.getByRole('button', { name: 'Add agent' }).click();
  await expect(form.getByRole('status')).toHaveText(`${person.name} was added.`);
  const link = admin.getByLabel(`Invite link for ${person.name}`);
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link.inputValue();
}

async function setPassword(page: Page, password: string, confirm = password) {
  await page.getByLabel('New password').fill(password);
  await page.getByLabel('Confirm password').fill(confirm);
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
}

test('the invite link: Copy copies it, a replaced link is refused with the way to sign in, mismatched passwords are refused', async ({ browser }) => {
  test.setTimeout(60_000);
  const admin = await signedInAdmin(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  const name = 'Eve Invitee';
  const email = `eve.${Date.now()}@example.test`;
  const first = await addAgent(admin, 'demo-shop', { email, name });

  // Copy puts the link on the clipboard and says so.
  const box = admin.getByRole('form', { name: 'Add an agent' }).locator('..');
  await box.getByRole('button', { name: 'Copy' }).click();
  await expect(box.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(first);

  // A new link replaces it.
  const row = admin.getByRole('list', { name: 'Agents' }).getByRole('listitem', { name });
  await row.getByRole('button', { name: 'New invite link' }).click();
  const secondField = row.getByLabel(`Invite link for ${name}`);
  await expect(secondField).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const second = await secondField.inputValue();
  expect(second).not.toBe(first);
  await admin.context().close();

  const eve = await (await browser.newContext()).newPage();
  await eve.goto(first);
  await expect(eve.getByRole('main').getByRole('alert')).toHaveText('This link is not valid. Ask your admin for a new one.');
  await eve.getByRole('link', { name: 'Go to sign in' }).click();
  await expect(eve).toHaveURL(/\/signin$/);
  await expect(eve.getByRole('heading', { name: /sign in/i })).toBeVisible();

  await eve.goto(second);
  await expect(eve.getByRole('heading', { name: 'Set your password' })).toBeVisible();
  await setPassword(eve, 'eve-secret-2024', 'eve-secret-2025');
  await expect(eve.getByText('The two passwords do not match')).toBeVisible();
  await expect(eve.getByLabel('Confirm password')).toHaveAttribute('aria-invalid', 'true');
  // Refused without using the link up: the same link then works.
  await setPassword(eve, 'eve-secret-2024');
  await new InboxPage(eve).expectLoaded();
  await expect(eve.getByRole('banner')).toContainText(name);
  await eve.context().close();
});

test('an existing account joins another workspace from its link: signed in as someone else it signs out first, then signs in and joins', async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await signedInAdmin(browser);
  const name = 'Finn Joiner';
  const email = `finn.${Date.now()}@example.test`;
  const password = 'finn-secret-2024';
  // Finn gets an account in the Demo Shop first.
  const own = await addAgent(admin, 'demo-shop', { email, name });
  const finnFirst = await (await browser.newContext()).newPage();
  await finnFirst.goto(own);
  await setPassword(finnFirst, password);
  await new InboxPage(finnFirst).expectLoaded();
  await finnFirst.context().close();

  // Ana adds him to her second shop: his link is accepted by signing in as him.
  const join = await addAgent(admin, 'second-shop', { email, name });

  // Opened in Ana's browser, the link says whose it is and signs her out.
  await admin.goto(join);
  await expect(admin.getByRole('heading', { name: 'Join Second Shop' })).toBeVisible();
  await expect(admin.getByRole('main').getByRole('alert')).toContainText(`This invitation is for ${email}, and you are signed in as ${demo.admin.email}.`);
  await admin.getByRole('button', { name: 'Sign out' }).click();
  await expect(admin).toHaveURL(/\/signin\?callbackUrl=%2Finvite%2F/);
  await admin.context().close();

  // Finn, signed out, signs in from the link and joins.
  const finn = await (await browser.newContext()).newPage();
  await finn.goto(join);
  await expect(finn.getByRole('heading', { name: 'Join Second Shop' })).toBeVisible();
  await finn.getByRole('link', { name: 'Sign in to accept' }).click();
  await expect(finn).toHaveURL(/\/signin\?callbackUrl=%2Finvite%2F/);
  await new SignInPage(finn).signIn(email, password);
  await expect(finn).toHaveURL(/\/invite\//);
  await finn.getByRole('button', { name: 'Join Second Shop' }).click();
  await expect(finn).toHaveURL(/\/w\/second-shop\/inbox/);
  await new InboxPage(finn).expectLoaded();

  // The link is used up.
  await finn.goto(join);
  await expect(finn.getByRole('main').getByRole('alert')).toHaveText('This link was already used. Sign in with your password.');
  await finn.context().close();

  // Ana takes him off her second shop again (it stays hers alone for the routing tests), and he is cut off there.
  const ana = await signedInAdmin(browser);
  await ana.goto('/w/second-shop/settings/members');
  ana.once('dialog', (dialog) => void dialog.accept());
  await ana.getByRole('button', { name: `Deactivate ${name}` }).click();
  await expect(ana.getByRole('button', { name: `Reactivate ${name}` })).toBeVisible();
  await ana.context().close();
});
