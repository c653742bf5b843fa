import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const port = z.coerce.number().int().min(1).max(65535);

const onOff = z.enum(['on', 'off']);

const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');

const hostPortList = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):\d{1,5}$/, 'each entry must be host:port (e.g. 127.0.0.1:4010)')));

/**
 * Everything the running app reads from its environment. The launcher (scripts/serve.ts)
 * fills the embedded defaults in before Next starts, so inside the app every value is set.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // The app's public URL (behind a proxy) and its port; links made outside a request use them.
  AUTH_URL: z.url().optional(),
  PORT: port.default(3000),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (openssl rand -base64 32)'),
  BATON_ENCRYPTION_KEY: base64Key,
  PUSHER_APP_ID: z.string().min(1),
  PUSHER_KEY: z.string().min(1),
  PUSHER_SECRET: z.string().min(1),
  PUSHER_CLUSTER: z.string().min(1).default('mt1'),
  PUSHER_HOST: z.string().min(1).optional(),
  PUSHER_PORT: port.optional(),
  PUSHER_USE_TLS: bool,
  // Where browsers reach the realtime server, when it differs from where the app does.
  PUSHER_WS_HOST: z.string().min(1).optional(),
  PUSHER_WS_PORT: port.optional(),
  // Web Push (VAPID, RFC 8292): the public key goes to browsers to subscribe, the private
  // key signs each push and never leaves the server. The launcher fills both from .data for
  // the embedded default; production sets them (npx web-push generate-vapid-keys).
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/, 'must be a 65-byte P-256 public key, base64url').optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a 32-byte P-256 private key, base64url').optional(),
  // Who the push services may contact about this server's pushes (mailto: or https:).
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'must start with mailto: or https://').default('mailto:push@baton.invalid'),
  META_GRAPH_URL: z.url().default('https://graph.facebook.com/v21.0'),
  LINE_API_URL: z.url().default('https://api.line.me'),
  X_API_URL: z.url().default('https://api.x.com'),
  APPLE_GATEWAY_URL: z.url().default('https://mspgw.push.apple.com/v1'),
  LINE_DATA_API_URL: z.url().default('https://api-data.line.me'),
  BATON_DATA_DIR: z.string().min(1).default('.data'),
  // host:port entries that outside-URL fetches may reach although they are local or private:
  // only the demo's and the tests' fake platforms. Empty in production.
  BATON_FETCH_ALLOW_HOSTS: hostPortList,
  // The ports the demo's fake platforms listen on (Meta, LINE, X), chosen by the launcher so
  // that it can allow-list them before the app starts.
  BATON_DEMO_PLATFORM_PORTS: z
    .string()
    .regex(/^\d+,\d+(,\d+){0,2}$/, 'must be two to four ports, "META,LINE[,X[,APPLE]]"')
    .optional()
    .transform((v) => (v ? (v.split(',').map(Number) as [number, number, number?, number?]) : undefined)),
  // How many proxies in front of the app append to X-Forwarded-For: the client's address
  // is that many entries from the right (1: the address Next or the one load balancer saw).
  BATON_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  // The sweep and the job workers in this process ('off': another instance runs them).
  BATON_BACKGROUND: onOff.default('on'),
  // The simulated Messenger/WhatsApp/LINE platforms: the launcher turns them on with the
  // demo seed unless this says 'off'.
  BATON_DEMO_PLATFORMS: onOff.default('off'),
  // Who processes stored webhook deliveries: 'worker', the inbound worker process the
  // launcher starts beside Next; 'inline', the web process that received them (after the
  // response; tests and one-process setups). The launcher passes its choice on to Next.
  BATON_INGEST_MODE: z.enum(['worker', 'inline']).default('worker'),
  // Inline mode: deliveries processed at once by one web process; the sweep takes the rest.
  BATON_INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(8),
  // The inbound worker: deliveries it processes at once, and its scheduling priority (nice).
  BATON_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  BATON_WORKER_NICE: z.coerce.number().int().min(-20).max(19).default(10),
  // Read by the launcher only: how many Next processes answer on the one port in production
  // (`npm start`; Node's cluster shares the listening socket, round-robin). One Node thread
  // answers ~600 webhooks/s here; more processes use more cores. Background work and the
  // demo's simulated platforms run in the first process only. `npm run dev` runs one.
  BATON_WEB_PROCESSES: z.coerce.number().int().min(1).max(32).default(1),
  // Read by the launcher only: where `next build` put its output (next.config.js reads it
  // too, as Next loads that file itself) and the address Next listens on.
  NEXT_DIST_DIR: z.string().min(1).default('.next'),
  HOSTNAME: z.string().min(1).default('0.0.0.0'),
});

export type Env = z.infer<typeof envSchema>;

/** One readable line per bad variable, naming it, so a misconfigured start says what to fix. */
export function formatEnvError(error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.message;
    return `  - ${name}: ${message}`;
  });
  return `Baton cannot start: the environment is not valid.\n${lines.join('\n')}`;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw new Error(formatEnvError(result.error));
  return result.data;
}

/**
 * Only the named variables, for the scripts that run before the whole environment exists
 * (the launcher, before it has made a database and secrets) or need a few of it (migrate).
 */
export function parseEnvPart<K extends keyof Env>(source: Record<string, string | undefined>, keys: readonly K[]): Pick<Env, K> {
  const mask = Object.fromEntries(keys.map((key) => [key, true])) as Partial<Record<keyof Env, true>>;
  const result = envSchema.pick(mask).safeParse(source);
  if (!result.success) throw new Error(formatEnvError(result.error));
  return result.data as Pick<Env, K>;
}
