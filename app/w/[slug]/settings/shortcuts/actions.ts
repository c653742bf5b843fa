'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { createShortcut } from '@/lib/settings/shortcuts/create';
import { deleteShortcut } from '@/lib/settings/shortcuts/delete';
import { createShortcutInput, deleteShortcutInput, updateShortcutInput } from '@/lib/settings/shortcuts/input';
import { updateShortcut } from '@/lib/settings/shortcuts/update';

const refresh = () => revalidatePath('/w/[slug]/settings/shortcuts', 'page');

export const createShortcutAction = workspaceAction({ input: createShortcutInput, role: 'admin' }, async (input, ctx) => {
  const result = await createShortcut(getDb(), ctx, input);
  refresh();
  return result;
});

export const updateShortcutAction = workspaceAction({ input: updateShortcutInput, role: 'admin' }, async (input, ctx) => {
  const result = await updateShortcut(getDb(), ctx, input);
  refresh();
  return result;
});

export const deleteShortcutAction = workspaceAction({ input: deleteShortcutInput, role: 'admin' }, async (input, ctx) => {
  const result = await deleteShortcut(getDb(), ctx, input);
  refresh();
  return result;
});
