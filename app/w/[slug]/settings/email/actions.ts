'use server';

import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { mailSettingsInput, saveMailSettings } from '@/lib/mail/settings';
import { sendTestEmail, sendTestEmailInput } from '@/lib/mail/send-test';

export const saveMailSettingsAction = workspaceAction({ input: mailSettingsInput, role: 'admin' }, async (input, ctx) => saveMailSettings(getDb(), ctx, input));

export const sendTestEmailAction = workspaceAction({ input: sendTestEmailInput, role: 'admin' }, async (input, ctx) => sendTestEmail(getDb(), ctx, input));
