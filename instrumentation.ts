// Next.js calls register() once per server process at start-up.
export async function register() {
  // Next's own variable, set by Next itself: the edge runtime has none of the Node APIs below.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig } = await import('./lib/config');
  const config = getConfig();
  const stopWork: (() => Promise<void>)[] = [];
  if (config.BATON_BACKGROUND === 'on') {
    const { startBackgroundWork } = await import('./background/sweep-loop');
    stopWork.push(startBackgroundWork());
    // Durable jobs (pg-boss: reminders); started in the background, retried until the database answers.
    const { keepStartingJobWorkers } = await import('./background/workers');
    stopWork.push(keepStartingJobWorkers());
  }
  // The webhook route loads a channel per delivery: kept in memory while changes are heard.
  const { keepCachesListening } = await import('./lib/cache/listen');
  const stopCaching = await keepCachesListening(config.DATABASE_URL);
  stopWork.push(stopCaching);
  const [{ stopInOrderOnSignal }, { stopWhenLauncherGone }] = await Promise.all([import('./background/shutdown'), import('./background/launcher-watch')]);
  stopInOrderOnSignal({ stopWork });
  stopWhenLauncherGone();
  if (config.BATON_DEMO_PLATFORMS === 'on') {
    const [{ startDemoPlatforms }, { getDb }] = await Promise.all([import('./demo/platforms'), import('./lib/db')]);
    await startDemoPlatforms(getDb()).catch((error: unknown) =>
      console.error('[baton] Could not start the simulated platforms:', error instanceof Error ? error.message : error),
    );
  }
}
