import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { hashPassword, verifyPassword } from './password';
import { clearAttempts, refundAttempt, takeAttempt, type LimitName } from './rate-limit';

export const credentialsSchema = z.object({
  email: z.email('Enter a valid email address').max(254).transform((v) => v.trim().toLowerCase()),
  password: z.string().min(1, 'Enter your password').max(200),
});

export type AuthenticatedUser = { id: string; email: string; name: string };

// Compared against when the email is unknown, so a wrong email costs the same time as a
// wrong password and sign-in does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;

/**
 * The one check of an email and password, used by every way of signing in. Each attempt is
 * counted per account (known or not, so the limit says nothing about which emails exist) and
 * per client address before the password is compared; over a limit it throws
 * TooManyAttemptsError instead of answering.
 */
export async function verifyCredentials(db: Db, input: unknown, from: { ip?: string | null } = {}): Promise<AuthenticatedUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys: [LimitName, string][] = [['signInAccount', email]];
  if (from.ip) keys.push(['signInIp', from.ip]);
  await takeAttempt(db, keys);

  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1);
  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verifyPassword(password, await dummyHash);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  // A success wipes the account's count and gives back its attempt on the address, so
  // colleagues signing in from one office address never use up its limit; failures stay.
  await Promise.all([clearAttempts(db, 'signInAccount', email), from.ip ? refundAttempt(db, 'signInIp', from.ip) : null]);
  return { id: user.id, email: user.email, name: user.name };
}
