'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { workspaceAction } from '@/lib/auth/action';
import { changePassword, changePasswordInput, profileInput, removeProfilePicture, updateProfile } from '@/lib/members/profile';

// Every member edits their own profile (role: agent, the least role); the services only
// ever touch the actor's own user row.

export const updateProfileAction = workspaceAction({ input: profileInput, role: 'agent' }, async (input, ctx) => {
  const result = await updateProfile(getDb(), ctx, input);
  revalidatePath('/w/[slug]', 'layout');
  return result;
});

export const changePasswordAction = workspaceAction({ input: changePasswordInput, role: 'agent' }, async (input, ctx) =>
  changePassword(getDb(), ctx, input),
);

export const removePictureAction = workspaceAction({ input: z.object({}), role: 'agent' }, async (_input, ctx) => {
  const result = await removeProfilePicture(getDb(), ctx);
  revalidatePath('/w/[slug]', 'layout');
  return result;
});
