import { expect, test } from './support/test';
import { ConversationPage } from './pages/conversation-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { ShopWithWidget } from './pages/widget-page';

// A bot flow's "Show form" step: an admin builds a flow that asks for details in a form, a
// visitor on the shop's site fills it in inside the chat, the flow goes on, and the agent
// reads the answers in the customer panel's "Form results".

const localNetwork = { permissions: ['local-network-access'] };

test('a flow shows a form in the website chat; the visitor’s answers reach the customer panel', async ({ page, browser, allowConsoleError }) => {
  test.setTimeout(120_000);
  allowConsoleError(/api\/widget\/[^/]+\/flow-form.*400|status of 400/, 'the visitor leaves a required field empty on purpose and the server refuses it');
  const stamp = Date.now().toString(36);
  const flowName = `Warranty ${stamp}`;
  const keyword = 'warranty claim';
  const name = `Noor ${stamp}`;

  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await expect(page.getByRole('heading', { name: 'Choose a workspace' })).toBeVisible();
  await page.goto('/w/demo-shop/settings/flows');
  await page.getByRole('link', { name: 'New flow' }).click();
  const form = page.getByRole('form', { name: 'Flow' });
  await form.getByLabel('Name', { exact: true }).fill(flowName);
  await form.getByLabel(/^Keywords/).fill(keyword);
  const steps = form.getByRole('list', { name: 'Steps' });
  for (const id of ['hello', 'hours', 'agent']) await form.getByRole('button', { name: `Delete step ${id}` }).click();

  // The form step: name required, email not asked, one custom field, then the end.
  await form.getByLabel('New step').selectOption('show_form');
  await form.getByRole('button', { name: 'Add step' }).click();
  const formStep = steps.getByRole('listitem', { name: 'Step show-form' });
  await expect(formStep).toContainText('Shown in the website chat only');
  await formStep.getByLabel('Message above the form').fill('To open a warranty claim, tell us:');
  await formStep.getByLabel('Email', { exact: true }).selectOption('off');
  await formStep.getByRole('button', { name: 'Add a field' }).click();
  await formStep.getByLabel('Field 1 label').fill('Order number');
  await formStep.getByLabel('Field 1 key').fill('order_number');
  await formStep.getByRole('listitem', { name: 'Form field 1' }).getByLabel('Required').check();
  await form.getByLabel('New step').selectOption('end');
  await form.getByRole('button', { name: 'Add step' }).click();
  await steps.getByRole('listitem', { name: 'Step end' }).getByLabel(/^Last message/).fill('Thanks {{contact.first_name}}, we will check your order.');
  await formStep.getByRole('button', { name: /Show a form/ }).click();
  await formStep.getByLabel('Then, once answered').selectOption('end');
  await expect(form.getByRole('status').filter({ hasText: 'The flow is valid.' })).toBeVisible();
  await form.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(flowName) })).toContainText('version 1');

  // A visitor writes the keyword: the bot's message, then the form instead of the composer.
  const shopContext = await browser.newContext(localNetwork);
  const shop = new ShopWithWidget(await shopContext.newPage());
  await shop.goto();
  await shop.open();
  await shop.send(`I have a ${keyword} (${stamp})`);
  await expect(shop.message('To open a warranty claim, tell us:')).toHaveAttribute('data-from', 'bot');
  const answers = shop.chat.getByRole('form', { name: 'Your answers' });
  await expect(answers).toBeVisible();
  await expect(shop.composer).toHaveCount(0);
  await expect(answers.getByLabel('Email')).toHaveCount(0);
  // Required fields are checked by the server, which names the first one missing.
  await answers.getByLabel('Name').fill(name);
  await answers.getByRole('button', { name: 'Send answers' }).click();
  await expect(answers.getByRole('alert')).toHaveText('Fill in Order number');
  await answers.getByLabel('Order number').fill(`W-${stamp}`);
  await answers.getByRole('button', { name: 'Send answers' }).click();
  await expect(answers).toHaveCount(0);
  await expect(shop.message(`Thanks Noor, we will check your order.`)).toHaveAttribute('data-from', 'bot');
  await expect(shop.composer).toBeVisible();
  await shopContext.close();

  // The agent finds the customer by the name from the form and reads the answers.
  const conversation = new ConversationPage(page);
  await conversation.open(name);
  const panel = page.getByRole('complementary', { name: 'Customer info' });
  const results = panel.getByRole('list', { name: 'Form results' });
  await expect(results).toContainText(`Bot flow “${flowName}”`);
  await expect(results).toContainText(`Order numberW-${stamp}`);
  await expect(results).toContainText(`Name${name}`);

  await page.goto('/w/demo-shop/settings/flows');
  const flowRow = page.getByRole('list', { name: 'Flows' }).getByRole('listitem').filter({ hasText: flowName });
  await flowRow.getByRole('button', { name: 'Disable' }).click();
  await expect(flowRow).toContainText('disabled');
});
