'use server';

import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { bulkApply, bulkInput } from '@/lib/inbox/ops/bulk';

export const bulkAction = workspaceAction({ input: bulkInput, role: 'agent' }, (input, ctx) => bulkApply(getDb(), ctx, input));
