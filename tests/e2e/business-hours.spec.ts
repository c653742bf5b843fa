import { expect, test } from './support/test';
import { demo, SignInPage } from './pages/sign-in-page';
import { InboxPage } from './pages/inbox-page';
import { ShopWithWidget } from './pages/widget-page';

// The admin keeps business hours (several periods a day, closed dates, an away message);
// a customer who asks for a person while the shop is closed gets the away message and when
// the shop opens again, in every channel (here the website chat).

const localNetwork = { permissions: ['local-network-access'] };
const SHOP_ZONE = 'Asia/Bangkok';
const dateInShop = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: SHOP_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

test('an admin sets business hours with a closed date; a customer who asks for a person while closed gets the away message', async ({ browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: /Demo Shop/ }).click();
  await new InboxPage(page).expectLoaded();

  await page.goto('/w/demo-shop/settings');
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Business hours' }).click();
  await expect(page.getByRole('heading', { name: 'Business hours', level: 1 })).toBeVisible();
  await expect(page.getByText(/Asia\/Bangkok \(GMT\+07:00\)/)).toBeVisible();
  const form = page.getByRole('form', { name: 'Business hours' });
  const save = form.getByRole('button', { name: 'Save business hours' });

  await form.getByRole('checkbox', { name: /Keep business hours/ }).check();
  await expect(form.getByLabel('Monday period 1 opens')).toHaveValue('09:00');
  await expect(form.getByLabel('Monday period 1 closes')).toHaveValue('18:00');
  await expect(form.getByTestId('hours-sat')).toContainText('Closed');

  // Saturday mornings open; a lunch break on Monday as two periods.
  await form.getByRole('button', { name: 'Add a period on Saturday' }).click();
  await form.getByLabel('Saturday period 1 opens').fill('10:00');
  await form.getByLabel('Saturday period 1 closes').fill('14:00');
  await form.getByLabel('Monday period 1 closes').fill('12:00');
  await form.getByRole('button', { name: 'Add a period on Monday' }).click();
  await form.getByLabel('Monday period 2 opens').fill('13:00');
  await form.getByLabel('Monday period 2 closes').fill('18:00');
  // A third period added by mistake is taken out again.
  await form.getByRole('button', { name: 'Add a period on Monday' }).click();
  await expect(form.getByLabel('Monday period 3 opens')).toBeVisible();
  await form.getByRole('button', { name: 'Remove Monday period 3' }).click();
  await expect(form.getByLabel('Monday period 3 opens')).toHaveCount(0);

  // Overlapping periods are refused with the day named; removing one fixes it.
  await form.getByRole('button', { name: 'Add a period on Sunday' }).click();
  await form.getByRole('button', { name: 'Add a period on Sunday' }).click();
  await form.getByLabel('Sunday period 2 opens').fill('11:00');
  await save.click();
  await expect(form.getByRole('status')).toHaveText('Sunday: periods overlap');
  await expect(form.getByTestId('hours-sun')).toContainText('Sunday: periods overlap');
  await form.getByRole('button', { name: 'Remove Sunday period 2' }).click();
  await form.getByRole('button', { name: 'Remove Sunday period 1' }).click();
  await expect(form.getByTestId('hours-sun')).toContainText('Closed');

  // Today and tomorrow closed (in the shop's calendar), so the shop is closed right now.
  const now = new Date();
  await form.getByRole('button', { name: 'Add closed date' }).click();
  await form.getByLabel('Closed date 1', { exact: true }).fill(dateInShop(now));
  await form.getByLabel('Name of closed date 1').fill(`Stocktaking ${stamp}`);
  await form.getByRole('button', { name: 'Add closed date' }).click();
  await form.getByRole('button', { name: 'Add closed date' }).click();
  await form.getByLabel('Closed date 2', { exact: true }).fill(dateInShop(new Date(now.getTime() + 86_400_000)));
  await form.getByRole('button', { name: 'Remove closed date 3' }).click();
  const away = `Closed for stocktaking today (${stamp}).`;
  await form.getByLabel('Away message').fill(away);
  await save.click();
  await expect(form.getByRole('status')).toHaveText('Saved.');

  await page.reload();
  await expect(form.getByRole('checkbox', { name: /Keep business hours/ })).toBeChecked();
  await expect(form.getByLabel('Monday period 2 opens')).toHaveValue('13:00');
  await expect(form.getByLabel('Saturday period 1 closes')).toHaveValue('14:00');
  await expect(form.getByLabel('Closed date 1', { exact: true })).toHaveValue(dateInShop(now));
  await expect(form.getByLabel('Name of closed date 1')).toHaveValue(`Stocktaking ${stamp}`);
  await expect(form.getByLabel('Closed date 3', { exact: true })).toHaveCount(0);
  await expect(form.getByLabel('Away message')).toHaveValue(away);

  // A visitor asks for a person: the away message, with when the shop opens again.
  const shopContext = await browser.newContext(localNetwork);
  const shop = new ShopWithWidget(await shopContext.newPage());
  await shop.goto();
  await shop.open();
  await shop.send(`Is anyone there? (${stamp})`);
  await shop.suggestions.getByRole('button', { name: 'Talk to an agent' }).click();
  const told = shop.message(away);
  await expect(told).toHaveAttribute('data-from', 'bot');
  await expect(told).toContainText(/We are back on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday) \d{1,2} \w{3}( \d{4})? at \d\d:00\./);
  await expect(shop.message('Thanks, a member of our team will be with you shortly.')).toHaveCount(0);
  await shopContext.close();

  // Turned off again, the shop counts as always open for the other tests.
  await form.getByRole('checkbox', { name: /Keep business hours/ }).uncheck();
  await save.click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await context.close();
});
