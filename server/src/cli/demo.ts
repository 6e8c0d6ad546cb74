import { QueryTypes } from 'sequelize';
import { loadConfig } from '../config';
import { DEMO_PASSWORD, generateDemo } from '../demo/generate';
import { createDatabase, prepareDatabase } from '../platform/db';
import { migrateToLatest } from '../platform/migrator';

/**
 * `npm run demo [-- --practitioners N] [--reset]`: fill an empty database with the demo data set.
 * `--practitioners 100000` builds the benchmark scale set (with about 10 credit records each).
 */
async function run(args: string[]): Promise<number> {
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const practitioners = Number(flag('practitioners') ?? 3000);
  if (!Number.isInteger(practitioners) || practitioners < 50 || practitioners > 1_000_000) {
    console.error('--practitioners must be a whole number from 50 to 1000000');
    return 2;
  }
  const perPerson = Number(flag('credit-records-per-person') ?? (practitioners >= 50000 ? 10 : 6));
  const config = loadConfig(process.env, (msg) => console.warn(`[config] ${msg}`));
  const db = createDatabase(config.databaseUrl);
  if (args.includes('--reset')) {
    console.log('--reset: dropping every table');
    if (db.dialect === 'mysql') await db.sequelize.query('SET FOREIGN_KEY_CHECKS = 0');
    await db.sequelize.getQueryInterface().dropAllTables();
    if (db.dialect === 'mysql') await db.sequelize.query('SET FOREIGN_KEY_CHECKS = 1');
  }
  await prepareDatabase(db);
  await migrateToLatest(db);
  const [existing] = await db.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM practitioners', { type: QueryTypes.SELECT });
  if (Number(existing.n) > 0) {
    console.error(`The database already has ${existing.n} talent records. Use --reset to replace everything with the demo data set.`);
    await db.close();
    return 1;
  }
  const started = Date.now();
  const { staff } = await generateDemo(db, config, { practitioners, creditRecordsPerPerson: perPerson, log: (m) => console.log(`  ${m}`) });
  await db.close();
  console.log(`\nDemo data ready in ${Math.round((Date.now() - started) / 1000)} s. Sign in with password ${DEMO_PASSWORD}:`);
  for (const s of staff) console.log(`  ${s.role.padEnd(8)} ${s.phone}`);
  console.log('  practitioners: 135 followed by an 8-digit number, e.g. 13500000001 (those who signed up themselves)');
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
