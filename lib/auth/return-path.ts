/**
 * Where to go after signing in: only a path on this site ("/invite/…"), never another origin
 * ("//evil.example", "https://…", "/\evil"), so the sign-in page cannot be used to bounce
 * people elsewhere.
 */
export function safeReturnPath(value: unknown, fallback = '/workspaces'): string {
  if (typeof value !== 'string' || value.length > 500) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
