// `npm run db:seed`: loads the demo shop into DATABASE_URL's (empty) database. It needs the
// environment `npm start` will run with: the seed encrypts channel secrets, stores the demo's
// pictures in BATON_DATA_DIR and signs their links with AUTH_SECRET.
import { createDb } from '../db/client';
import { databaseHasWorkspaces, seedDemoShop } from '../demo/seed/demo';
import { demoOrigin } from '../demo/seed/demo-images';
import { getConfig } from '../lib/config';

let config: ReturnType<typeof getConfig>;
try {
  config = getConfig();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error('Run it with the environment `npm start` uses. (`npm run dev` seeds the embedded database by itself.)');
  process.exit(1);
}
const { db, pool } = createDb(config.DATABASE_URL, 1);
try {
  if (await databaseHasWorkspaces(db)) {
    console.log('The database already has workspaces; the demo seed only loads into an empty one.');
  } else {
    const { logins } = await seedDemoShop(db, { encryptionKey: config.BATON_ENCRYPTION_KEY, origin: demoOrigin(config) });
    console.log('Demo shop seeded. Sign in with:');
    for (const l of logins) console.log(`  ${l.email} / ${l.password}  (${l.role})`);
  }
} finally {
  await pool.end();
}
