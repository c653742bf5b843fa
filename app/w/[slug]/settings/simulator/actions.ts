'use server';

import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { simulateCustomerMessage, simulateInput } from '@/demo/simulator';

export const simulateCustomerMessageAction = workspaceAction({ input: simulateInput, role: 'admin' }, (input, ctx) =>
  simulateCustomerMessage(getDb(), ctx, input),
);
