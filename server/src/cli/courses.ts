import { createLogger } from '../platform/logger';
import { readCatalog } from '../catalog/courseFile';
import { loadConfig } from '../config';
import { createServices } from '../modules';
import { systemClock } from '../platform/clock';
import { createDatabase, prepareDatabase } from '../platform/db';
import { migrateToLatest } from '../platform/migrator';

/**
 * `npm run courses:check`: validate every file in courses/, naming file and field of each problem.
 * `npm run courses:sync`: the same, then bring the database in line (all or nothing).
 */
async function run(command: string | undefined): Promise<number> {
  const config = loadConfig(process.env, () => {});
  const { courses, problems } = readCatalog(config.coursesDir);
  for (const p of problems) console.error(`${p.file}: ${p.field}: ${p.message}`);
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s); nothing was synced.`);
    return 1;
  }
  console.log(`${courses.length} course files are valid.`);
  if (command === 'check') return 0;
  const db = createDatabase(config.databaseUrl);
  await prepareDatabase(db);
  await migrateToLatest(db);
  const { catalog } = createServices({ config, db, clock: systemClock, logger: createLogger(config.logLevel) });
  const report = await catalog.sync(courses);
  console.log(`created ${report.created.length}, updated ${report.updated.length}, archived ${report.archived.length}, unchanged ${report.unchanged}`);
  for (const code of report.archived) console.log(`  archived ${code}`);
  await db.close();
  return 0;
}

const command = process.argv[2];
if (command !== 'check' && command !== 'sync') {
  console.error('usage: courses.js check|sync');
  process.exit(2);
}
run(command).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
