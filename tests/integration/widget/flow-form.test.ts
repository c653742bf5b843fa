import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contacts, conversations, formSubmissions, messages } from '@/db/schema';
import * as flowFormRoute from '@/app/api/widget/[token]/flow-form/route';
import { listFormResults } from '@/lib/widget/forms/results';
import { formResultsCsv } from '@/lib/widget/forms/results-csv';
import { parseCsv } from '@/lib/commerce/csv';
import type { FlowDefinitionInput } from '@/lib/flows/definition';
import { flow, outboxDrained } from '../flows/helpers';
import { startTestRealtime } from '../support/realtime';
import { createWidgetWorld, history, newVisitor, resetLimits, sendText } from './helpers';

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());
beforeEach(resetLimits);

const definition: FlowDefinitionInput = {
  start: 'details',
  steps: [
    {
      id: 'details',
      type: 'show_form',
      text: 'Before we look at your order, a few details:',
      form: {
        name: 'required',
        email: 'required',
        phone: 'off',
        customFields: [{ label: 'Order number', key: 'order_number', type: 'number', required: true }],
        consent: { enabled: true, text: 'Widget Shop may keep my details.' },
      },
      next: 'thanks',
    },
    { id: 'thanks', type: 'end', message: 'Thanks {{contact.first_name}}, we are on it.' },
  ],
};

function postForm(token: string, bearer: string, json: unknown) {
  const request = new Request(`http://localhost/api/widget/${token}/flow-form`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(json),
  });
  return flowFormRoute.POST(request, { params: Promise.resolve({ token }) });
}

async function world() {
  const w = await createWidgetWorld();
  const orderFlow = await flow(w.workspace.id, 'Order help', definition, { welcomeChannels: ['web'] });
  const visitor = await newVisitor(w.client);
  const bearer = visitor.visitorToken;
  const first = await sendText(w.client, bearer, 'Where is my parcel?');
  expect(first.response.status).toBe(201);
  const [row] = await w.db.select({ conversationId: messages.conversationId }).from(messages).where(eq(messages.id, first.body.message.id));
  await outboxDrained(row.conversationId);
  return { ...w, orderFlow, bearer, conversationId: row.conversationId };
}

const answers = { name: 'Mai Tanaka', email: 'Mai@Example.com', custom: { order_number: '1042' }, consent: true };

describe('a bot flow’s form in the website chat', () => {
  it('is offered in the history, and its answers land on the customer and in Form results, then the flow goes on', async () => {
    const w = await world();
    const before = await history(w.client, w.bearer);
    expect(before.body.messages.at(-1)?.text).toBe('Before we look at your order, a few details:');
    expect(before.body.flowForm?.form).toMatchObject({ name: 'required', email: 'required', customFields: [{ key: 'order_number' }] });

    const response = await postForm(w.token, w.bearer, { key: before.body.flowForm!.key, answers });
    expect(response.status).toBe(201);

    const [conversation] = await w.db.select().from(conversations).where(eq(conversations.id, w.conversationId));
    const [customer] = await w.db.select().from(contacts).where(eq(contacts.id, conversation.contactId));
    expect(customer).toMatchObject({ name: 'Mai Tanaka', email: 'mai@example.com', customData: expect.objectContaining({ order_number: '1042' }) });

    const rows = await w.db.select().from(formSubmissions).where(eq(formSubmissions.contactId, customer.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ formKind: 'flow', flowId: w.orderFlow.id, flowStepId: 'details', conversationId: w.conversationId, channelId: w.channel.id, consentText: 'Widget Shop may keep my details.' });
    expect(rows[0].answers).toEqual([
      { key: 'name', label: 'Name', value: 'Mai Tanaka' },
      { key: 'email', label: 'Email', value: 'mai@example.com' },
      { key: 'order_number', label: 'Order number', value: '1042' },
    ]);
    expect(await listFormResults(w.db, w.workspace.id, customer.id)).toMatchObject([{ formKind: 'flow', flowName: 'Order help', channelName: 'Website chat' }]);

    // The flow went on, with the name it was just given; nothing is waiting any more.
    await outboxDrained(w.conversationId);
    const after = await history(w.client, w.bearer);
    expect(after.body.messages.at(-1)?.text).toBe('Thanks Mai, we are on it.');
    expect(after.body.flowForm).toBeNull();

    // The channel's export names the form.
    const csv = await new Response((await formResultsCsv(w.db, w.workspace.id, w.channel.id)).body).text();
    const parsed = parseCsv(csv);
    const exported = parsed.ok ? parsed.rows : [];
    expect(exported[1]?.at(-1)).toBe('flow "Order help" step details');
  });

  it('refuses answers that do not fit the form, and answers to a form the flow has left, storing nothing', async () => {
    const w = await world();
    const { body } = await history(w.client, w.bearer);
    const key = body.flowForm!.key;

    const missing = await postForm(w.token, w.bearer, { key, answers: { ...answers, custom: {} } });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toBe('Fill in Order number');
    const noConsent = await postForm(w.token, w.bearer, { key, answers: { ...answers, consent: false } });
    expect(noConsent.status).toBe(400);

    const stale = await postForm(w.token, w.bearer, { key: `${key}-old`, answers });
    expect(stale.status).toBe(409);

    expect(await postForm(w.token, w.bearer, { key, answers }).then((r) => r.status)).toBe(201);
    // Sent twice (a double tap): the second finds nothing waiting.
    expect(await postForm(w.token, w.bearer, { key, answers }).then((r) => r.status)).toBe(409);
    const rows = await w.db.select().from(formSubmissions).where(and(eq(formSubmissions.workspaceId, w.workspace.id), eq(formSubmissions.formKind, 'flow')));
    expect(rows).toHaveLength(1);
  });

  it('answers only the visitor’s own conversation', async () => {
    const w = await world();
    const { body } = await history(w.client, w.bearer);
    const stranger = await newVisitor(w.client);
    const response = await postForm(w.token, stranger.visitorToken, { key: body.flowForm!.key, answers });
    expect(response.status).toBe(409);
    expect(await w.db.select().from(formSubmissions).where(eq(formSubmissions.workspaceId, w.workspace.id))).toHaveLength(0);
  });
});
