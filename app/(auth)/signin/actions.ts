'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { signIn } from '@/lib/auth/auth';
import { credentialsSchema } from '@/lib/auth/credentials';
import { safeReturnPath } from '@/lib/auth/return-path';
import { signInErrorMessage } from '@/lib/auth/sign-in-errors';

export type SignInState = { error?: string; email?: string };

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get('email') ?? '');
  const parsed = credentialsSchema.safeParse({ email, password: form.get('password') });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message, email };
  try {
    await signIn('credentials', { ...parsed.data, redirectTo: safeReturnPath(form.get('callbackUrl')) });
    return {};
  } catch (error) {
    // signIn signals success by throwing Next's redirect; only auth failures are ours.
    if (error instanceof AuthError) return { error: signInErrorMessage(error instanceof CredentialsSignin ? error.code : null), email };
    throw error;
  }
}
