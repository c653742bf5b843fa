'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { createCustomerField } from '@/lib/settings/customer-fields/create';
import { deleteCustomerField } from '@/lib/settings/customer-fields/delete';
import {
  createCustomerFieldInput,
  deleteCustomerFieldInput,
  moveCustomerFieldInput,
  updateCustomerFieldInput,
} from '@/lib/settings/customer-fields/input';
import { moveCustomerField } from '@/lib/settings/customer-fields/move';
import { updateCustomerField } from '@/lib/settings/customer-fields/update';

const refresh = () => revalidatePath('/w/[slug]/settings/customer-fields', 'page');

export const createCustomerFieldAction = workspaceAction({ input: createCustomerFieldInput, role: 'admin' }, async (input, ctx) => {
  const result = await createCustomerField(getDb(), ctx, input);
  refresh();
  return result;
});

export const updateCustomerFieldAction = workspaceAction({ input: updateCustomerFieldInput, role: 'admin' }, async (input, ctx) => {
  const result = await updateCustomerField(getDb(), ctx, input);
  refresh();
  return result;
});

export const moveCustomerFieldAction = workspaceAction({ input: moveCustomerFieldInput, role: 'admin' }, async (input, ctx) => {
  const result = await moveCustomerField(getDb(), ctx, input);
  refresh();
  return result;
});

export const deleteCustomerFieldAction = workspaceAction({ input: deleteCustomerFieldInput, role: 'admin' }, async (input, ctx) => {
  const result = await deleteCustomerField(getDb(), ctx, input);
  refresh();
  return result;
});
