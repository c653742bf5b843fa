'use server';

import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/db';
import { signIn, signOut } from '@/lib/auth/auth';
import { getSessionUser } from '@/lib/auth/session';
import { UserError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { acceptInvite, acceptJoinInvite, invitePath } from '@/lib/members/invites';

export type AcceptInviteState = { error?: string; fieldErrors?: Record<string, string[]> };

// The server actions that run before their user is a member of the workspace (and so without
// workspaceAction): the invite token is the credential, checked by lib/members/invites with
// zod, its hash, expiry and single use, and limited per client address.

function refusal(error: unknown): AcceptInviteState {
  if (error instanceof UserError) return { error: error.message, fieldErrors: error.fieldErrors };
  console.error('[invite] failed:', error);
  return { error: 'Something went wrong. Please try again.' };
}

/** A new account's first password, through the link of the workspace that created it; then signed in. */
export async function acceptInviteAction(_previous: AcceptInviteState, form: FormData): Promise<AcceptInviteState> {
  const input = { token: form.get('token'), password: form.get('password'), confirm: form.get('confirm') };
  let email: string;
  try {
    ({ email } = await acceptInvite(getDb(), input, { ip: clientIp(await headers()) }));
  } catch (error) {
    return refusal(error);
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

/** An existing account joins: the signed-in user accepts a link issued to them. */
export async function joinInviteAction(_previous: AcceptInviteState, form: FormData): Promise<AcceptInviteState> {
  const user = await getSessionUser();
  if (!user) return { error: 'Your session has ended. Sign in again.' };
  let slug: string;
  try {
    ({ workspaceSlug: slug } = await acceptJoinInvite(getDb(), user, { token: form.get('token') }, { ip: clientIp(await headers()) }));
  } catch (error) {
    return refusal(error);
  }
  redirect(`/w/${encodeURIComponent(slug)}/inbox`);
}

/** Signed in as someone else: sign out, then back to this invitation through sign-in. */
export async function signOutToInviteAction(form: FormData): Promise<void> {
  const token = String(form.get('token') ?? '');
  const back = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? invitePath(token) : '/workspaces';
  await signOut({ redirectTo: `/signin?callbackUrl=${encodeURIComponent(back)}` });
}
