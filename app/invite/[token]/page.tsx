import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { getSessionUser, type SessionUser } from '@/lib/auth/session';
import { findInvite, invitePath, type InviteLookup } from '@/lib/members/invites';
import { AcceptInviteForm } from '@/components/invite/accept-invite-form';
import { signOutToInviteAction } from './actions';
import { JoinInviteForm } from '@/components/invite/join-invite-form';

export const metadata: Metadata = { title: 'Your invitation', referrer: 'no-referrer' };

const messages = {
  unknown: 'This link is not valid. Ask your admin for a new one.',
  used: 'This link was already used. Sign in with your password.',
  expired: 'This link has expired. Ask your admin for a new one.',
} as const;

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // not a token we issued: findInvite says so
  }
}

type ValidInvite = Extract<InviteLookup, { status: 'valid' }>;

/**
 * Where an invited person accepts. A new account's link chooses its first password (no
 * session needed, the link is the key); an existing account accepts by being signed in as
 * itself, so the link alone never gives anyone that account.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const token = decoded((await params).token);
  const invite = await findInvite(getDb(), token);
  const heading = invite.status === 'valid' && invite.kind === 'join' ? `Join ${invite.workspaceName}` : 'Set your password';
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-3xl font-bold tracking-tight text-brand-600">Baton</p>
          <h1 className="mt-2 text-lg text-slate-600">{heading}</h1>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          {invite.status !== 'valid' ? (
            <div className="space-y-4">
              <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
                {messages[invite.status]}
              </p>
              <Link href="/signin" className="block text-center text-sm font-medium text-brand-600 hover:underline">
                Go to sign in
              </Link>
            </div>
          ) : invite.kind === 'set_password' ? (
            <>
              <p className="mb-4 text-sm text-slate-600">
                Welcome, {invite.name}. You were invited to <strong>{invite.workspaceName}</strong>. Choose a password for{' '}
                <strong>{invite.email}</strong>.
              </p>
              <AcceptInviteForm token={token} />
            </>
          ) : (
            <JoinInvite token={token} invite={invite} user={await getSessionUser()} />
          )}
        </div>
      </div>
    </main>
  );
}

function JoinInvite({ token, invite, user }: { token: string; invite: ValidInvite; user: SessionUser | null }) {
  if (user?.id === invite.userId) {
    return (
      <>
        <p className="mb-4 text-sm text-slate-600">
          You were invited to <strong>{invite.workspaceName}</strong>. Join it to see its inbox next to your other workspaces.
        </p>
        <JoinInviteForm token={token} workspaceName={invite.workspaceName} />
      </>
    );
  }
  if (user) {
    return (
      <form action={signOutToInviteAction} className="space-y-4">
        <input type="hidden" name="token" value={token} />
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          This invitation is for <strong>{invite.email}</strong>, and you are signed in as {user.email}. Sign out, then sign in as{' '}
          {invite.email} to accept it.
        </p>
        <button type="submit" className="w-full rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50">
          Sign out
        </button>
      </form>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        You were invited to <strong>{invite.workspaceName}</strong>. Sign in as <strong>{invite.email}</strong> with your own password to
        accept.
      </p>
      <Link
        href={`/signin?callbackUrl=${encodeURIComponent(invitePath(token))}`}
        className="block w-full rounded-md bg-brand-600 px-4 py-2 text-center font-medium text-white hover:bg-brand-700"
      >
        Sign in to accept
      </Link>
    </div>
  );
}
