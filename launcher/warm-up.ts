/**
 * `next dev` compiles each route on its first request: on a fresh start the first webhook
 * waited ~4 s for its route to compile (longer on a busy machine) before the customer's
 * message was even stored, so the bot's first answer came late while every later one took
 * a fraction of a second. Requesting the routes once when Next is up moves that compile to
 * the start. A production build has nothing to compile.
 */
export const WARM_ROUTES = [
  '/api/health',
  // The inbound path: any channel id compiles the route (this one answers 404).
  '/api/webhooks/facebook/00000000-0000-0000-0000-000000000000',
  // What a new shop opens first: sign-in, the inbox, and the customer simulator, whose
  // server action stores the simulated customer's message (they redirect to sign-in here,
  // which compiles them all the same).
  '/signin',
  '/w/warm-up/inbox',
  '/w/warm-up/settings/simulator',
];

export async function warmUpRoutes(origin: string, options: { stopped: () => boolean; timeoutMs?: number }): Promise<number> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  // Next answers once it listens; until then the connection is refused.
  for (;;) {
    if (options.stopped() || Date.now() > deadline) return 0;
    const up = await fetch(`${origin}${WARM_ROUTES[0]}`).then(
      () => true,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  let warmed = 1;
  for (const route of WARM_ROUTES.slice(1)) {
    if (options.stopped()) break;
    await fetch(`${origin}${route}`, { redirect: 'manual' }).then(
      () => (warmed += 1),
      () => undefined,
    );
  }
  return warmed;
}
