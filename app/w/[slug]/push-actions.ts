'use server';

import { headers } from 'next/headers';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import {
  endpointInput,
  removeMyPushDevice,
  removeMyPushEndpoint,
  removePushSubscriptionInput,
  reportVisibility,
  reportVisibilityInput,
  savePushSubscription,
  savePushSubscriptionInput,
} from '@/lib/push/subscriptions';

// Web Push devices are the caller's own: every service filters by the session's user, so
// nobody lists, removes or marks another agent's device.

export const savePushSubscriptionAction = workspaceAction({ input: savePushSubscriptionInput, role: 'agent' }, async (input, ctx) =>
  savePushSubscription(getDb(), ctx, input, (await headers()).get('user-agent')),
);

export const removePushDeviceAction = workspaceAction({ input: removePushSubscriptionInput, role: 'agent' }, (input, ctx) =>
  removeMyPushDevice(getDb(), ctx, input),
);

export const disablePushOnThisDeviceAction = workspaceAction({ input: endpointInput, role: 'agent' }, (input, ctx) =>
  removeMyPushEndpoint(getDb(), ctx, input),
);

export const reportVisibilityAction = workspaceAction({ input: reportVisibilityInput, role: 'agent' }, (input, ctx) =>
  reportVisibility(getDb(), ctx, input),
);
