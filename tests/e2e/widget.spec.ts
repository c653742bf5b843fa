import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { OutboundMessage } from '../../channels/types';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { demoWidget, ShopWithWidget } from './pages/widget-page';
import { e2eEnv } from './support/env';

// The shop's page is "public" to Chromium (served by Playwright) and the app runs on
// localhost, so Chromium's Local Network Access check would block the loader; a real shop
// and a deployed Baton are both public. Grant it, as a visitor's browser never has to.
const localNetwork = { permissions: ['local-network-access'] };
test.use(localNetwork);

const identifyHash = (identifier: string) => createHmac('sha256', demoWidget.hmacToken).update(identifier).digest('hex');

async function signInAgent(page: Page) {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.ben.email, demo.ben.password);
  const inbox = new InboxPage(page);
  await inbox.expectLoaded();
  return inbox;
}

/**
 * The inbox has no composer yet, so the agent's reply is queued from here, the way
 * lib/outbox/queue.ts stores it (that module pulls in Next's request APIs, which this test
 * process cannot load), against the e2e database; the app's own outbox sweep then claims
 * it and delivers it on the visitor's channel. Needs the database's URL (DATABASE_URL runs).
 */
async function replyAsAgent(conversationHint: { contactName: string }, content: OutboundMessage): Promise<boolean> {
  const urlFile = `${e2eEnv.dataDir}/database-url`;
  if (!fs.existsSync(urlFile)) return false;
  const { createDb } = await import('../../db/client');
  const { and, eq, sql } = await import('drizzle-orm');
  const schema = await import('../../db/schema');
  const { outboundToMessage } = await import('../../lib/outbox/content');
  const { messagePreview } = await import('../../lib/inbox/preview');
  const { db, pool } = createDb(fs.readFileSync(urlFile, 'utf8').trim(), 2);
  try {
    const [ben] = await db.select().from(schema.users).where(eq(schema.users.email, demo.ben.email));
    const [conversation] = await db
      .select({ id: schema.conversations.id, workspaceId: schema.conversations.workspaceId, channelId: schema.conversations.channelId })
      .from(schema.conversations)
      .innerJoin(schema.contacts, eq(schema.contacts.id, schema.conversations.contactId))
      .where(and(eq(schema.contacts.name, conversationHint.contactName), eq(schema.conversations.status, 'open')));
    const fields = outboundToMessage(content);
    const now = new Date();
    await db.transaction(async (tx) => {
      await tx.insert(schema.messages).values({
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        channelId: conversation.channelId,
        direction: 'outbound',
        senderKind: 'agent',
        senderUserId: ben.id,
        ...fields,
        status: 'queued',
        // Due now: the app's sweep (every 5 s) claims and delivers it.
        nextAttemptAt: now,
        createdAt: now,
      });
      await tx
        .update(schema.conversations)
        .set({
          lastMessageAt: now,
          lastAgentMessageAt: now,
          lastMessagePreview: messagePreview(fields.kind, fields.body),
          lastMessageKind: fields.kind,
          version: sql`${schema.conversations.version} + 1`,
          updatedAt: now,
        })
        .where(eq(schema.conversations.id, conversation.id));
    });
    return true;
  } finally {
    await pool.end();
  }
}

test('a visitor chats from a shop’s site; the agent sees it live and the reply arrives live', async ({ browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const customer = { identifier: `shopper-${stamp}`, name: `Priya ${stamp}`, email: `priya.${stamp}@example.com` };

  // The agent is already looking at the inbox.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  const inbox = await signInAgent(agent);

  // A signed-in customer of the shop opens its site; the shop identifies them.
  const shopContext = await browser.newContext(localNetwork);
  const shopPage = await shopContext.newPage();
  const shop = new ShopWithWidget(shopPage);
  await shop.goto({
    afterLoader: `<script>Baton('identify', ${JSON.stringify({ ...customer, hash: identifyHash(customer.identifier) })});</script>`,
  });
  await expect(shop.launcher).toHaveAttribute('aria-label', 'Open chat');
  await expect(shop.frameElement).toBeHidden();

  await shop.open();
  await expect(shop.launcher).toHaveAttribute('aria-expanded', 'true');
  await expect(shop.chat.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(shop.chat.getByTestId('widget-greeting')).toContainText('Questions about sizes');
  await expect(shop.chat.getByText(`Signed in as ${customer.name}`)).toBeVisible();

  const question = `Do you have the linen dress in M? (${stamp})`;
  await shop.send(question);
  await expect(shop.message(question)).toBeVisible();
  await expect(shop.message(question).getByTestId('message-status')).toContainText('Sent');
  await expect(shop.composer).toHaveValue('');

  // Live in the agent's inbox, under the verified customer's name.
  const row = inbox.rows.filter({ hasText: customer.name });
  await expect(row).toBeVisible();
  await expect(row).toContainText(question);
  await row.click();
  await expect(agent.getByRole('list', { name: 'Messages' })).toContainText(question);
  await expect(agent.getByRole('complementary', { name: 'Customer info' })).toContainText(customer.email);

  // Escape closes the chat and gives focus back to the launcher.
  await shop.composer.focus();
  await shop.composer.press('Escape');
  await expect(shop.launcher).toHaveAttribute('aria-expanded', 'false');
  await expect(shop.launcher).toBeFocused();

  const reply = `Yes, size M is in stock (${stamp}). Shall I reserve one?`;
  const replied = await replyAsAgent({ contactName: customer.name }, { kind: 'text', text: reply, quickReplies: [{ title: 'Yes please', payload: 'YES' }] });
  if (!replied) {
    test.info().annotations.push({
      type: 'skipped step',
      description: 'The agent reply was not sent: the embedded e2e database has no URL file (run with DATABASE_URL) and the inbox has no composer yet.',
    });
    console.warn('[widget.spec] skipped the agent-reply step: no .data/e2e/database-url (run with DATABASE_URL set)');
  } else {
    // Arrives live while the chat is closed: the launcher shows it as unread.
    await expect(shop.launcher).toHaveAttribute('aria-label', 'Open chat (1 unread message)', { timeout: 20_000 });
    await shop.open();
    await expect(shop.message(reply)).toBeVisible();
    await expect(shop.chat.getByRole('button', { name: 'Yes please' })).toBeVisible();
    await expect(shop.launcher).toHaveAttribute('aria-label', 'Close chat');

    // A quick reply is sent as the visitor's answer.
    await shop.chat.getByRole('button', { name: 'Yes please' }).click();
    await expect(shop.message('Yes please')).toBeVisible();
    // Sent, or already Seen: Ben has the conversation open, so he reads it at once.
    await expect(shop.message('Yes please').getByTestId('message-status')).toContainText(/Sent|Seen/);
    await expect(agent.getByRole('list', { name: 'Messages' })).toContainText('Yes please');
  }

  // The visitor's token lives in the iframe's storage: the history survives a reload.
  await shopPage.reload();
  await shop.open();
  await expect(shop.message(question)).toBeVisible();
  if (replied) await expect(shop.message(reply)).toBeVisible();

  // The shop signs the customer out: the chat starts over as a new, anonymous visitor.
  await shopPage.evaluate(() => (window as unknown as { Baton: (command: string) => void }).Baton('reset'));
  await expect(shop.message(question)).toHaveCount(0);
  await expect(shop.chat.getByText(`Signed in as ${customer.name}`)).toHaveCount(0);
  // Signed out, the shop's pages no longer identify: the next page is still a fresh visitor.
  await shop.goto();
  await shop.open();
  await expect(shop.chat.getByTestId('widget-greeting')).toBeVisible();
  await expect(shop.messages).toHaveCount(0);

  await shopContext.close();
  await agentContext.close();
});

test('on a 360 px phone the chat fills the screen and still sends', async ({ browser }) => {
  const context = await browser.newContext({ ...localNetwork, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const shop = new ShopWithWidget(page);
  await shop.goto();
  await shop.open();
  // Full screen once the opening animation settles.
  await expect
    .poll(async () => {
      const box = await shop.frameElement.boundingBox();
      return box && [box.x, box.y, box.width, box.height].map(Math.round);
    })
    .toEqual([0, 0, 360, 740]);
  // The launcher steps aside; the chat's own close button takes over.
  await expect(shop.launcher).toBeHidden();

  const text = `Hello from a phone ${Date.now().toString(36)}`;
  await shop.send(text);
  await expect(shop.message(text).getByTestId('message-status')).toContainText('Sent');
  const bubble = await shop.message(text).boundingBox();
  expect(bubble!.x + bubble!.width).toBeLessThanOrEqual(360);

  await shop.chat.getByRole('button', { name: 'Close chat' }).click();
  await expect(shop.launcher).toBeVisible();
  await context.close();
});

test('the chat refuses to appear on a site that is not allowed', async ({ page }) => {
  const messages: string[] = [];
  page.on('console', (m) => messages.push(m.text()));
  const shop = new ShopWithWidget(page, 'https://not-the-shop.example.org');
  await page.route('https://not-the-shop.example.org/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><body><script src="${e2eEnv.baseURL}/widget.js" data-baton-token="${demoWidget.token}" async></script></body>`,
    }),
  );
  await page.goto('https://not-the-shop.example.org/');
  await expect.poll(() => messages.join('\n')).toContain('[Baton] the chat is not available here');
  await expect(shop.launcher).toHaveCount(0);

  // Framing the chat page directly is refused by the browser (frame-ancestors).
  const response = await page.request.get(`${e2eEnv.baseURL}/widget/${demoWidget.token}`);
  expect(response.headers()['content-security-policy']).toBe(`frame-ancestors 'self' ${demoWidget.shopOrigin}`);
  expect(response.headers()['x-frame-options']).toBeUndefined();
});
