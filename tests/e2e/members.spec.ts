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
