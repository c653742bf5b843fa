/**
 * Next and the inbound worker run in process groups of their own, so a Ctrl-C reaches only
 * the launcher, which stops them in order. If the launcher dies without stopping them (it
 * was killed, e.g. with its process group by a test runner), they notice within a few
 * seconds and stop the same way rather than live on without it.
 */
export function stopWhenLauncherGone(intervalMs = 2_000): void {
  const launcher = Number(process.env.BATON_LAUNCHER_PID);
  if (!launcher) return; // not started by the launcher
  // Started through a wrapper (`next dev`'s CLI, `tsx watch`): stopping the wrapper stops
  // this process too, the same way, and the wrapper with it.
  const startedBy = process.ppid;
  const target = startedBy === launcher ? process.pid : startedBy;
  const timer = setInterval(() => {
    try {
      process.kill(launcher, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') return;
      clearInterval(timer);
      process.kill(target, 'SIGTERM');
    }
  }, intervalMs);
  timer.unref();
}
