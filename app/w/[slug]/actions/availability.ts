'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { availabilityInput, setAvailability } from '@/lib/members/set-availability';

export const setAvailabilityAction = workspaceAction({ input: availabilityInput, role: 'agent' }, async (input, ctx) => {
  const result = await setAvailability(getDb(), ctx, input);
  revalidatePath('/w/[slug]', 'layout');
  return result;
});
