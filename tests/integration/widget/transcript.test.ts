import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerJobWorkers } from '@/background/workers';
import { messages, workspaces } from '@/db/schema';
import * as transcriptRoute from '@/app/api/widget/[token]/transcript/route';
import { getConfig } from '@/lib/config';
import { sendReply } from '@/lib/inbox/send-reply';
import { createBoss, startBoss, stopBoss, type PgBoss } from '@/lib/jobs/boss';
import { mailSettingsInput, saveMailSettings } from '@/lib/mail/settings';
import { formatTranscript } from '@/lib/mail/transcript';
import { formatInZone } from '@/lib/time/format';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp-server';
import { allowHosts } from '../support/channel-world';
import { addMember, createUser } from '../support/fixtures';
import { startTestRealtime } from '../support/realtime';
import { waitUntil, staysFalse } from '../reminders/wait';
import { agentReply, createWidgetWorld, newVisitor, resetLimits, sendText } from './helpers';

// "Email me the transcript": the visitor's own conversation, queued as a durable job, sent
// through the shop's SMTP server (a real one here), with what the visitor saw and nothing
// internal; the agents see a status line.

let smtp: TestSmtpServer;
let boss: PgBoss;
let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
  smtp = await startSmtpServer();
  allowHosts([`127.0.0.1:${smtp.port}`]);
  boss = createBoss(getConfig().DATABASE_URL, { max: 2 });
  await startBoss(boss);
  await registerJobWorkers(boss, { pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await boss.stop({ graceful: false, wait: true });
  await stopBoss({ graceful: false });
  await smtp.close();
  await realtime.close();
});
beforeEach(resetLimits);

async function shopWorld(options: { transcriptEmail?: boolean; smtp?: boolean } = {}) {
  const world = await createWidgetWorld({ settings: { title: 'Widget Shop', greeting: 'Hello!', color: '#0f766e', transcriptEmail: options.transcriptEmail ?? true } });
  await world.db.update(workspaces).set({ timezone: 'Asia/Bangkok' }).where(eq(workspaces.id, world.workspace.id));
  const agent = await createUser(world.db, 'Ana Agent');
  await addMember(world.db, world.workspace.id, agent.id, 'admin');
  const ctx = { workspaceId: world.workspace.id, actor: { id: agent.id, name: agent.name, email: agent.email, role: 'admin' as const } };
  if (options.smtp ?? true) {
    await saveMailSettings(world.db, ctx, mailSettingsInput.parse({ host: '127.0.0.1', port: smtp.port, security: 'none', fromAddress: 'help@widgetshop.example' }));
  }
  return { ...world, agent, ctx };
}

function call(method: 'GET' | 'POST', token: string, bearer: string | null, json?: unknown) {
  const headers = new Headers();
  if (bearer) headers.set('authorization', `Bearer ${bearer}`);
  if (json !== undefined) headers.set('content-type', 'application/json');
  const request = new Request(`http://localhost/api/widget/${token}/transcript`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  return transcriptRoute[method](request, { params: Promise.resolve({ token }) });
}

const emailsTo = (address: string) => smtp.received.filter((e) => e.envelope.to.includes(address));

describe('email me the transcript', () => {
  it('emails what the visitor saw, never the internal note, with the shop’s times and name, and tells the agents', async () => {
    const { db, token, client, workspace, agent, ctx } = await shopWorld();
    const visitor = await newVisitor(client);
    const sent = await sendText(client, visitor.visitorToken, 'Do you ship <b>bold</b> & fast?');
    const conversationId = (await db.select().from(messages).where(eq(messages.id, sent.body.message.id)))[0]!.conversationId;
    await sendReply(db, ctx, { conversationId, text: 'INTERNAL: this customer is a reseller', note: true });
    await agentReply(workspace.id, conversationId, agent.id, { kind: 'text', text: 'Yes, within 2 days.' });

    const response = await call('POST', token, visitor.visitorToken, { email: ' Mai@Example.com ' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ queued: true, email: 'mai@example.com' });

    const email = await smtp.waitFor((e) => e.envelope.to.includes('mai@example.com'));
    expect(email.parsed.from?.value).toEqual([{ name: 'Widget Shop', address: 'help@widgetshop.example' }]);
    expect(email.parsed.to && !Array.isArray(email.parsed.to) ? email.parsed.to.value : null).toEqual([{ name: '', address: 'mai@example.com' }]);
    expect(email.parsed.subject).toBe('Your conversation with Widget Shop');
    const text = email.parsed.text ?? '';
    const visitorRow = (await db.select().from(messages).where(eq(messages.id, sent.body.message.id)))[0]!;
    expect(text).toContain('Times are in Asia/Bangkok.');
    expect(text).toContain(`[${formatInZone(visitorRow.createdAt, 'Asia/Bangkok', 'datetime')}]`);
    expect(text).toContain('Do you ship <b>bold</b> & fast?');
    expect(text).toContain('Ana Agent:\n  Yes, within 2 days.');
    expect(text).not.toContain('INTERNAL');
    expect(text).not.toContain('reseller');
    // The HTML part carries the visitor's text as text.
    const html = String(email.parsed.html);
    expect(html).toContain('Do you ship &lt;b&gt;bold&lt;/b&gt; &amp; fast?');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).not.toContain('reseller');

    const line = await waitUntil('the status line', async () => {
      const rows = await db.select().from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.kind, 'status')));
      return rows.find((r) => r.body === 'Transcript emailed to mai@example.com') ?? null;
    });
    expect(line).toMatchObject({ direction: 'internal', senderKind: 'system' });
  }, 30_000);

  it('prefills the address the shop knows for the visitor', async () => {
    const { token, client } = await shopWorld();
    const visitor = await newVisitor(client);
    expect(await (await call('GET', token, visitor.visitorToken)).json()).toEqual({ email: null, offered: true });
    const offline = await shopWorld({ smtp: false });
    const v2 = await newVisitor(offline.client);
    expect(await (await call('GET', offline.token, v2.visitorToken)).json()).toEqual({ email: null, offered: false });
  });

  it('refuses when the shop has it off or cannot send email, and a bad address, with clear messages', async () => {
    for (const options of [{ transcriptEmail: false }, { smtp: false }]) {
      const { token, client } = await shopWorld(options);
      const visitor = await newVisitor(client);
      await sendText(client, visitor.visitorToken, 'Hello');
      const response = await call('POST', token, visitor.visitorToken, { email: 'mai@example.com' });
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ code: 'transcript_off', error: 'This chat does not send transcripts by email.' });
    }
    const { token, client } = await shopWorld();
    const visitor = await newVisitor(client);
    await sendText(client, visitor.visitorToken, 'Hello');
    const bad = await call('POST', token, visitor.visitorToken, { email: 'mai@' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fieldErrors).toEqual({ email: ['Enter an email address like name@example.com'] });
    const nobody = await call('POST', token, null, { email: 'mai@example.com' });
    expect(nobody.status).toBe(401);
  });

  it('sends only the visitor’s own conversation: another visitor, or another shop’s chat, gets a 404 and no email', async () => {
    const shop = await shopWorld();
    const owner = await newVisitor(shop.client);
    const sent = await sendText(shop.client, owner.visitorToken, 'My private question');
    const conversationId = (await shop.db.select().from(messages).where(eq(messages.id, sent.body.message.id)))[0]!.conversationId;

    const stranger = await newVisitor(shop.client);
    const asStranger = await call('POST', shop.token, stranger.visitorToken, { email: 'stranger@example.com', conversationId });
    expect(asStranger.status).toBe(404);
    // Without a conversation id the stranger's own (none) is meant: nothing to send either.
    expect((await call('POST', shop.token, stranger.visitorToken, { email: 'stranger@example.com' })).status).toBe(404);

    const otherShop = await shopWorld();
    const outsider = await newVisitor(otherShop.client);
    await sendText(otherShop.client, outsider.visitorToken, 'Hi');
    expect((await call('POST', otherShop.token, outsider.visitorToken, { email: 'outsider@example.com', conversationId })).status).toBe(404);
    // The owner's token is not valid on the other shop's chat.
    expect((await call('POST', otherShop.token, owner.visitorToken, { email: 'outsider@example.com', conversationId })).status).toBe(401);

    expect(await staysFalse(async () => emailsTo('stranger@example.com').length + emailsTo('outsider@example.com').length > 0, 1500)).toBe(true);
  });

  it('limits how often one visitor can ask', async () => {
    const { token, client } = await shopWorld();
    const visitor = await newVisitor(client);
    await sendText(client, visitor.visitorToken, 'Hello');
    for (let i = 0; i < 3; i++) expect((await call('POST', token, visitor.visitorToken, { email: `limit${i}@example.com` })).status).toBe(202);
    const limited = await call('POST', token, visitor.visitorToken, { email: 'limit3@example.com' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
  });
});

describe('the transcript email', () => {
  it('escapes everything in the HTML part and keeps the plain text as written', () => {
    const email = formatTranscript({
      shopName: 'Tom & Jerry <Shop>',
      timeZone: 'Europe/Berlin',
      lines: [{ at: new Date('2026-05-02T09:00:00Z'), author: '"Mai"', text: '<script>alert(1)</script>\nsecond line' }],
    });
    expect(email.subject).toBe('Your conversation with Tom & Jerry <Shop>');
    expect(email.text).toContain('[2 May 2026, 11:00] "Mai":\n  <script>alert(1)</script>\n  second line');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('Tom &amp; Jerry &lt;Shop&gt;');
    expect(email.html).toContain('&quot;Mai&quot;');
  });
});
