// Next.js calls register() once per server process at start-up.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.BATON_BACKGROUND === 'off') return;
  const { startBackgroundWork } = await import('./lib/jobs/background');
  startBackgroundWork();
}
