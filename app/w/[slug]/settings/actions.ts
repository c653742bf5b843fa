'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { handOffMessageInput } from '@/lib/hand-off/settings';
import { updateHandOffMessage } from '@/lib/hand-off/update-settings';
import { updateWorkspaceSettings, workspaceSettingsInput } from '@/lib/workspace/update-settings';

export const updateWorkspaceSettingsAction = workspaceAction(
  { input: workspaceSettingsInput, role: 'admin' },
  async (input, ctx) => {
    const result = await updateWorkspaceSettings(getDb(), ctx, input);
    revalidatePath('/w/[slug]', 'layout');
    return result;
  },
);

export const updateHandOffMessageAction = workspaceAction({ input: handOffMessageInput, role: 'admin' }, async (input, ctx) =>
  updateHandOffMessage(getDb(), ctx, input),
);
