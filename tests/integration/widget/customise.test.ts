import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { channels, contacts, conversations, memberships, messages, workspaces } from '@/db/schema';
import { runWorkspaceAction } from '@/lib/auth/action-core';
import { medianFirstResponseSeconds, resetWidgetLiveStateForTests, widgetLiveState } from '@/lib/widget/live-state';
import { readWidgetSettings, updateWidgetSettings, widgetSettingsInput } from '@/lib/widget/settings';
import * as offlineRoute from '@/app/api/widget/[token]/offline/route';
import { addMember, createUser, sessionOf } from '../support/fixtures';
import { createWidgetWorld, resetLimits } from './helpers';

beforeEach(() => {
  resetLimits();
  resetWidgetLiveStateForTests();
});

const definition = { input: widgetSettingsInput, role: 'admin' as const };

async function adminOf(world: Awaited<ReturnType<typeof createWidgetWorld>>) {
  const admin = await createUser(world.db, 'Ada Admin');
  await addMember(world.db, world.workspace.id, admin.id, 'admin');
  return admin;
}

const baseForm = (world: Awaited<ReturnType<typeof createWidgetWorld>>) => ({
  workspaceId: world.workspace.id,
  channelId: world.channel.id,
  title: 'Demo Shop',
  greeting: 'Hello!',
  color: '#0f766e',
  position: 'right',
});

const save = (world: Awaited<ReturnType<typeof createWidgetWorld>>, admin: { id: string; name: string; email: string }, form: Record<string, unknown>) =>
  runWorkspaceAction(sessionOf(admin), form, definition, (input, ctx) => updateWidgetSettings(world.db, ctx, input));

describe('widget customisation settings', () => {
  it('saves the look, language and availability, and the config reports them', async () => {
    const world = await createWidgetWorld();
    const admin = await adminOf(world);
    const saved = await save(world, admin, {
      ...baseForm(world),
      subtitle: 'We speak German',
      offsetX: '40',
      offsetY: '0',
      icon: 'headset',
      label: 'Fragen?',
      agentDisplay: 'shop',
      theme: 'dark',
      replyTime: 'hour',
      language: 'de',
      followBrowserLanguage: 'on',
      hideWhenUnavailable: 'on',
      offlineMode: 'form',
      awayMessage: 'Back tomorrow',
    });
    expect(saved).toMatchObject({ ok: true, data: { offsetX: 40, offsetY: 0, icon: 'headset', label: 'Fragen?', language: 'de', followBrowserLanguage: true, followBusinessHours: false, hideWhenUnavailable: true } });

    const response = await world.client.config({ query: { lang: 'ja-JP' } });
    const { config } = (await response.json()) as { config: Record<string, unknown> };
    // The browser's Japanese wins over the shop's German; nobody is online, so it is not available.
    expect(config).toMatchObject({
      offsetX: 40,
      offsetY: 0,
      icon: 'headset',
      label: 'Fragen?',
      language: 'ja',
      available: false,
      hideWhenUnavailable: true,
      texts: { openChat: 'チャットを開く' },
    });
    const unknown = await world.client.config({ query: { lang: 'fr-FR' } });
    expect(((await unknown.json()) as { config: { texts: { openChat: string } } }).config.texts.openChat).toBe('Chat öffnen');
  });

  it('refuses bad colours, offsets out of range, too-long texts and unknown languages with clear messages', async () => {
    const world = await createWidgetWorld();
    const admin = await adminOf(world);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ color: 'blue' }, 'color', /Choose a colour like #0f766e/],
      [{ color: '#12345' }, 'color', /Choose a colour like/],
      [{ offsetX: '-5' }, 'offsetX', /cannot be negative/],
      [{ offsetY: '500' }, 'offsetY', /at most 200 px/],
      [{ offsetX: '12.5' }, 'offsetX', /whole number/],
      [{ label: 'x'.repeat(31) }, 'label', /launcher label under 30 characters/],
      [{ subtitle: 'x'.repeat(101) }, 'subtitle', /subtitle under 100 characters/],
      [{ awayMessage: 'x'.repeat(301) }, 'awayMessage', /away message under 300 characters/],
      [{ title: 'x'.repeat(61) }, 'title', /title under 60 characters/],
      [{ language: 'fr' }, 'language', /Choose one of the languages: en, de, th, ja, id/],
      [{ icon: 'rocket' }, 'icon', /launcher icons/],
      [{ logo: 'https://evil.test/logo.svg' }, 'logo', /PNG, JPEG, GIF or WebP/],
    ];
    for (const [change, field, message] of cases) {
      const result = await save(world, admin, { ...baseForm(world), ...change });
      expect(result, field).toMatchObject({ ok: false, code: 'invalid' });
      expect((result as { fieldErrors: Record<string, string[]> }).fieldErrors[field]?.[0], field).toMatch(message);
    }
    // Nothing was stored.
    const [row] = await world.db.select({ settings: channels.settings }).from(channels).where(eq(channels.id, world.channel.id));
    expect(readWidgetSettings(row.settings).color).toBe('#0f766e');
  });
});

describe('widget availability and reply time', () => {
  it('is available when a member set to available is connected, and follows the business hours when asked', async () => {
    const world = await createWidgetWorld();
    const agent = await createUser(world.db, 'Olly Online');
    await addMember(world.db, world.workspace.id, agent.id, 'agent');
    const settings = readWidgetSettings({});
    const online = async () => new Set([agent.id]);

    // Set to away: not available even when connected.
    expect((await widgetLiveState(world.db, world.workspace.id, settings, { online })).available).toBe(false);
    resetWidgetLiveStateForTests();
    await world.db.update(memberships).set({ availability: 'online' }).where(eq(memberships.userId, agent.id));
    expect((await widgetLiveState(world.db, world.workspace.id, settings, { online })).available).toBe(true);
    resetWidgetLiveStateForTests();
    expect((await widgetLiveState(world.db, world.workspace.id, settings, { online: async () => new Set() })).available).toBe(false);

    // Business hours on Mondays only, asked on a Sunday: closed.
    resetWidgetLiveStateForTests();
    await world.db
      .update(workspaces)
      .set({ timezone: 'UTC', settings: { businessHours: { enabled: true, days: { mon: ['09:00-17:00'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], awayMessage: '' } } })
      .where(eq(workspaces.id, world.workspace.id));
    const sunday = new Date('2026-03-01T12:00:00Z');
    const monday = new Date('2026-03-02T12:00:00Z');
    const following = { ...settings, followBusinessHours: true };
    expect((await widgetLiveState(world.db, world.workspace.id, following, { online, now: sunday })).available).toBe(false);
    expect((await widgetLiveState(world.db, world.workspace.id, following, { online, now: monday })).available).toBe(true);
    expect((await widgetLiveState(world.db, world.workspace.id, settings, { online, now: sunday })).available).toBe(true);
  });

  it('computes the median first response of the last 7 days', async () => {
    const world = await createWidgetWorld();
    expect(await medianFirstResponseSeconds(world.db, world.workspace.id)).toBeNull();
    const now = new Date();
    const [contact] = await world.db.insert(contacts).values({ workspaceId: world.workspace.id, name: 'Cleo' }).returning();
    const minutes = [2, 4, 30, 600];
    for (const [i, m] of minutes.entries()) {
      const reached = new Date(now.getTime() - (i + 1) * 3600_000);
      await world.db.insert(conversations).values({
        workspaceId: world.workspace.id,
        channelId: world.channel.id,
        contactId: contact.id,
        status: 'resolved',
        handler: 'agent',
        reachedPeopleAt: reached,
        firstReplyAt: new Date(reached.getTime() + m * 60_000),
      });
    }
    // An old one does not count.
    const old = new Date(now.getTime() - 10 * 24 * 3600_000);
    await world.db.insert(conversations).values({
      workspaceId: world.workspace.id,
      channelId: world.channel.id,
      contactId: contact.id,
      status: 'resolved',
      handler: 'agent',
      reachedPeopleAt: old,
      firstReplyAt: new Date(old.getTime() + 5 * 60_000),
    });
    // Median of 2, 4, 30, 600 minutes = 17 minutes.
    expect(await medianFirstResponseSeconds(world.db, world.workspace.id, now)).toBeCloseTo(17 * 60, 0);
    const live = await widgetLiveState(world.db, world.workspace.id, { ...readWidgetSettings({}), replyTime: 'computed' }, { online: async () => new Set(), now });
    expect(live.replyTime).toBe('replyHour');
  });
});

describe('the offline form', () => {
  it('puts the email on the contact and opens the conversation with the message', async () => {
    const world = await createWidgetWorld({ settings: { title: 'Shop', greeting: 'Hi', color: '#0f766e', offlineMode: 'form' } });
    const session = (await (await world.client.session()).json()) as { visitorToken: string };
    const post = (json: unknown) =>
      offlineRoute.POST(
        new Request(`http://localhost/api/widget/${world.token}/offline`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${session.visitorToken}` },
          body: JSON.stringify(json),
        }),
        { params: Promise.resolve({ token: world.token }) },
      );

    const bad = await post({ clientId: 'offline-0001', email: 'not-an-email', text: 'Hello' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: expect.stringMatching(/^email: Enter an email address/) });
    const empty = await post({ clientId: 'offline-0001', email: 'mia@example.com', text: '  ' });
    expect(empty.status).toBe(400);

    const sent = await post({ clientId: 'offline-0001', email: ' Mia@Example.com ', text: 'Is the linen dress back in stock?' });
    expect(sent.status).toBe(201);
    const again = await post({ clientId: 'offline-0001', email: 'mia@example.com', text: 'Is the linen dress back in stock?' });
    expect(again.status).toBe(200);

    const rows = await world.db
      .select({ status: conversations.status, handler: conversations.handler, email: contacts.email, text: messages.body })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .innerJoin(messages, eq(messages.conversationId, conversations.id))
      .where(and(eq(conversations.workspaceId, world.workspace.id), eq(messages.direction, 'inbound')));
    expect(rows).toEqual([{ status: 'open', handler: 'queue', email: 'mia@example.com', text: 'Is the linen dress back in stock?' }]);
  });
});
