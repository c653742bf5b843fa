'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { createTemplate } from '@/lib/settings/templates/create';
import { deleteTemplate } from '@/lib/settings/templates/delete';
import { createTemplateInput, deleteTemplateInput, updateTemplateInput } from '@/lib/settings/templates/input';
import { updateTemplate } from '@/lib/settings/templates/update';

const refresh = () => revalidatePath('/w/[slug]/settings/templates', 'page');

export const createTemplateAction = workspaceAction({ input: createTemplateInput, role: 'admin' }, async (input, ctx) => {
  const result = await createTemplate(getDb(), ctx, input);
  refresh();
  return result;
});

export const updateTemplateAction = workspaceAction({ input: updateTemplateInput, role: 'admin' }, async (input, ctx) => {
  const result = await updateTemplate(getDb(), ctx, input);
  refresh();
  return result;
});

export const deleteTemplateAction = workspaceAction({ input: deleteTemplateInput, role: 'admin' }, async (input, ctx) => {
  const result = await deleteTemplate(getDb(), ctx, input);
  refresh();
  return result;
});
