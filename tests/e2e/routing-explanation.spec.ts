import { expect, test } from './support/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';

// Automatic routing with nobody to give a request to: the inbox and Settings say why it
// waits, and stop saying so once someone can take it (and routing gives it to them).
// Played in the Second Shop, where Ana is the only agent and Ploen's request waits.

test('a request nobody can take says why, in Requests, in the conversation and in Settings, until an agent can', async ({ page }) => {
  test.setTimeout(60_000);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await page.getByRole('link', { name: /Second Shop/ }).click();
  await new InboxPage(page).expectLoaded();
  const availability = page.getByRole('switch', { name: 'Available for new chats' }).filter({ visible: true });
  const routingNow = page.getByRole('status', { name: 'Routing right now' });

  // Ana steps away, then turns automatic routing on: nobody can take the waiting request.
  await availability.click();
  await expect(availability).toHaveAttribute('aria-checked', 'false');
  await page.goto('/w/second-shop/settings');
  await expect(routingNow).toContainText('With automatic routing, new requests would wait');
  await page.getByRole('radio', { name: /Automatic/ }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(routingNow).toContainText('No agent available: Ana Admin is away');
  await expect(routingNow).toContainText('1 request waits in Requests until an agent is online, available and under capacity.');
  await expect(routingNow.getByRole('listitem')).toHaveText(['Ana Admin: away']);

  // Requests: the list says why; so does the waiting conversation.
  await page.goto('/w/second-shop/inbox?tab=requests');
  const listNote = page.getByRole('region', { name: 'Customers' }).getByRole('status', { name: 'Why requests wait' });
  await expect(listNote).toContainText('No agent available: Ana Admin is away');
  await expect(listNote).toContainText('1 request waits');
  await page.getByTestId('conversation-row').filter({ hasText: 'Ploen Sirikul' }).click();
  const conversation = page.getByRole('region', { name: 'Conversation' });
  const conversationNote = conversation.getByRole('status', { name: 'Why requests wait' });
  await expect(conversationNote).toContainText('No agent available: Ana Admin is away');
  await expect(conversationNote).toContainText('This request waits until an agent is online, available and under capacity.');

  // Ana is back: routing gives her the request and the explanations go, live.
  await availability.click();
  await expect(availability).toHaveAttribute('aria-checked', 'true');
  await expect(conversation.getByText('Assigned to Ana Admin automatically')).toBeVisible();
  await expect(conversation.getByRole('status', { name: 'Why requests wait' })).toHaveCount(0);
  await expect(listNote).toBeEmpty();
  await page.goto('/w/second-shop/settings');
  await expect(routingNow).toContainText('New requests go to Ana Admin (2/10).');

  // Back to manual for the other tests.
  await page.getByRole('radio', { name: /Manual/ }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(routingNow).toContainText('With automatic routing, new requests would go to Ana Admin (2/10).');
});
