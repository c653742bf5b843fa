import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, channels } from '@/db/schema';
import { runWorkspaceAction } from '@/lib/auth/action-core';
import { widgetFramePolicy } from '@/lib/widget/frame-policy';
import { frameAncestors, normalizeOrigin, originAllowed } from '@/lib/widget/origins';
import { readableTextColor, updateWidgetSettings, widgetSettingsInput } from '@/lib/widget/settings';
import { addMember, createUser, sessionOf } from '../support/fixtures';
import { createWidgetWorld, disableChannel, resetLimits } from './helpers';

beforeEach(resetLimits);

const definition = { input: widgetSettingsInput, role: 'admin' as const };

describe('allowed origins', () => {
  it('normalises what admins type and refuses what is not a site', () => {
    expect(normalizeOrigin(' HTTPS://Shop.Example.com/ ')).toBe('https://shop.example.com');
    expect(normalizeOrigin('http://localhost:8080')).toBe('http://localhost:8080');
    expect(normalizeOrigin('https://*.example.com')).toBe('https://*.example.com');
    for (const bad of ['shop.example.com', 'javascript:alert(1)', 'https://shop.example.com/path', 'ftp://x.com', 'https://a b.com', "https://x.com'"]) {
      expect(normalizeOrigin(bad), bad).toBeNull();
    }
  });

  it('matches exact sites and wildcard subdomains, anything when none are listed', () => {
    const allowed = ['https://shop.example.com', 'https://*.brand.test'];
    expect(originAllowed('https://shop.example.com', allowed)).toBe(true);
    expect(originAllowed('https://eu.brand.test', allowed)).toBe(true);
    expect(originAllowed('https://brand.test', allowed)).toBe(false);
    expect(originAllowed('http://shop.example.com', allowed)).toBe(false);
    expect(originAllowed('https://shop.example.com.evil.test', allowed)).toBe(false);
    expect(originAllowed(null, allowed)).toBe(false);
    expect(originAllowed('https://anything.test', [])).toBe(true);
    expect(frameAncestors(allowed)).toBe("'self' https://shop.example.com https://*.brand.test");
    expect(frameAncestors([])).toBe("'self' https: http:");
    expect(frameAncestors(null)).toBe("'none'");
  });

  it('picks readable text on the widget colour', () => {
    expect(readableTextColor('#0f766e')).toBe('#ffffff');
    expect(readableTextColor('#fde047')).toBe('#111827');
  });
});

describe('widget config and frame policy', () => {
  it('serves public settings only, with CORS for allowed sites', async () => {
    const { channel, client } = await createWidgetWorld({
      settings: { title: 'Demo', greeting: 'Hi', color: '#0F766E', position: 'left', allowedOrigins: ['https://shop.example.com'], graphUrl: 'http://internal' },
    });
    const response = await client.config({ headers: { origin: 'https://shop.example.com' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    const body = (await response.json()) as { config: Record<string, unknown> };
    expect(body.config).toMatchObject({ token: channel.externalId, title: 'Demo', color: '#0f766e', textColor: '#ffffff', position: 'left', offsetX: 20, offsetY: 20, rules: false });
    // The loader gets the launcher's look and labels only: no internal keys, no logo.
    expect(Object.keys(body.config)).not.toContain('graphUrl');
    expect(Object.keys(body.config)).not.toContain('logo');

    const elsewhere = await client.config({ headers: { origin: 'https://evil.test' } });
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.json()).toMatchObject({ code: 'origin_not_allowed' });

    expect(await widgetFramePolicy(getDbOf(), channel.externalId)).toBe("'self' https://shop.example.com");
    await disableChannel(channel.id);
    expect(await widgetFramePolicy(getDbOf(), channel.externalId)).toBe("'none'");
    expect(await widgetFramePolicy(getDbOf(), 'unknown-token-1')).toBe("'none'");
  });
});

function getDbOf() {
  return getDb();
}

describe('widget settings (admins)', () => {
  it('lets an admin save the widget settings, keeps other keys and writes an audit row', async () => {
    const { db, workspace, channel } = await createWidgetWorld({ settings: { color: '#000000', graphUrl: 'http://keep.me' } });
    const admin = await createUser(db, 'Ada Admin');
    const agent = await createUser(db, 'Al Agent');
    await addMember(db, workspace.id, admin.id, 'admin');
    await addMember(db, workspace.id, agent.id, 'agent');
    const form = {
      workspaceId: workspace.id,
      channelId: channel.id,
      title: ' Talk to Demo Shop ',
      greeting: 'Hello!',
      color: '#1F57CC',
      position: 'left',
      allowedOrigins: 'https://shop.example.com/\nhttps://*.demo.test',
    };
    const handler = (input: Parameters<typeof updateWidgetSettings>[2], ctx: Parameters<typeof updateWidgetSettings>[1]) =>
      updateWidgetSettings(db, ctx, input);

    const asAgent = await runWorkspaceAction(sessionOf(agent), form, definition, handler);
    expect(asAgent).toMatchObject({ ok: false, code: 'forbidden' });

    const saved = await runWorkspaceAction(sessionOf(admin), form, definition, handler);
    expect(saved).toMatchObject({
      ok: true,
      data: { title: 'Talk to Demo Shop', greeting: 'Hello!', color: '#1f57cc', position: 'left', allowedOrigins: ['https://shop.example.com', 'https://*.demo.test'] },
    });
    const [row] = await db.select().from(channels).where(eq(channels.id, channel.id));
    expect(row.settings).toMatchObject({ graphUrl: 'http://keep.me', title: 'Talk to Demo Shop' });
    const audits = await db.select().from(auditLog).where(eq(auditLog.workspaceId, workspace.id));
    expect(audits.map((a) => a.action)).toContain('channel.widget_settings_updated');

    const invalid = await runWorkspaceAction(sessionOf(admin), { ...form, allowedOrigins: 'not a site', color: 'red' }, definition, handler);
    expect(invalid).toMatchObject({ ok: false, code: 'invalid' });
    expect((invalid as { fieldErrors: Record<string, string[]> }).fieldErrors).toMatchObject({
      color: [expect.stringMatching(/colour/)],
      allowedOrigins: [expect.stringMatching(/not a site address/)],
    });

    // Another workspace's admin cannot touch this channel.
    const other = await createWidgetWorld();
    const otherAdmin = await createUser(db, 'Other Admin');
    await addMember(db, other.workspace.id, otherAdmin.id, 'admin');
    const foreign = await runWorkspaceAction(sessionOf(otherAdmin), { ...form, workspaceId: other.workspace.id }, definition, handler);
    expect(foreign).toMatchObject({ ok: false, code: 'not_found' });
  });
});
