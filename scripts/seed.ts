// `npm run db:seed`: loads the demo shop into DATABASE_URL's (empty) database.
import { createDb } from '../db/client';
import { databaseHasWorkspaces, seedDemoShop } from '../db/seed/demo';

const url = process.env.DATABASE_URL;
const key = process.env.BATON_ENCRYPTION_KEY;
if (!url || !key) {
  console.error('Set DATABASE_URL and BATON_ENCRYPTION_KEY. (`npm run dev` seeds the embedded database by itself.)');
  process.exit(1);
}
const { db, pool } = createDb(url, 1);
try {
  if (await databaseHasWorkspaces(db)) {
    console.log('The database already has workspaces; the demo seed only loads into an empty one.');
  } else {
    const { logins } = await seedDemoShop(db, { encryptionKey: key });
    console.log('Demo shop seeded. Sign in with:');
    for (const l of logins) console.log(`  ${l.email} / ${l.password}  (${l.role})`);
  }
} finally {
  await pool.end();
}
