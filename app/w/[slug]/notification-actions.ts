'use server';

import { z } from 'zod';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { listMyNotifications, listNotificationsInput, markAllRead, markRead, markReadInput } from '@/lib/notifications/list';
import { getMyPreferences, resetMyPreferences, setMyPreference, setPreferenceInput } from '@/lib/notifications/preferences';

// The bell and the notification preferences: every one is "mine" (the caller's user in the
// caller's workspace); the services filter by both.

export const listNotificationsAction = workspaceAction({ input: listNotificationsInput, role: 'agent' }, (input, ctx) =>
  listMyNotifications(getDb(), ctx, input),
);

export const markNotificationsReadAction = workspaceAction({ input: markReadInput, role: 'agent' }, (input, ctx) => markRead(getDb(), ctx, input));

export const markAllNotificationsReadAction = workspaceAction({ input: z.object({}), role: 'agent' }, (_input, ctx) => markAllRead(getDb(), ctx));

export const getNotificationPreferencesAction = workspaceAction({ input: z.object({}), role: 'agent' }, (_input, ctx) =>
  getMyPreferences(getDb(), ctx),
);

export const setNotificationPreferenceAction = workspaceAction({ input: setPreferenceInput, role: 'agent' }, (input, ctx) =>
  setMyPreference(getDb(), ctx, input),
);

export const resetNotificationPreferencesAction = workspaceAction({ input: z.object({}), role: 'agent' }, (_input, ctx) =>
  resetMyPreferences(getDb(), ctx),
);
