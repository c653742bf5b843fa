import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { verifyCredentials } from '@/lib/auth/credentials';
import { takeAttempt } from '@/lib/auth/rate-limit';
import { signInErrorMessage } from '@/lib/auth/sign-in-errors';
import { UserError } from '@/lib/errors';
import { createUser } from '../support/fixtures';
import { AuthClient, PUBLIC_HOST } from './auth-client';

// The sign-in form's server action runs inside a request; here that request's headers are
// what Next gives an action (host, X-Forwarded-*), and cookies it sets are dropped.
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: 'localhost:3000', 'x-forwarded-proto': 'http', 'x-forwarded-for': '192.0.2.44' }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {} }),
}));
const { signInAction } = await import('@/app/(auth)/signin/actions');

const PASSWORD = 'correct horse';
const WAIT = 'Too many attempts. Try again in 15 minutes.';
let user: Awaited<ReturnType<typeof createUser>>;

beforeEach(async () => {
  user = await createUser(getDb(), 'Target', PASSWORD);
});

function form(email: string, password: string) {
  const data = new FormData();
  data.set('email', email);
  data.set('password', password);
  return data;
}

// bcrypt runs on every attempt (on purpose): on a loaded 2-core machine these take a while.
describe('password guessing is limited', { timeout: 120_000 }, () => {
  it('through verifyCredentials: the 11th attempt within a minute is refused, even with the right password', async () => {
    for (let i = 0; i < 10; i++) {
      expect(await verifyCredentials(getDb(), { email: user.email, password: `guess number ${i}` }, { ip: '203.0.113.1' })).toBeNull();
    }
    const refused = await verifyCredentials(getDb(), { email: user.email.toUpperCase(), password: PASSWORD }, { ip: '203.0.113.2' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(UserError);
    expect(refused).toMatchObject({ code: 'rate_limited', message: WAIT });

    // Another account is not affected.
    const other = await createUser(getDb(), 'Bystander', PASSWORD);
    expect(await verifyCredentials(getDb(), { email: other.email, password: PASSWORD }, { ip: '203.0.113.3' })).toMatchObject({ id: other.id });
  });

  it('the two doors share one count: guesses on Auth.js’s route and on the sign-in form add up', async () => {
    const attacker = new AuthClient('198.51.100.66');
    for (let i = 0; i < 5; i++) {
      const landed = await attacker.signIn(user.email, `route guess ${i}`);
      // Redirected to the app's own sign-in page, never to the bound address 0.0.0.0.
      expect(landed.host).toBe(PUBLIC_HOST);
      expect(landed.pathname).toBe('/signin');
      expect(signInErrorMessage(landed.searchParams.get('code'))).toBe('Wrong email or password.');
    }
    for (let i = 0; i < 5; i++) {
      expect(await signInAction({}, form(user.email, `form guess ${i}`))).toEqual({ error: 'Wrong email or password.', email: user.email });
    }

    // The 11th, through either door, with the message.
    expect(await signInAction({}, form(user.email, PASSWORD))).toEqual({ error: WAIT, email: user.email });
    const landed = await attacker.signIn(user.email, PASSWORD);
    expect(landed.host).toBe(PUBLIC_HOST);
    expect(landed.searchParams.get('error')).toBe('CredentialsSignin');
    expect(signInErrorMessage(landed.searchParams.get('code'))).toBe(WAIT);
    expect(attacker.sessionCookie()).toBeUndefined();
  });

  it('one address guessing across many accounts is limited too', async () => {
    // 50 earlier attempts from this address (on other emails); counted without running
    // bcrypt 50 times, through the same counter sign-in uses.
    for (let i = 0; i < 50; i++) await takeAttempt(getDb(), [['signInIp', '198.51.100.77']]);
    const attacker = new AuthClient('198.51.100.77');
    const landed = await attacker.signIn(user.email, PASSWORD);
    expect(signInErrorMessage(landed.searchParams.get('code'))).toBe(WAIT);
    expect(attacker.sessionCookie()).toBeUndefined();
    // The same account from another address still signs in.
    const elsewhere = await new AuthClient('198.51.100.78').signIn(user.email, PASSWORD);
    expect(elsewhere.pathname).toBe('/workspaces');
  });

  it('a successful sign-in clears the account’s count, so its owner’s typos do not add up', async () => {
    for (let i = 0; i < 6; i++) await verifyCredentials(getDb(), { email: user.email, password: `typo ${i}` });
    expect(await verifyCredentials(getDb(), { email: user.email, password: PASSWORD })).toMatchObject({ id: user.id });
    for (let i = 0; i < 6; i++) await verifyCredentials(getDb(), { email: user.email, password: `typo again ${i}` });
    expect(await verifyCredentials(getDb(), { email: user.email, password: PASSWORD })).toMatchObject({ id: user.id });
  });

  it('successful sign-ins from one address (an office) do not use up its limit; failures do', async () => {
    const office = '198.51.100.90';
    for (let i = 0; i < 49; i++) await takeAttempt(getDb(), [['signInIp', office]]);
    expect(await verifyCredentials(getDb(), { email: user.email, password: PASSWORD }, { ip: office })).toMatchObject({ id: user.id });
    expect(await verifyCredentials(getDb(), { email: user.email, password: PASSWORD }, { ip: office })).toMatchObject({ id: user.id });
  });
});
