'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { updateWidgetSettings, widgetSettingsInput } from '@/lib/widget/settings';

export const updateWidgetSettingsAction = workspaceAction({ input: widgetSettingsInput, role: 'admin' }, async (input, ctx) => {
  const result = await updateWidgetSettings(getDb(), ctx, input);
  revalidatePath('/w/[slug]/settings/channels', 'layout');
  return result;
});
