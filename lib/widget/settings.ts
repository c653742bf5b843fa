import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { channels } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { normalizeOrigin } from './origins';
import type { WidgetConfig, WidgetPosition } from './types';

// The widget's settings live in the web channel's `settings` jsonb (public by design:
// nothing here is secret). Reads are lenient (old or hand-edited rows still render);
// writes go through the strict schema below.

export const WIDGET_DEFAULTS = {
  title: 'Chat with us',
  greeting: 'Hi there 👋 How can we help?',
  color: '#2f6fed',
  position: 'right' as WidgetPosition,
};

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

export type WidgetSettings = {
  title: string;
  greeting: string;
  color: string;
  position: WidgetPosition;
  allowedOrigins: string[];
};

/** The settings of a web channel row, with defaults for anything missing or malformed. */
export function readWidgetSettings(settings: Record<string, unknown> | null | undefined): WidgetSettings {
  const s = settings ?? {};
  const text = (value: unknown, fallback: string, max: number) =>
    typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : fallback;
  const origins = Array.isArray(s.allowedOrigins) ? s.allowedOrigins : [];
  return {
    title: text(s.title, WIDGET_DEFAULTS.title, 60),
    greeting: text(s.greeting, WIDGET_DEFAULTS.greeting, 500),
    color: typeof s.color === 'string' && HEX_COLOR.test(s.color) ? s.color.toLowerCase() : WIDGET_DEFAULTS.color,
    position: s.position === 'left' ? 'left' : 'right',
    allowedOrigins: origins.flatMap((o) => {
      const n = typeof o === 'string' ? normalizeOrigin(o) : null;
      return n ? [n] : [];
    }),
  };
}

/** Black or white text, whichever has more contrast on the background (WCAG luminance). */
export function readableTextColor(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? '#111827' : '#ffffff';
}

export function publicWidgetConfig(channel: { externalId: string; settings: Record<string, unknown> }): WidgetConfig {
  const s = readWidgetSettings(channel.settings);
  return {
    token: channel.externalId,
    title: s.title,
    greeting: s.greeting,
    color: s.color,
    textColor: readableTextColor(s.color),
    position: s.position,
  };
}

const originsField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value, ctx) => {
    const entries = (Array.isArray(value) ? value : (value ?? '').split(/[\s,]+/)).map((v) => v.trim()).filter(Boolean);
    const out: string[] = [];
    for (const entry of entries) {
      const origin = normalizeOrigin(entry);
      if (!origin) {
        ctx.addIssue({ code: 'custom', message: `"${entry.slice(0, 80)}" is not a site address like https://shop.example.com` });
        return z.NEVER;
      }
      if (!out.includes(origin)) out.push(origin);
    }
    if (out.length > 20) {
      ctx.addIssue({ code: 'custom', message: 'List at most 20 sites' });
      return z.NEVER;
    }
    return out;
  });

export const widgetSettingsInput = z.object({
  channelId: z.uuid('Unknown channel'),
  title: z.string().trim().min(1, 'Enter a title').max(60, 'Keep the title under 60 characters'),
  greeting: z.string().trim().min(1, 'Enter a greeting').max(500, 'Keep the greeting under 500 characters'),
  color: z.string().trim().regex(HEX_COLOR, 'Choose a colour like #0f766e'),
  position: z.enum(['right', 'left'], 'Choose left or right'),
  allowedOrigins: originsField,
});

export type WidgetSettingsInput = z.infer<typeof widgetSettingsInput>;

/** The web channel of the admin's workspace, for the settings page (no secrets). */
export async function getWebChannelForSettings(db: Db, ctx: ActorContext, channelId: string) {
  const [row] = await db
    .select({ id: channels.id, name: channels.name, enabled: channels.enabled, externalId: channels.externalId, settings: channels.settings })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, ctx.workspaceId), eq(channels.kind, 'web')))
    .limit(1);
  return row ? { ...row, widget: readWidgetSettings(row.settings) } : null;
}

/** Admins edit the widget's look and where it may be embedded. Other settings keys are kept. */
export async function updateWidgetSettings(db: Db, ctx: ActorContext, input: WidgetSettingsInput): Promise<WidgetSettings> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ settings: channels.settings })
      .from(channels)
      .where(and(eq(channels.id, input.channelId), eq(channels.workspaceId, ctx.workspaceId), eq(channels.kind, 'web')))
      .for('update');
    if (!row) throw new UserError('not_found', 'This website chat channel no longer exists.');
    const before = readWidgetSettings(row.settings);
    const after: WidgetSettings = {
      title: input.title,
      greeting: input.greeting,
      color: input.color.toLowerCase(),
      position: input.position,
      allowedOrigins: input.allowedOrigins,
    };
    await tx
      .update(channels)
      .set({ settings: { ...row.settings, ...after } })
      .where(and(eq(channels.id, input.channelId), eq(channels.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, 'channel.widget_settings_updated', { type: 'channel', id: input.channelId }, { before, after });
    return after;
  });
}
