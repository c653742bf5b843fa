'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { copyFlow, flowIdInput, previewFlow, previewInput, removeFlow, saveFlow, saveFlowInput, setEnabledInput, toggleFlow } from '@/lib/flows/admin';

const refresh = () => revalidatePath('/w/[slug]/settings/flows', 'layout');

export const saveFlowAction = workspaceAction({ input: saveFlowInput, role: 'admin' }, async (input, ctx) => {
  const result = await saveFlow(getDb(), ctx, input);
  refresh();
  return result;
});

export const toggleFlowAction = workspaceAction({ input: setEnabledInput, role: 'admin' }, async (input, ctx) => {
  const result = await toggleFlow(getDb(), ctx, input);
  refresh();
  return result;
});

export const deleteFlowAction = workspaceAction({ input: flowIdInput, role: 'admin' }, async (input, ctx) => {
  const result = await removeFlow(getDb(), ctx, input);
  refresh();
  return result;
});

export const duplicateFlowAction = workspaceAction({ input: flowIdInput, role: 'admin' }, async (input, ctx) => {
  const result = await copyFlow(getDb(), ctx, input);
  refresh();
  return result;
});

export const previewFlowAction = workspaceAction({ input: previewInput, role: 'admin' }, (input, ctx) => previewFlow(getDb(), ctx, input));
