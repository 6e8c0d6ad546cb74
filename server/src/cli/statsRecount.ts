import { loadConfig } from '../config';
import { createDatabase, prepareDatabase } from '../platform/db';
import { migrateToLatest } from '../platform/migrator';
import { recount } from '../stats/recount';

/** `npm run stats:recount`: recompute every statistic from the raw rows; list any difference; exit 1 if any. */
async function run(): Promise<number> {
  const config = loadConfig(process.env, () => {});
  const db = createDatabase(config.databaseUrl);
  await prepareDatabase(db);
  await migrateToLatest(db);
  const started = Date.now();
  const differences = await recount(db);
  await db.close();
  for (const d of differences.slice(0, 50)) console.log(`${d.table} ${d.key}: stored ${d.stored}, recounted ${d.recounted}`);
  if (differences.length > 50) console.log(`… and ${differences.length - 50} more`);
  console.log(differences.length === 0 ? `All statistics match the raw rows (${Date.now() - started} ms).` : `${differences.length} difference(s).`);
  return differences.length === 0 ? 0 : 1;
}

run().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
