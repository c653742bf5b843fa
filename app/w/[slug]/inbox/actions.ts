'use server';

import { getDb } from '@/db/client';
import { workspaceAction } from '@/lib/auth/action';
import { retryInput, retryMessage } from '@/lib/outbox/retry';

export const retryMessageAction = workspaceAction({ input: retryInput, role: 'agent' }, (input, ctx) =>
  retryMessage(getDb(), ctx, input),
);
