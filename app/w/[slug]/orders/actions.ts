'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { changeOrderStatus, changeOrderStatusInput } from '@/lib/commerce/order-status';

/** Paid, fulfilled or cancelled, from the order page. */
export const changeOrderStatusAction = workspaceAction({ input: changeOrderStatusInput, role: 'agent' }, async (input, ctx) => {
  const result = await changeOrderStatus(getDb(), ctx, input);
  revalidatePath('/w/[slug]/orders', 'layout');
  return result;
});
