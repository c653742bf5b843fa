import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, channels, conversations, flows, messages, workspaces } from '@/db/schema';
import {
  deleteWidgetRule,
  listWidgetRules,
  moveWidgetRule,
  saveWidgetRule,
  widgetRuleInput,
  type WidgetRuleInput,
} from '@/lib/widget/action-rules/admin';
import * as rulesRoute from '@/app/api/widget/[token]/rules/route';
import { getHistoryPage } from '@/lib/inbox/history';
import { flow, onlineMember } from '../flows/helpers';
import { createWidgetWorld, history, newVisitor, resetLimits } from './helpers';
import { startTestRealtime } from '../support/realtime';

// Action rules of the website chat: what an admin may save (clear messages for what is
// refused), the order they set, the audit trail, and what the shop's page may read.

const draft = (channelId: string, over: Partial<WidgetRuleInput> = {}): WidgetRuleInput => ({
  channelId,
  name: 'Pricing help',
  enabled: true,
  urlOp: 'contains',
  urlValue: '/pricing',
  minSeconds: '2',
  minScroll: '',
  returning: 'any',
  identified: 'any',
  open: 'any',
  cartMin: '',
  cartMax: '',
  action: 'open',
  message: 'Questions about our plans?',
  flowId: '',
  cap: 'visit',
  ...over,
});

const refusal = (input: WidgetRuleInput) => {
  const parsed = widgetRuleInput.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.error!.issues.map((i) => [i.path.join('.'), i.message]);
};

async function world() {
  resetLimits();
  const w = await createWidgetWorld({ settings: { allowedOrigins: ['https://shop.example.com'] } });
  const ana = await onlineMember(w.workspace.id, 'Ana', 'admin');
  const save = (over: Partial<WidgetRuleInput> = {}) => saveWidgetRule(w.db, ana, widgetRuleInput.parse(draft(w.channel.id, over)));
  const rules = (origin: string | null = 'https://shop.example.com') =>
    rulesRoute.GET(new Request(`http://localhost/api/widget/${w.token}/rules`, { headers: origin ? { origin } : {} }), { params: Promise.resolve({ token: w.token }) });
  return { ...w, ana, save, rules };
}

describe('action rule validation', () => {
  const channelId = '00000000-0000-4000-8000-000000000001';

  it('refuses a regular expression that does not compile, or is too long, naming the problem', () => {
    expect(refusal(draft(channelId, { urlOp: 'regex', urlValue: '/pricing(' }))).toEqual([
      ['urlValue', expect.stringMatching(/^This is not a valid regular expression: .*(unterminated|missing \)|Unterminated)/i)],
    ]);
    expect(refusal(draft(channelId, { urlOp: 'regex', urlValue: `/${'a'.repeat(200)}` }))).toEqual([['urlValue', 'Keep the pattern under 200 characters']]);
    expect(widgetRuleInput.safeParse(draft(channelId, { urlOp: 'regex', urlValue: '^https://shop\\.example\\.com/(pricing|plans)' })).success).toBe(true);
  });

  it('refuses numbers out of range or not numbers, with a message for each field', () => {
    expect(refusal(draft(channelId, { minSeconds: '-1' }))).toEqual([['minSeconds', 'At least 0 seconds']]);
    expect(refusal(draft(channelId, { minSeconds: '1.5' }))).toEqual([['minSeconds', 'Whole seconds']]);
    expect(refusal(draft(channelId, { minSeconds: '4000' }))).toEqual([['minSeconds', 'At most 3600 seconds (an hour)']]);
    expect(refusal(draft(channelId, { minScroll: '101' }))).toEqual([['minScroll', 'From 0 to 100 %']]);
    expect(refusal(draft(channelId, { cartMin: 'lots' }))).toEqual([['cartMin', 'Enter a number']]);
    expect(refusal(draft(channelId, { cartMin: '-5' }))).toEqual([['cartMin', 'At least 0']]);
    expect(refusal(draft(channelId, { cartMin: '200', cartMax: '100' }))).toEqual([['cartMax', 'The most must not be below the least']]);
  });

  it('needs what each part of the rule names', () => {
    expect(refusal(draft(channelId, { name: ' ' }))).toEqual([['name', 'Name the rule']]);
    expect(refusal(draft(channelId, { urlValue: '' }))).toEqual([['urlValue', 'Enter the address to match, or choose any page']]);
    expect(refusal(draft(channelId, { action: 'message', message: '' }))).toEqual([['message', 'Write the message to show']]);
    expect(refusal(draft(channelId, { action: 'flow', flowId: '' }))).toEqual([['flowId', 'Choose a flow']]);
    expect(refusal(draft(channelId, { message: 'x'.repeat(501) }))).toEqual([['message', 'Keep the message under 500 characters']]);
  });
});

describe('saving, ordering and deleting action rules', () => {
  it('stores the conditions and action, keeps the order admins set, and audits each change', async () => {
    const w = await world();
    const first = await w.save({ cartMin: '100', identified: 'yes', returning: 'no', open: 'yes', minScroll: '50' });
    expect(first).toMatchObject({
      position: 1,
      cap: 'visit',
      conditions: { url: { op: 'contains', value: '/pricing' }, minSeconds: 2, minScroll: 50, cartMin: 100, identified: true, returning: false, open: true },
      action: { kind: 'open', message: 'Questions about our plans?' },
    });
    const second = await w.save({ name: 'Hide on checkout', urlValue: '/checkout', minSeconds: '', action: 'hide', message: '', cap: 'always' });
    expect(second).toMatchObject({ position: 2, conditions: { url: { op: 'contains', value: '/checkout' } }, action: { kind: 'hide' } });

    await moveWidgetRule(w.db, w.ana, { id: second.id, direction: 'up' });
    expect((await listWidgetRules(w.db, w.ana, w.channel.id)).map((r) => r.name)).toEqual(['Hide on checkout', 'Pricing help']);

    const edited = await saveWidgetRule(w.db, w.ana, widgetRuleInput.parse(draft(w.channel.id, { id: first.id, enabled: false, urlOp: 'any', minSeconds: '' })));
    expect(edited).toMatchObject({ enabled: false, conditions: {} });

    expect(await deleteWidgetRule(w.db, w.ana, { id: second.id })).toEqual({ deleted: true });
    const audit = await w.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.workspaceId, w.workspace.id)).orderBy(desc(auditLog.createdAt));
    expect(audit.map((a) => a.action).sort()).toEqual(['widget_rule.created', 'widget_rule.created', 'widget_rule.deleted', 'widget_rule.moved', 'widget_rule.updated']);
  });

  it('starts only an enabled flow of the workspace', async () => {
    const w = await world();
    const welcome = await flow(w.workspace.id, 'Plan finder', { start: 'hi', steps: [{ id: 'hi', type: 'message', content: { kind: 'text', text: 'Which plan?' }, next: 'end' }, { id: 'end', type: 'end' }] });
    const saved = await w.save({ action: 'flow', flowId: welcome.id, message: '' });
    expect(saved.action).toEqual({ kind: 'flow', flowId: welcome.id });
    await w.db.update(flows).set({ enabled: false }).where(eq(flows.id, welcome.id));
    await expect(w.save({ action: 'flow', flowId: welcome.id })).rejects.toThrow('The chosen flow is off. Turn it on in Settings → Flows first.');
    const other = await createWidgetWorld();
    const theirs = await flow(other.workspace.id, 'Theirs', { start: 'end', steps: [{ id: 'end', type: 'end' }] });
    await expect(w.save({ action: 'flow', flowId: theirs.id })).rejects.toThrow('The chosen flow no longer exists. Reload the page.');
  });

  it('never touches another workspace’s channel or rules', async () => {
    const w = await world();
    const other = await world();
    const theirs = await other.save();
    await expect(saveWidgetRule(w.db, w.ana, widgetRuleInput.parse(draft(other.channel.id)))).rejects.toThrow('This website chat channel no longer exists.');
    await expect(moveWidgetRule(w.db, w.ana, { id: theirs.id, direction: 'up' })).rejects.toThrow('This rule was deleted. Reload the page.');
    expect(await deleteWidgetRule(w.db, w.ana, { id: theirs.id })).toEqual({ deleted: false });
    expect(await listWidgetRules(w.db, other.ana, other.channel.id)).toHaveLength(1);
  });
});

describe('a rule that starts a bot flow', () => {
  it('starts the visitor’s new conversation with the flow a rule offers, and only such a flow', async () => {
    const realtime = await startTestRealtime();
    try {
      const w = await world();
      const step = { id: 'hi', type: 'message' as const, content: { kind: 'text' as const, text: 'Which plan are you looking at?' }, next: 'end' };
      const planFinder = await flow(w.workspace.id, 'Plan finder', { start: 'hi', steps: [step, { id: 'end', type: 'end' }] });
      const notOffered = await flow(w.workspace.id, 'Not offered', { start: 'hi', steps: [{ ...step, content: { kind: 'text', text: 'Secret flow' } }, { id: 'end', type: 'end' }] });
      await w.save({ action: 'flow', flowId: planFinder.id });

      const write = async (startFlowId: string) => {
        const visitor = await newVisitor(w.client);
        const sent = await w.client.send({ bearer: visitor.visitorToken, json: { clientId: crypto.randomUUID(), text: 'Hi', startFlowId } });
        expect(sent.status).toBe(201);
        const { message } = await sent.json();
        const [row] = await w.db.select({ conversationId: messages.conversationId }).from(messages).where(eq(messages.id, message.id));
        const [c] = await w.db.select().from(conversations).where(eq(conversations.id, row.conversationId));
        const said = await w.db.select({ body: messages.body }).from(messages).where(and(eq(messages.conversationId, c.id), eq(messages.senderKind, 'bot')));
        return { c, said: said.map((m) => m.body) };
      };

      const offered = await write(planFinder.id);
      expect(offered.c.handler).toBe('bot');
      expect(offered.said).toContain('Which plan are you looking at?');

      // A flow no rule offers is not started by naming it: the conversation opens as usual.
      const other = await write(notOffered.id);
      expect(other.said).not.toContain('Secret flow');
    } finally {
      await realtime.close();
    }
  });
});

describe('a proactive message the visitor answers', () => {
  it('is stored once, as a bot message naming the rule, before the visitor’s first message', async () => {
    const realtime = await startTestRealtime();
    try {
      const w = await world();
      const rule = await w.save({ name: 'Sale bubble', action: 'message', message: 'Free shipping over 50 € today!' });
      const other = await world();
      const theirs = await other.save({ name: 'Elsewhere', action: 'message', message: 'Not yours' });
      const visitor = await newVisitor(w.client);
      const send = (text: string, proactiveRuleId: string) => w.client.send({ bearer: visitor.visitorToken, json: { clientId: crypto.randomUUID(), text, proactiveRuleId } });

      const first = await send('Does that include Norway?', rule.id);
      expect(first.status).toBe(201);
      const { message } = await first.json();
      const [row] = await w.db.select({ conversationId: messages.conversationId }).from(messages).where(eq(messages.id, message.id));
      // Written again with the same rule (another tab, a retry): not stored twice; another shop's rule: never.
      expect((await send('And Iceland?', rule.id)).status).toBe(201);
      expect((await send('Hello?', theirs.id)).status).toBe(201);

      const stored = await w.db
        .select({ senderKind: messages.senderKind, body: messages.body, payload: messages.payload, status: messages.status })
        .from(messages)
        .where(eq(messages.conversationId, row.conversationId))
        .orderBy(messages.createdAt, messages.seq);
      expect(stored.filter((m) => m.senderKind !== 'system').map((m) => [m.senderKind, m.body])).toEqual([
        ['bot', 'Free shipping over 50 € today!'],
        ['customer', 'Does that include Norway?'],
        ['customer', 'And Iceland?'],
        ['customer', 'Hello?'],
      ]);
      expect(stored.find((m) => m.senderKind === 'bot')).toMatchObject({ payload: { actionRule: { id: rule.id, name: 'Sale bubble' } }, status: 'sent' });

      // The agent's history names the rule; the visitor's history has the message where it was shown.
      const agentView = (await getHistoryPage(w.db, w.ana, { conversationId: row.conversationId })).messages;
      expect(agentView.find((m) => m.body === 'Free shipping over 50 € today!')).toMatchObject({ senderKind: 'bot', senderName: 'action rule “Sale bubble”' });
      const visitorView = await history(w.client, visitor.visitorToken);
      expect(visitorView.body.messages.slice(0, 2).map((m) => [m.from, m.text])).toEqual([
        ['bot', 'Free shipping over 50 € today!'],
        ['visitor', 'Does that include Norway?'],
      ]);
    } finally {
      await realtime.close();
    }
  });
});

describe('GET /api/widget/{token}/rules', () => {
  it('gives the allowed site only the channel’s enabled rules, in order, with nothing but what the page needs', async () => {
    const w = await world();
    const a = await w.save({ name: 'Secret internal name A' });
    const b = await w.save({ name: 'B', action: 'message', message: 'Free shipping over 50 €', cap: 'day' });
    await w.save({ name: 'Off', enabled: false });
    await moveWidgetRule(w.db, w.ana, { id: b.id, direction: 'up' });
    // Another channel of the same workspace: its rules stay its own.
    const [otherChannel] = await w.db
      .insert(channels)
      .values({ workspaceId: w.workspace.id, kind: 'web', name: 'Second site', externalId: randomBytes(18).toString('base64url'), enabled: true, settings: {} })
      .returning();
    await saveWidgetRule(w.db, w.ana, widgetRuleInput.parse(draft(otherChannel.id, { name: 'Elsewhere' })));

    const response = await w.rules();
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    const body = await response.json();
    expect(body).toEqual({
      open: true,
      rules: [
        { id: b.id, conditions: { url: { op: 'contains', value: '/pricing' }, minSeconds: 2 }, action: { kind: 'message', message: 'Free shipping over 50 €' }, cap: 'day' },
        { id: a.id, conditions: { url: { op: 'contains', value: '/pricing' }, minSeconds: 2 }, action: { kind: 'open', message: 'Questions about our plans?' }, cap: 'visit' },
      ],
    });
    expect(JSON.stringify(body)).not.toContain('Secret internal name');
    expect(JSON.stringify(body)).not.toContain(w.workspace.id);
  });

  it('refuses a site that is not allowed, and says whether the shop is open by its business hours', async () => {
    const w = await world();
    await w.save();
    const refused = await w.rules('https://evil.test');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'origin_not_allowed', error: 'This chat is not enabled on https://evil.test. Add the site in the widget settings.' });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    // Closed today (a holiday, whatever the shop's zone): the page hears the shop is closed.
    const day = (offset: number) => ({ date: new Date(Date.now() + offset * 864e5).toISOString().slice(0, 10), name: 'Closed' });
    const week = ['09:00-18:00'];
    const closed = { enabled: true, days: { mon: week, tue: week, wed: week, thu: week, fri: week, sat: week, sun: week }, holidays: [day(-1), day(0), day(1)], awayMessage: '' };
    const [ws] = await w.db.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, w.workspace.id));
    await w.db.update(workspaces).set({ settings: { ...ws.settings, businessHours: closed } }).where(eq(workspaces.id, w.workspace.id));
    expect(await (await w.rules()).json()).toMatchObject({ open: false });
  });

  it('tells the loader through the config whether there are enabled rules', async () => {
    const w = await world();
    const config = async () => (await (await w.client.config({ headers: { origin: 'https://shop.example.com' } })).json()).config;
    expect(await config()).toMatchObject({ rules: false });
    const rule = await w.save();
    expect(await config()).toMatchObject({ rules: true });
    await saveWidgetRule(w.db, w.ana, widgetRuleInput.parse(draft(w.channel.id, { id: rule.id, enabled: false })));
    expect(await config()).toMatchObject({ rules: false });
    const [row] = await w.db.select().from(channels).where(and(eq(channels.id, w.channel.id)));
    expect(row.enabled).toBe(true);
  });
});
