'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { workspaceAction } from '@/lib/auth/action';
import { updateWorkspaceSettings, workspaceSettingsInput } from '@/lib/workspace/update-settings';

export const updateWorkspaceSettingsAction = workspaceAction(
  { input: workspaceSettingsInput, role: 'admin' },
  async (input, ctx) => {
    const result = await updateWorkspaceSettings(getDb(), ctx, input);
    revalidatePath('/w/[slug]', 'layout');
    return result;
  },
);
