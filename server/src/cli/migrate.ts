import { loadConfig } from '../config';
import { createDatabase, prepareDatabase } from '../platform/db';
import { migrateToLatest } from '../platform/migrator';

/** `npm run migrate`: apply pending migrations to DATABASE_URL and stop. */
async function run(): Promise<void> {
  const config = loadConfig();
  const db = createDatabase(config.databaseUrl);
  await prepareDatabase(db);
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.');
  await db.close();
}

run().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
