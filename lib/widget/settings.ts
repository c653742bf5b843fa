import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { channels } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { readWidgetSettings, type WidgetSettings, type WidgetSettingsInput } from './settings-shape';

// Reading and saving a web channel's widget settings (the shape and its checks: settings-shape.ts).

export * from './settings-shape';
export { readableTextColor } from './colors';

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
    const { channelId: _channelId, ...fields } = input;
    const after: WidgetSettings = { ...fields, color: input.color.toLowerCase() };
    await tx
      .update(channels)
      .set({ settings: { ...row.settings, ...after } })
      .where(and(eq(channels.id, input.channelId), eq(channels.workspaceId, ctx.workspaceId)));
    // The logo is kept out of the audit row (it can be 48 KB); whether it changed is enough.
    const audited = (s: WidgetSettings) => ({ ...s, logo: s.logo ? `image (${s.logo.length} chars)` : '' });
    await writeAudit(tx, ctx, 'channel.widget_settings_updated', { type: 'channel', id: input.channelId }, { before: audited(before), after: audited(after) });
    return after;
  });
}
