import { parseEnv, type Env } from './schema';

export type { Env } from './schema';
export { parseEnvPart } from './schema';

let cached: Env | undefined;

/** The validated environment, parsed once on first use. */
export function getConfig(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The launcher: use this complete environment (its own process.env lacks the generated secrets). */
export function configureEnvironment(env: NodeJS.ProcessEnv): Env {
  cached = parseEnv(env);
  return cached;
}

/** Tests that point the process at a fresh database call this after changing process.env. */
export function resetConfigForTests(): void {
  cached = undefined;
}

/** What a browser needs to open a pusher-js connection; never includes the secret. */
export type RealtimeClientConfig = {
  key: string;
  cluster: string;
  wsHost?: string;
  wsPort?: number;
  forceTLS: boolean;
};

export function realtimeClientConfig(env: Env = getConfig()): RealtimeClientConfig {
  const wsHost = env.PUSHER_WS_HOST ?? env.PUSHER_HOST;
  const wsPort = env.PUSHER_WS_PORT ?? env.PUSHER_PORT;
  return { key: env.PUSHER_KEY, cluster: env.PUSHER_CLUSTER, wsHost, wsPort, forceTLS: env.PUSHER_USE_TLS };
}
