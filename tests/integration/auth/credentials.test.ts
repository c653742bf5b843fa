import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { verifyCredentials } from '@/lib/auth/credentials';
import { createUser } from '../support/fixtures';

describe('verifyCredentials', () => {
  it('signs in with the right password, case-insensitively on the email', async () => {
    const db = getDb();
    const user = await createUser(db, 'Ana', 's3cret-pass');
    const signedIn = await verifyCredentials(db, { email: user.email.toUpperCase(), password: 's3cret-pass' });
    expect(signedIn).toEqual({ id: user.id, email: user.email, name: 'Ana' });
  });

  it('refuses a wrong password, an unknown email and malformed input alike', async () => {
    const db = getDb();
    const user = await createUser(db, 'Ben', 'right-password');
    expect(await verifyCredentials(db, { email: user.email, password: 'wrong-password' })).toBeNull();
    expect(await verifyCredentials(db, { email: 'nobody@example.test', password: 'right-password' })).toBeNull();
    expect(await verifyCredentials(db, { email: 'not an email', password: 'x' })).toBeNull();
    expect(await verifyCredentials(db, null)).toBeNull();
  });

  it('stores only a bcrypt hash', async () => {
    const user = await createUser(getDb(), 'Chloe', 'plain-text-password');
    expect(user.passwordHash).not.toContain('plain-text-password');
    expect(user.passwordHash).toMatch(/^\$2[aby]\$11\$/);
  });
});
