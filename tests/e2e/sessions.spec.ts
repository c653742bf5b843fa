import { expect, test } from '@playwright/test';
import { InboxPage } from './pages/inbox-page';
import { ProfilePage } from './pages/profile-page';
import { demo, SignInPage } from './pages/sign-in-page';

test('"Sign out everywhere" ends the sessions of every browser, and a copied cookie no longer works', async ({ browser }) => {
  const signedIn = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(demo.chloe.email, demo.chloe.password);
    await new InboxPage(page).expectLoaded();
    return { context, page };
  };
  const laptop = await signedIn();
  const phone = await signedIn();
  const copied = await laptop.context.cookies();

  const profile = new ProfilePage(laptop.page);
  await profile.goto('demo-shop');
  await profile.signOutEverywhere();
  await expect(laptop.page).toHaveURL(/\/signin/);

  // The other browser is signed out on its next request.
  await phone.page.goto('/w/demo-shop/inbox');
  await expect(phone.page).toHaveURL(/\/signin/);

  // The laptop's cookie, copied before, opens nothing either.
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto('/w/demo-shop/inbox');
  await expect(stolen).toHaveURL(/\/signin/);

  // Signing in again works as usual.
  const again = new SignInPage(phone.page);
  await again.signIn(demo.chloe.email, demo.chloe.password);
  await new InboxPage(phone.page).expectLoaded();
  await Promise.all([laptop.context.close(), phone.context.close(), thief.close()]);
});

test('after 10 wrong passwords the sign-in form says how long to wait', async ({ page }) => {
  // An address nobody signs in with, so no other test's account is locked.
  const email = `guessed.${Date.now()}@example.test`;
  const signIn = new SignInPage(page);
  await signIn.goto();
  const password = page.getByLabel('Password');
  for (let i = 0; i < 10; i++) {
    await signIn.signIn(email, `wrong guess ${i}`);
    // The form clears the password when the answer arrives: only then type the next one.
    await expect(password).toHaveValue('');
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
  }
  await signIn.signIn(email, 'one more guess');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Too many attempts. Try again in 15 minutes.');
});
