import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { messages } from '@/db/schema';
import { getDb } from '@/lib/db';
import { addMember, createUser } from '../integration/support/fixtures';
import { waitFor } from '../support/wait-for';
import { answers, until } from './support/service';
import { startStack, type Stack } from './support/stack';
import { plannedDeliveries, processedCount, sendAsPlatform } from './support/traffic';

// The web process killed while an agent's reply is on its way, in a real browser:
// - before the server got it: nothing is stored, the composer keeps the text and says so,
//   and sending it again once the server is back sends it once;
// - after the server stored it but before its answer reached the browser: the composer
//   still keeps the text (it cannot know), and sending it again finds the stored reply
//   instead of storing and sending a second one.
// Then PostgreSQL stopped: the reply is refused with a clear "cannot reach its database",
// the text kept, the page says it is reconnecting until the database is back (by itself),
// and the reply is sent once then.

let stack: Stack;
let browser: Browser;
let page: Page;
let conversationId: string;
const PASSWORD = 'fault-agent-password';

beforeAll(async () => {
  stack = await startStack({ name: 'web-killed-mid-reply', workers: 1 });
  const db = getDb();
  const agent = await createUser(db, 'Fay Fault', PASSWORD);
  await addMember(db, stack.world.workspace.id, agent.id, 'agent');
  const plan = plannedDeliveries(stack, { customers: 1, perCustomer: 1, group: '55', tag: 'ask' });
  await sendAsPlatform(stack, plan);
  await until('the customer’s message to be processed', async () => (await processedCount(plan)) === 1, 60_000);
  const [inbound] = await db.select().from(messages).where(eq(messages.channelId, stack.world.whatsapp.channel.id));
  conversationId = inbound.conversationId;

  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  page = await browser.newPage({ baseURL: stack.webUrls[0] });
  // What the page said, kept beside the processes' logs for reading when a test fails.
  page.on('console', (m) => fs.appendFileSync(path.join(stack.dir, 'browser.log'), `${new Date().toISOString()} ${m.type()} ${m.text()}\n`));
  page.on('pageerror', (e) => fs.appendFileSync(path.join(stack.dir, 'browser.log'), `${new Date().toISOString()} pageerror ${e.message}\n`));
  page.on('framenavigated', (f) => f === page.mainFrame() && fs.appendFileSync(path.join(stack.dir, 'browser.log'), `${new Date().toISOString()} navigated ${f.url()}\n`));
  await page.goto('/signin');
  await page.getByLabel('Email').fill(agent.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/(w\/|workspaces)/);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const composer = () => page.getByLabel('Reply to the customer');
const sendButton = () => page.getByRole('form', { name: 'Reply' }).getByRole('button', { name: 'Send', exact: true });
const composerAlert = () => page.getByRole('form', { name: 'Reply' }).getByRole('alert');

async function openConversation() {
  await page.goto(`/w/${stack.world.workspace.slug}/inbox?tab=all&c=${conversationId}`);
  await composer().waitFor();
}

/** Types the reply once the page is interactive: Send enables only when React holds the text. */
async function typeReply(text: string) {
  await waitFor(
    'the composer to take the text',
    async () => {
      await composer().fill(text);
      return sendButton().isEnabled();
    },
    20_000,
    { everyMs: 250 },
  );
}

async function storedReplies(text: string) {
  return getDb()
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'outbound'), eq(messages.body, text)));
}

const sentToCustomer = (text: string) =>
  stack.fakes.meta.sent.filter((s) => JSON.stringify(s.message).includes(JSON.stringify(text).slice(1, -1))).length;

/** Holds the server action that sends `text` (other actions, e.g. marking read, pass) and runs `during` on it. */
function onReplyAction(text: string, during: (route: Route) => Promise<void>) {
  const matcher = (url: URL) => url.pathname.startsWith(`/w/${stack.world.workspace.slug}/inbox`);
  const handler = async (route: Route) => {
    const request = route.request();
    if (request.method() !== 'POST' || !request.headers()['next-action'] || !request.postData()?.includes(text)) return route.fallback();
    await page.unroute(matcher, handler);
    // A failure here shows in what the test then finds (stored or not, sent or not); thrown,
    // it would surface later as an unhandled rejection of Playwright's route handler.
    await during(route).catch((error: Error) => fs.appendFileSync(path.join(stack.dir, 'browser.log'), `route handler: ${error.message}\n`));
  };
  return page.route(matcher, handler);
}

async function expectKeptWithError(text: string, error: RegExp) {
  await waitFor('the composer to show why the reply was not confirmed', async () => error.test((await composerAlert().textContent().catch(() => '')) ?? ''), 15_000).catch(async (e: Error) => {
    const form = await page.getByRole('form', { name: 'Reply' }).innerText({ timeout: 1_000 }).catch(() => '(no reply form)');
    throw new Error(`${e.message}; the reply form shows: ${form}`);
  });
  expect(await composer().inputValue()).toBe(text);
}

/**
 * What the agent sees once the web process died under the send: the composer says the
 * reply was not confirmed and keeps the text, or, when something on the page asked the dead
 * server for fresh data and Next fell back to reloading the page, the browser's error page.
 */
async function afterTheCrash(text: string): Promise<'kept with an error' | 'page reloaded'> {
  return waitFor(
    'the composer’s error or the page reloading',
    async () => {
      // The browser's own error page (the reload met a dead server) has no composer.
      if (!(await composer().isVisible().catch(() => false))) return 'page reloaded' as const;
      const alert = (await composerAlert().textContent({ timeout: 200 }).catch(() => '')) ?? '';
      if (/could not be reached/.test(alert)) {
        expect(await composer().inputValue()).toBe(text);
        return 'kept with an error' as const;
      }
      return null;
    },
    15_000,
    { everyMs: 100 },
  );
}

/** The server is back: the conversation opened again shows the text still there, and Send sends it. */
async function sendAgainAfterRestart(text: string) {
  await stack.startWeb(0);
  await openConversation();
  await waitFor('the draft to be back in the composer', async () => (await composer().inputValue()) === text, 10_000).catch(async (e: Error) => {
    const shown = await composer().inputValue().catch(() => '(no composer)');
    const stored = await page.evaluate(() => JSON.stringify(Object.fromEntries(Object.entries(localStorage)))).catch(() => '?');
    throw new Error(`${e.message}; the composer holds "${shown}", the tab stored ${stored}`);
  });
  await sendButton().click({ timeout: 10_000 });
  await waitFor('the composer to clear', async () => (await composer().inputValue()) === '', 30_000);
}

it('killed before the reply reached it: nothing stored, the text kept, sent once after the restart', { timeout: 240_000 }, async () => {
  await openConversation();
  const text = 'Your order ships tomorrow (before the crash)';
  await typeReply(text);
  await onReplyAction(text, async (route) => {
    await stack.webs[0].kill('SIGKILL');
    await route.abort('connectionrefused').catch(() => {}); // a reload may have cancelled it already
  });
  await sendButton().click({ timeout: 10_000 });
  const seen = await afterTheCrash(text);
  expect(await storedReplies(text)).toHaveLength(0);

  await sendAgainAfterRestart(text);
  await waitFor('the reply to reach the customer', async () => sentToCustomer(text) >= 1, 30_000, { everyMs: 100 });
  expect(await storedReplies(text)).toHaveLength(1);
  expect(sentToCustomer(text)).toBe(1);
  expect(stack.webs[0].starts).toBe(2);
  fs.appendFileSync(path.join(stack.dir, 'browser.log'), `before the crash: ${seen}\n`);
});

it('killed after storing the reply, before answering: sending again finds it, the customer gets it at most once', { timeout: 300_000 }, async () => {
  await openConversation();
  const text = 'Your refund is on its way (answer lost)';
  await typeReply(text);
  await onReplyAction(text, async (route) => {
    // The server stores the reply and answers; the answer is lost with the process.
    await route.fetch({ timeout: 30_000 });
    await stack.webs[0].kill('SIGKILL');
    await route.abort('connectionreset').catch(() => {}); // a reload may have cancelled it already
  });
  await sendButton().click({ timeout: 10_000 });
  // What the page shows meanwhile depends on what else it asked the dead server (the first
  // test covers that); what matters is what the agent finds and does once it is back.
  await waitFor('the reply to be stored and the web process gone', async () => !stack.webs[0].running && (await storedReplies(text)).length === 1, 15_000);
  // Whether the answer still reached the page before the process died is a matter of
  // microseconds: if it did, the composer was cleared; if not, the draft is kept, and the
  // agent sends it again once the server is back. Read once the page is loaded afresh, when
  // nothing of the old one is in flight any more.
  await stack.startWeb(0);
  await openConversation();
  const kept = await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('baton:draft:')));
  if (kept) {
    await waitFor('the draft to be back in the composer', async () => (await composer().inputValue()) === text, 10_000);
    await sendButton().click({ timeout: 10_000 });
    await waitFor('the composer to clear', async () => (await composer().inputValue()) === '', 30_000);
  } else expect(await composer().inputValue()).toBe('');
  expect(await storedReplies(text)).toHaveLength(1);
  // The stored reply's send either had not begun (the restarted process's outbox sends it) or
  // was cut off mid-flight, when WhatsApp may or may not have it: then it is failed with that
  // reason for the agent to check, never sent again by itself. Either way, at most once.
  const [settled] = await waitFor(
    'the stored reply to be sent or failed',
    async () => {
      const rows = await storedReplies(text);
      return rows[0] && ['sent', 'failed'].includes(rows[0].status) ? rows : null;
    },
    45_000,
    { everyMs: 250 },
  );
  if (settled.status === 'sent') expect(sentToCustomer(text)).toBe(1);
  else expect(settled.error).toMatch(/interrupted/);
  expect(sentToCustomer(text)).toBeLessThanOrEqual(1);
});

it('PostgreSQL stopped: the reply is refused as "cannot reach its database", kept, the page says it is reconnecting, and the reply is sent once when it is back', { timeout: 240_000 }, async () => {
  await openConversation();
  const text = 'Thanks for waiting (database down)';
  await typeReply(text);
  await stack.database.stop();
  try {
    await until('the web process to say the database is down', async () => !(await answers(`${stack.webUrls[0]}/api/health`)), 10_000);
    await sendButton().click({ timeout: 10_000 });
    await expectKeptWithError(text, /cannot reach its database/);
    // The whole page says so too, not only the composer.
    const banner = page.getByRole('alert').filter({ hasText: 'Baton cannot reach its server or database' });
    await banner.waitFor({ timeout: 5_000 });
    expect(await banner.textContent()).toContain('What you typed is kept. Reconnecting…');
  } finally {
    await stack.database.start();
  }
  await until('the web process to answer for its database again', () => answers(`${stack.webUrls[0]}/api/health`), 30_000);
  // The page finds it back by itself (it asks every 2 s) and takes the banner down.
  await page.getByRole('alert').filter({ hasText: 'Baton cannot reach its server or database' }).waitFor({ state: 'hidden', timeout: 10_000 });
  expect(await storedReplies(text)).toHaveLength(0);

  await sendButton().click({ timeout: 10_000 });
  await waitFor('the composer to clear', async () => (await composer().inputValue()) === '', 30_000);
  await waitFor('the reply to reach the customer', async () => sentToCustomer(text) >= 1, 30_000, { everyMs: 100 });
  expect(await storedReplies(text)).toHaveLength(1);
  expect(sentToCustomer(text)).toBe(1);
});
