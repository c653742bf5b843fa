import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { safeReturnPath } from '@/lib/auth/return-path';
import { getSessionUser } from '@/lib/auth/session';
import { signInErrorMessage } from '@/lib/auth/sign-in-errors';
import { SignInForm } from '@/components/auth/sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = { callbackUrl?: string; error?: string; code?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const returnTo = safeReturnPath(params.callbackUrl);
  if (await getSessionUser()) redirect(returnTo);
  // Auth.js's own credentials route redirects here with ?error=CredentialsSignin&code=….
  const error = params.error === 'CredentialsSignin' ? signInErrorMessage(params.code) : undefined;
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-3xl font-bold tracking-tight text-brand-600">Baton</p>
          <h1 className="mt-2 text-lg text-slate-600">Sign in to your shop&apos;s inbox</h1>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm returnTo={returnTo} initialError={error} />
        </div>
      </div>
    </main>
  );
}
