'use server';

import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import {
  cancelReminder,
  cancelReminderInput,
  createReminder,
  createReminderInput,
  listMyReminders,
  listRemindersInput,
} from '@/lib/reminders/service';

// Reminders on a conversation: set, list and cancel my own (never another agent's).

export const createReminderAction = workspaceAction({ input: createReminderInput, role: 'agent' }, (input, ctx) =>
  createReminder(getDb(), ctx, input),
);

export const listRemindersAction = workspaceAction({ input: listRemindersInput, role: 'agent' }, (input, ctx) =>
  listMyReminders(getDb(), ctx, input),
);

export const cancelReminderAction = workspaceAction({ input: cancelReminderInput, role: 'agent' }, (input, ctx) =>
  cancelReminder(getDb(), ctx, input),
);
