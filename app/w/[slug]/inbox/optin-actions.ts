'use server';

import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { sendOptinRequest, sendOptinRequestInput } from '@/lib/messenger-optins/request';

// Messenger: the composer's "Opt-in" asks the customer to opt in to notifications.
export const sendOptinRequestAction = workspaceAction({ input: sendOptinRequestInput, role: 'agent' }, async (input, ctx) =>
  sendOptinRequest(getDb(), ctx, input),
);
