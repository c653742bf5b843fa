import { minutesToWait } from './rate-limit';

// Auth.js passes a refused sign-in on as a short `code` (in the server action's error, and in
// the ?code= of its redirect when the credentials route is used directly). A rate-limit
// refusal carries its wait in the code so both doors can show the same message.

const TOO_MANY = /^too_many_attempts_(\d{1,4})m$/;

export function tooManyAttemptsCode(retryAfterMs: number): string {
  return `too_many_attempts_${minutesToWait(retryAfterMs)}m`;
}

/** What the sign-in form says for a refused attempt. */
export function signInErrorMessage(code: string | null | undefined): string {
  const minutes = code ? TOO_MANY.exec(code)?.[1] : undefined;
  if (minutes) return `Too many attempts. Try again in ${minutes} minute${minutes === '1' ? '' : 's'}.`;
  return 'Wrong email or password.';
}
