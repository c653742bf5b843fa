import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { hashPassword, verifyPassword } from './password';

export const credentialsSchema = z.object({
  email: z.email('Enter a valid email address').max(254).transform((v) => v.trim().toLowerCase()),
  password: z.string().min(1, 'Enter your password').max(200),
});

export type AuthenticatedUser = { id: string; email: string; name: string };

// Compared against when the email is unknown, so a wrong email costs the same time as a
// wrong password and sign-in does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;

export async function verifyCredentials(db: DbOrTx, input: unknown): Promise<AuthenticatedUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
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
  return { id: user.id, email: user.email, name: user.name };
}
