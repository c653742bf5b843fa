'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { signOut } from '@/lib/auth/auth';
import { getSessionUser } from '@/lib/auth/session';
import {
  changePassword,
  changePasswordInput,
  profileInput,
  removeProfilePicture,
  signOutEverywhere,
  timeZoneInput,
  updateProfile,
  updateTimeZone,
} from '@/lib/members/profile';

// Every member edits their own profile (role: agent, the least role); the services only
// ever touch the actor's own user row.

export const updateProfileAction = workspaceAction({ input: profileInput, role: 'agent' }, async (input, ctx) => {
  const result = await updateProfile(getDb(), ctx, input);
  revalidatePath('/w/[slug]', 'layout');
  return result;
});

export const updateTimeZoneAction = workspaceAction({ input: timeZoneInput, role: 'agent' }, async (input, ctx) => {
  const result = await updateTimeZone(getDb(), ctx, input);
  // Every time on every page is rendered in this zone: the layout reads it again.
  revalidatePath('/w/[slug]', 'layout');
  return result;
});

export const changePasswordAction = workspaceAction({ input: changePasswordInput, role: 'agent' }, async (input, ctx) => {
  // This browser stays signed in; every other session of the user ends.
  const keepSessionId = (await getSessionUser())?.sessionId;
  const { changed } = await changePassword(getDb(), ctx, input, { keepSessionId });
  return { changed };
});

const endAllSessions = workspaceAction({ input: z.object({}), role: 'agent' }, async (_input, ctx) => signOutEverywhere(getDb(), ctx));

/** Ends every session of the user, then clears this browser's cookie and goes to sign-in. */
export async function signOutEverywhereAction(input: { workspaceId: string }) {
  const result = await endAllSessions(input);
  if (!result.ok) return result;
  // Outside the wrapper: signOut answers with Next's redirect, which is thrown.
  await signOut({ redirectTo: '/signin' });
  return result;
}

export const removePictureAction = workspaceAction({ input: z.object({}), role: 'agent' }, async (_input, ctx) => {
  const result = await removeProfilePicture(getDb(), ctx);
  revalidatePath('/w/[slug]', 'layout');
  return result;
});
