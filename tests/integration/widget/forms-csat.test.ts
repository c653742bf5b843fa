import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channels, contacts, conversations, csatResponses, formSubmissions } from '@/db/schema';
import * as preChatRoute from '@/app/api/widget/[token]/pre-chat/route';
import * as csatRoute from '@/app/api/widget/[token]/csat/route';
import { resolveConversation } from '@/lib/inbox/ops/resolve';
import { listFormResults } from '@/lib/widget/forms/results';
import { formResultsCsv } from '@/lib/widget/forms/results-csv';
import { listCsatForContact } from '@/lib/widget/csat';
import { parseCsv } from '@/lib/commerce/csv';
import { startTestRealtime } from '../support/realtime';
import { addMember, createUser } from '../support/fixtures';
import { createWidgetWorld, newVisitor, resetLimits, sendText } from './helpers';

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());
beforeEach(resetLimits);

const preChatForm = {
  enabled: true,
  name: 'required',
  email: 'required',
  phone: 'optional',
  customFields: [
    { label: 'Order number', key: 'order_number', type: 'number', required: true, options: [] },
    { label: 'Size', key: 'size', type: 'choice', options: ['S', 'M', 'L'], required: false },
  ],
  consent: { enabled: true, text: 'I agree that Widget Shop keeps my details to answer me.' },
};

function call(route: typeof preChatRoute | typeof csatRoute, method: 'GET' | 'POST', token: string, bearer: string, json?: unknown) {
  const headers = new Headers({ authorization: `Bearer ${bearer}` });
  if (json !== undefined) headers.set('content-type', 'application/json');
  const request = new Request(`http://localhost/api/widget/${token}/x`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  return route[method](request, { params: Promise.resolve({ token }) });
}

async function formWorld() {
  const world = await createWidgetWorld({ settings: { title: 'Widget Shop', preChatForm } });
  const visitor = await newVisitor(world.client);
  return { ...world, visitor, bearer: visitor.visitorToken };
}

const good = { name: 'Mai Tanaka', email: 'Mai@Example.com', phone: '+66 81 234 5678', custom: { order_number: '1042', size: 'M' }, consent: true };

describe('the pre-chat form', () => {
  it('asks a new visitor, maps the answers onto the customer and stores the submission with the consent', async () => {
    const { db, token, bearer, visitor, channel } = await formWorld();
    const state = await (await call(preChatRoute, 'GET', token, bearer)).json();
    expect(state.needed).toBe(true);
    expect(state.form.customFields.map((f: { key: string }) => f.key)).toEqual(['order_number', 'size']);

    const response = await call(preChatRoute, 'POST', token, bearer, good);
    expect(response.status).toBe(201);

    const [identityContact] = await db.select().from(contacts).where(eq(contacts.workspaceId, channel.workspaceId));
    expect(identityContact).toMatchObject({ name: 'Mai Tanaka', email: 'mai@example.com', phone: '+66 81 234 5678', customData: { order_number: '1042', size: 'M' } });
    const rows = await db.select().from(formSubmissions).where(eq(formSubmissions.contactId, identityContact.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ formKind: 'pre_chat', channelId: channel.id, conversationId: null, consentText: preChatForm.consent.text });
    expect(rows[0].consentedAt).toBeInstanceOf(Date);
    expect(rows[0].answers).toEqual([
      { key: 'name', label: 'Name', value: 'Mai Tanaka' },
      { key: 'email', label: 'Email', value: 'mai@example.com' },
      { key: 'phone', label: 'Phone', value: '+66 81 234 5678' },
      { key: 'order_number', label: 'Order number', value: '1042' },
      { key: 'size', label: 'Size', value: 'M' },
    ]);
    // Asked once: not again.
    expect((await (await call(preChatRoute, 'GET', token, bearer)).json()).needed).toBe(false);
    // What agents see.
    const results = await listFormResults(db, channel.workspaceId, identityContact.id);
    expect(results).toMatchObject([{ channelName: 'Website chat', answers: rows[0].answers }]);
    expect(visitor.visitor.identityId).toBeTruthy();
  });

  it.each([
    ['a missing required field', { ...good, name: ' ' }, 'Enter your name', 'name'],
    ['a bad email', { ...good, email: 'mai@' }, 'Enter a valid email address, like you@example.com', 'email'],
    ['unchecked consent', { ...good, consent: false }, 'Please accept the consent to start the chat', 'consent'],
    ['a number field with words', { ...good, custom: { order_number: 'ten' } }, 'Order number: enter a number', 'custom.order_number'],
  ])('refuses %s with a clear message and stores nothing', async (_what, answers, message, field) => {
    const { db, token, bearer, channel } = await formWorld();
    const response = await call(preChatRoute, 'POST', token, bearer, answers);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe(message);
    expect(body.fieldErrors[field]).toEqual([message]);
    expect(await db.select().from(formSubmissions).where(eq(formSubmissions.channelId, channel.id))).toHaveLength(0);
    const [contact] = await db.select().from(contacts).where(eq(contacts.workspaceId, channel.workspaceId));
    expect(contact.email).toBeNull();
    expect(contact.customData).toEqual({});
  });

  it('refuses a new visitor’s first message until the form is answered, then takes it', async () => {
    const { token, bearer, client, db, channel } = await formWorld();
    const refused = await sendText(client, bearer, 'Hello');
    expect(refused.response.status).toBe(409);
    expect(refused.body.error).toBe('Please answer the questions before your first message.');
    expect(await db.select().from(conversations).where(eq(conversations.channelId, channel.id))).toHaveLength(0);

    expect((await call(preChatRoute, 'POST', token, bearer, good)).status).toBe(201);
    expect((await sendText(client, bearer, 'Hello')).response.status).toBe(201);
  });

  it('does not ask a visitor who wrote before the form was turned on, nor when the form is off', async () => {
    const { token, bearer, client, db, channel } = await formWorld();
    await db.update(channels).set({ settings: { title: 'Widget Shop' } }).where(eq(channels.id, channel.id));
    await sendText(client, bearer, 'Hello');
    await db.update(channels).set({ settings: { title: 'Widget Shop', preChatForm } }).where(eq(channels.id, channel.id));
    expect((await (await call(preChatRoute, 'GET', token, bearer)).json()).needed).toBe(false);
    expect((await sendText(client, bearer, 'Again')).response.status).toBe(201);

    const off = await createWidgetWorld();
    const v = await newVisitor(off.client);
    expect(await (await call(preChatRoute, 'GET', off.token, v.visitorToken)).json()).toEqual({ form: null, needed: false });
    const refused = await call(preChatRoute, 'POST', off.token, v.visitorToken, good);
    expect(refused.status).toBe(409);
  });

  it('exports the channel form results as CSV, a column per field, cells guarded against formulas', async () => {
    const { db, token, bearer, channel } = await formWorld();
    await call(preChatRoute, 'POST', token, bearer, { ...good, name: '=HYPERLINK("x")' });
    const { body, filename } = await formResultsCsv(db, channel.workspaceId, channel.id);
    expect(filename).toBe('form-results-Website_chat.csv');
    const text = await new Response(body).text();
    const parsed = parseCsv(text);
    const rows = parsed.ok ? parsed.rows : [];
    expect(rows[0]).toEqual(['submission_id', 'submitted_at', 'customer_id', 'customer', 'name', 'email', 'phone', 'order_number', 'size', 'other_answers', 'consent_text', 'consented_at', 'form']);
    expect(rows).toHaveLength(2);
    expect(rows[1].slice(3, 10)).toEqual([`'=HYPERLINK("x")`, `'=HYPERLINK("x")`, 'mai@example.com', "'+66 81 234 5678", '1042', 'M', '']);
    // Another workspace's channel id gives nothing.
    const other = await createWidgetWorld();
    await expect(formResultsCsv(db, other.workspace.id, channel.id)).rejects.toThrow('no longer exists');
  });
});

describe('the satisfaction rating', () => {
  it('is offered after an agent resolves, stored once, and a second rating is refused', async () => {
    const { db, token, bearer, client, channel } = await formWorld();
    expect((await call(preChatRoute, 'POST', token, bearer, good)).status).toBe(201);
    const sent = await sendText(client, bearer, 'Where is my order?');
    expect(sent.response.status).toBe(201);
    const [c] = await db.select().from(conversations).where(eq(conversations.channelId, channel.id));
    expect((await (await call(csatRoute, 'GET', token, bearer)).json()).offer).toBeNull();

    // Rating before the resolve is refused.
    const early = await call(csatRoute, 'POST', token, bearer, { conversationId: c.id, rating: 4 });
    expect(early.status).toBe(409);

    const ana = await createUser(db, 'Ana');
    await addMember(db, channel.workspaceId, ana.id, 'admin');
    const ctx = { workspaceId: channel.workspaceId, actor: { id: ana.id, name: 'Ana', email: ana.email, role: 'admin' as const } };
    await resolveConversation(db, ctx, { conversationId: c.id });
    expect((await (await call(csatRoute, 'GET', token, bearer)).json()).offer).toMatchObject({ conversationId: c.id });

    const bad = await call(csatRoute, 'POST', token, bearer, { conversationId: c.id, rating: 6 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe('rating: Choose a rating from 1 to 5');

    const rated = await call(csatRoute, 'POST', token, bearer, { conversationId: c.id, rating: 4, comment: '  Quick and kind  ' });
    expect(rated.status).toBe(201);
    const again = await call(csatRoute, 'POST', token, bearer, { conversationId: c.id, rating: 1 });
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('already_rated');

    const rows = await db.select().from(csatResponses).where(eq(csatResponses.conversationId, c.id));
    expect(rows).toMatchObject([{ rating: 4, comment: 'Quick and kind', contactId: c.contactId }]);
    expect((await (await call(csatRoute, 'GET', token, bearer)).json()).offer).toBeNull();
    expect(await listCsatForContact(db, channel.workspaceId, c.contactId)).toMatchObject([{ conversationId: c.id, rating: 4, comment: 'Quick and kind' }]);

    // Another visitor cannot rate it.
    const stranger = await newVisitor(client);
    const theirs = await call(csatRoute, 'POST', token, stranger.visitorToken, { conversationId: c.id, rating: 1 });
    expect(theirs.status).toBe(404);
    expect(await db.select().from(csatResponses).where(and(eq(csatResponses.conversationId, c.id), eq(csatResponses.rating, 1)))).toHaveLength(0);
  });
});
