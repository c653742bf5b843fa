'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { preChatFormInput, updatePreChatForm } from '@/lib/widget/forms/settings';

export const updatePreChatFormAction = workspaceAction({ input: preChatFormInput, role: 'admin' }, async (input, ctx) => {
  const result = await updatePreChatForm(getDb(), ctx, input);
  revalidatePath('/w/[slug]/settings/channels', 'layout');
  return result;
});
