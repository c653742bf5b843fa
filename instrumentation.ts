// Next.js calls register() once per server process at start-up.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.BATON_BACKGROUND !== 'off') {
    const { startBackgroundWork } = await import('./background/sweep-loop');
    startBackgroundWork();
    // Durable jobs (pg-boss: reminders); started in the background, retried until the database answers.
    const { keepStartingJobWorkers } = await import('./background/workers');
    keepStartingJobWorkers();
  }
  if (process.env.BATON_DEMO_PLATFORMS === 'on') {
    const [{ startDemoPlatforms }, { getDb }] = await Promise.all([import('./demo/platforms'), import('./db/client')]);
    await startDemoPlatforms(getDb()).catch((error: unknown) =>
      console.error('[baton] Could not start the simulated platforms:', error instanceof Error ? error.message : error),
    );
  }
}
