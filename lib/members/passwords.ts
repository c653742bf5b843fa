import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 10;

/** A new password: at least 10 characters, typed twice. */
export const newPasswordFields = {
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(200, 'Keep the password under 200 characters'),
  confirm: z.string().max(200),
};

export const passwordsMatch = {
  check: (v: { password: string; confirm: string }) => v.password === v.confirm,
  params: { message: 'The two passwords do not match', path: ['confirm'] as PropertyKey[] },
};
