'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { addContactTag, addTagInput } from '@/lib/contacts/add-tag';
import { deleteContact, deleteContactInput } from '@/lib/contacts/delete-contact';
import { deleteCustomData, deleteCustomDataInput } from '@/lib/contacts/delete-custom-data';
import { removeContactTag, removeTagInput } from '@/lib/contacts/remove-tag';
import { setCustomData, setCustomDataInput } from '@/lib/contacts/set-custom-data';
import { updateCustomerFields, updateCustomerFieldsInput } from '@/lib/contacts/update-fields';

// The customer panel's actions. Tags and data are agents' work; deleting a customer is
// for admins only (the service checks again).

const refresh = () => revalidatePath('/w/[slug]/inbox', 'page');

export const addTagAction = workspaceAction({ input: addTagInput, role: 'agent' }, async (input, ctx) => {
  const result = await addContactTag(getDb(), ctx, input);
  refresh();
  return result;
});

export const removeTagAction = workspaceAction({ input: removeTagInput, role: 'agent' }, async (input, ctx) => {
  const result = await removeContactTag(getDb(), ctx, input);
  refresh();
  return result;
});

export const setCustomDataAction = workspaceAction({ input: setCustomDataInput, role: 'agent' }, async (input, ctx) => {
  const result = await setCustomData(getDb(), ctx, input);
  refresh();
  return result;
});

export const deleteCustomDataAction = workspaceAction({ input: deleteCustomDataInput, role: 'agent' }, async (input, ctx) => {
  const result = await deleteCustomData(getDb(), ctx, input);
  refresh();
  return result;
});

export const updateCustomerFieldsAction = workspaceAction({ input: updateCustomerFieldsInput, role: 'agent' }, async (input, ctx) => {
  const result = await updateCustomerFields(getDb(), ctx, input);
  refresh();
  return result;
});

export const deleteCustomerAction = workspaceAction({ input: deleteContactInput, role: 'admin' }, async (input, ctx) => {
  const result = await deleteContact(getDb(), ctx, input);
  refresh();
  return result;
});
