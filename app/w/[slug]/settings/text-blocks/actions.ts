'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { createTextBlock } from '@/lib/settings/text-blocks/create';
import { deleteTextBlock } from '@/lib/settings/text-blocks/delete';
import { createTextBlockInput, deleteTextBlockInput, updateTextBlockInput } from '@/lib/settings/text-blocks/input';
import { updateTextBlock } from '@/lib/settings/text-blocks/update';

const refresh = () => revalidatePath('/w/[slug]/settings/text-blocks', 'page');

export const createTextBlockAction = workspaceAction({ input: createTextBlockInput, role: 'admin' }, async (input, ctx) => {
  const result = await createTextBlock(getDb(), ctx, input);
  refresh();
  return result;
});

export const updateTextBlockAction = workspaceAction({ input: updateTextBlockInput, role: 'admin' }, async (input, ctx) => {
  const result = await updateTextBlock(getDb(), ctx, input);
  refresh();
  return result;
});

export const deleteTextBlockAction = workspaceAction({ input: deleteTextBlockInput, role: 'admin' }, async (input, ctx) => {
  const result = await deleteTextBlock(getDb(), ctx, input);
  refresh();
  return result;
});
