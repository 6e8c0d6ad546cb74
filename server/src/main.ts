import http from 'node:http';
import { QueryTypes } from 'sequelize';
import { createApp } from './app';
import { DEMO_PASSWORD, generateDemo } from './demo/generate';
import { ConfigError, loadConfig } from './config';
import { systemClock } from './platform/clock';
import { createDatabase, prepareDatabase } from './platform/db';
import { createLogger } from './platform/logger';
import { migrateToLatest } from './platform/migrator';

/** How long SIGTERM waits for in-flight requests before closing anyway. */
const DRAIN_TIMEOUT_MS = 10000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, (msg) => console.warn(`[config] ${msg}`));
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const db = createDatabase(config.databaseUrl);
  await prepareDatabase(db);
  const applied = await migrateToLatest(db, logger);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');

  const app = createApp({ config, db, clock: systemClock, logger });
  const catalog = await app.services.catalog.syncFolder(config.coursesDir);
  if (catalog.report) logger.info({ created: catalog.report.created.length, updated: catalog.report.updated.length, archived: catalog.report.archived, unchanged: catalog.report.unchanged }, 'course catalog synced');
  else logger.error({ problems: catalog.problems }, `course catalog NOT synced: ${catalog.problems.length} problem(s) in ${config.coursesDir}; run "npm run courses:check"`);
  if (config.admin) {
    const outcome = await app.services.accounts.ensureAdmin(config.admin.phone, config.admin.password);
    if (outcome === 'exists-not-admin') logger.warn('ADMIN_PHONE belongs to an existing non-admin account; left unchanged');
    else logger.info({ outcome }, 'admin account');
  } else {
    logger.warn('ADMIN_PHONE/ADMIN_PASSWORD not set: no admin account created');
  }

  if (config.demo) {
    const [row] = await db.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM practitioners', { type: QueryTypes.SELECT });
    if (Number(row.n) === 0) {
      logger.info('DEMO=1 and the database is empty: generating the demo data set (about a minute)');
      const { staff } = await generateDemo(db, config, { practitioners: 3000, creditRecordsPerPerson: 6, log: (m) => logger.info(`demo: ${m}`) });
      logger.info({ staff, password: DEMO_PASSWORD }, 'demo data ready');
    }
  }

  const server = http.createServer(app.koa.callback());
  server.listen(config.port, () => logger.info({ port: config.port, database: db.dialect }, `listening on http://localhost:${config.port}`));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining');
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
    server.close(async () => {
      clearTimeout(force);
      await db.close();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  console.error('Failed to start:', err);
  process.exit(1);
});
