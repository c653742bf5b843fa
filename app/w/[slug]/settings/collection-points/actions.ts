'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { collectionPointInput, deleteCollectionPoint, saveCollectionPoint } from '@/lib/commerce/catalogue-admin/collection-points';
import { deleteInput } from '@/lib/commerce/catalogue-admin/fields';

const refresh = () => revalidatePath('/w/[slug]/settings/collection-points', 'page');

export const saveCollectionPointAction = workspaceAction({ input: collectionPointInput, role: 'admin' }, async (input, ctx) => {
  const row = await saveCollectionPoint(getDb(), ctx, input);
  refresh();
  return { id: row.id, name: row.name, address: row.address, openingHours: row.openingHours, enabled: row.enabled };
});

export const deleteCollectionPointAction = workspaceAction({ input: deleteInput, role: 'admin' }, async (input, ctx) => {
  const result = await deleteCollectionPoint(getDb(), ctx, input);
  refresh();
  return result;
});
