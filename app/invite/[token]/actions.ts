'use server';

import { AuthError } from 'next-auth';
import { getDb } from '@/db/client';
import { signIn } from '@/lib/auth/auth';
import { UserError } from '@/lib/errors';
import { acceptInvite } from '@/lib/members/invites';

export type AcceptInviteState = { error?: string; fieldErrors?: Record<string, string[]> };

/**
 * The one server action that runs without a session (and so without workspaceAction): the
 * invite token is the credential. acceptInvite validates the input with zod, checks the
 * token's hash, expiry and single use, and sets the password; then the agent is signed in.
 */
export async function acceptInviteAction(_previous: AcceptInviteState, form: FormData): Promise<AcceptInviteState> {
  const input = { token: form.get('token'), password: form.get('password'), confirm: form.get('confirm') };
  let email: string;
  try {
    ({ email } = await acceptInvite(getDb(), input));
  } catch (error) {
    if (error instanceof UserError) return { error: error.message, fieldErrors: error.fieldErrors };
    console.error('[invite] failed:', error);
    return { error: 'Something went wrong. Please try again.' };
  }
  try {
    await signIn('credentials', { email, password: String(input.password), redirectTo: '/workspaces' });
    return {};
  } catch (error) {
    // signIn signals success by throwing Next's redirect; only auth failures are ours.
    if (error instanceof AuthError) return { error: 'Your password is set. Sign in with it.' };
    throw error;
  }
}
