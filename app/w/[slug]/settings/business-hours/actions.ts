'use server';

import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { businessHoursInput, updateBusinessHours } from '@/lib/business-hours/update';

export const updateBusinessHoursAction = workspaceAction({ input: businessHoursInput, role: 'admin' }, async (input, ctx) =>
  updateBusinessHours(getDb(), ctx, input),
);
