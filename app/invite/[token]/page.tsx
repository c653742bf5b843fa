import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { findInvite } from '@/lib/members/invites';
import { AcceptInviteForm } from './accept-invite-form';

export const metadata: Metadata = { title: 'Set your password', referrer: 'no-referrer' };

const messages = {
  unknown: 'This link is not valid. Ask your admin for a new one.',
  used: 'This link was already used. Sign in with your password.',
  expired: 'This link has expired. Ask your admin for a new one.',
} as const;

/** Where an invited agent sets their password: no session needed, the link is the key. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // not a token we issued: findInvite says so
  }
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const token = decoded((await params).token);
  const invite = await findInvite(getDb(), token);
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-3xl font-bold tracking-tight text-brand-600">Baton</p>
          <h1 className="mt-2 text-lg text-slate-600">Set your password</h1>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          {invite.status === 'valid' ? (
            <>
              <p className="mb-4 text-sm text-slate-600">
                Welcome, {invite.name}. You were invited to <strong>{invite.workspaceName}</strong>. Choose a password for{' '}
                <strong>{invite.email}</strong>.
              </p>
              <AcceptInviteForm token={token} />
            </>
          ) : (
            <div className="space-y-4">
              <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
                {messages[invite.status]}
              </p>
              <Link href="/signin" className="block text-center text-sm font-medium text-brand-600 hover:underline">
                Go to sign in
              </Link>
            </div>
          )}
        </div>
      </div>
    </main>
  );
}
