'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { collectionInput, deleteCollection, saveCollection } from '@/lib/commerce/catalogue-admin/collections';
import { deleteInput } from '@/lib/commerce/catalogue-admin/fields';

const refresh = () => revalidatePath('/w/[slug]/settings/collections', 'page');

export const saveCollectionAction = workspaceAction({ input: collectionInput, role: 'admin' }, async (input, ctx) => {
  const result = await saveCollection(getDb(), ctx, input);
  refresh();
  return result;
});

export const deleteCollectionAction = workspaceAction({ input: deleteInput, role: 'admin' }, async (input, ctx) => {
  const result = await deleteCollection(getDb(), ctx, input);
  refresh();
  return result;
});
