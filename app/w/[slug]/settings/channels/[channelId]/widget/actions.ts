'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { updateWidgetSettings, widgetSettingsInput } from '@/lib/widget/settings';
import { callSettingsInput, saveCallSettings } from '@/lib/calls/settings';

export const updateWidgetSettingsAction = workspaceAction({ input: widgetSettingsInput, role: 'admin' }, async (input, ctx) => {
  const result = await updateWidgetSettings(getDb(), ctx, input);
  revalidatePath('/w/[slug]/settings/channels', 'layout');
  return result;
});

/** The workspace's STUN/TURN servers for calls (the TURN password sealed). */
export const saveCallSettingsAction = workspaceAction({ input: callSettingsInput, role: 'admin' }, (input, ctx) => saveCallSettings(getDb(), ctx, input));
