import { createDb } from '@/db/client';
import { freePort, startEmbeddedPostgres } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';
import { databaseHasWorkspaces, seedDemoShop, type DemoLogin } from '@/demo/seed/demo';
import { demoOrigin } from '@/demo/seed/demo-images';
import { configureEnvironment } from '@/lib/config';
import { clientEventChannelPrefixes } from '@/lib/realtime/channels';
import { startPusherServer } from '@/realtime-server';
import { loadOrCreateLocalSecrets } from './local-secrets';

export type PreparedRuntime = {
  env: NodeJS.ProcessEnv;
  embedded: { database: boolean; realtime: boolean };
  demoLogins: DemoLogin[] | null;
  stop(): Promise<void>;
};

/**
 * Everything that must be true before the Next server starts: secrets, a database
 * (embedded unless DATABASE_URL is set), migrations, the demo shop on a fresh embedded
 * database, and a Pusher-protocol server (embedded unless PUSHER_KEY is set).
 * Returns the complete environment for the app, already validated.
 */
export async function prepareRuntime(source: NodeJS.ProcessEnv, log: (line: string) => void): Promise<PreparedRuntime> {
  const env: NodeJS.ProcessEnv = { ...source };
  const dataDir = env.BATON_DATA_DIR ?? '.data';
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => {});
  };

  try {
    const secrets = loadOrCreateLocalSecrets(dataDir);
    env.AUTH_SECRET ||= secrets.authSecret;
    env.BATON_ENCRYPTION_KEY ||= secrets.encryptionKey;
    // Both or neither: a public key from one pair with the private key of another signs
    // pushes that every push service refuses.
    if (!env.VAPID_PUBLIC_KEY && !env.VAPID_PRIVATE_KEY) {
      env.VAPID_PUBLIC_KEY = secrets.vapid.publicKey;
      env.VAPID_PRIVATE_KEY = secrets.vapid.privateKey;
    }

    const embeddedDatabase = !env.DATABASE_URL;
    if (embeddedDatabase) {
      log(`Starting the embedded PostgreSQL in ${dataDir}/pg …`);
      const database = await startEmbeddedPostgres(dataDir);
      stops.push(database.stop);
      env.DATABASE_URL = database.url;
    }

    await runMigrations(env.DATABASE_URL!);
    log('Database migrated.');

    const embeddedRealtime = !env.PUSHER_KEY;
    if (embeddedRealtime) {
      const port = env.PUSHER_PORT ? Number(env.PUSHER_PORT) : await freePort(6001);
      const server = await startPusherServer({
        ...secrets.pusher,
        host: env.PUSHER_BIND_HOST ?? '0.0.0.0',
        port,
        clientEventChannelPrefixes,
      });
      stops.push(server.close);
      Object.assign(env, {
        PUSHER_APP_ID: secrets.pusher.appId,
        PUSHER_KEY: secrets.pusher.key,
        PUSHER_SECRET: secrets.pusher.secret,
        PUSHER_HOST: '127.0.0.1',
        PUSHER_PORT: String(server.port),
        PUSHER_USE_TLS: 'false',
      });
      log(`Embedded realtime server (Pusher protocol 7) on port ${server.port}.`);
    }

    // The demo's Messenger/WhatsApp/LINE channels talk to local fakes started by the app.
    if ((embeddedDatabase || env.BATON_SEED === 'demo') && env.BATON_DEMO_PLATFORMS !== 'off') env.BATON_DEMO_PLATFORMS = 'on';
    if (env.BATON_DEMO_PLATFORMS === 'on') {
      // Their media links are local addresses, which outside-URL fetches refuse: their ports
      // are chosen here so they can be allow-listed, and nothing else is.
      const metaPort = await freePort();
      const linePort = await freePort();
      const xPort = await freePort();
      const applePort = await freePort();
      env.BATON_DEMO_PLATFORM_PORTS = `${metaPort},${linePort},${xPort},${applePort}`;
      const allowed = (env.BATON_FETCH_ALLOW_HOSTS ?? '').split(',').filter(Boolean);
      env.BATON_FETCH_ALLOW_HOSTS = [...allowed, `127.0.0.1:${metaPort}`, `127.0.0.1:${linePort}`, `127.0.0.1:${xPort}`, `127.0.0.1:${applePort}`].join(',');
    }

    // Fail here, with every bad variable named, rather than inside a request; the demo seed
    // (which stores files and signs links) then runs on this complete environment.
    const config = configureEnvironment(env);
    let demoLogins: DemoLogin[] | null = null;
    if (embeddedDatabase || env.BATON_SEED === 'demo') {
      const { db, pool } = createDb(env.DATABASE_URL!, 1);
      try {
        if (!(await databaseHasWorkspaces(db))) {
          demoLogins = (await seedDemoShop(db, { encryptionKey: env.BATON_ENCRYPTION_KEY!, origin: demoOrigin(config) })).logins;
          log('Seeded the demo shop.');
        }
      } finally {
        await pool.end();
      }
    }

    return { env, embedded: { database: embeddedDatabase, realtime: embeddedRealtime }, demoLogins, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
