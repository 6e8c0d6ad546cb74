import { QueryTypes } from 'sequelize';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { DEMO_PASSWORD, generateDemo } from './demo/generate';
import { systemClock } from './platform/clock';
import { createDatabase, prepareDatabase, type Database } from './platform/db';
import { createHttpServer } from './platform/http/server';
import { createLogger, type Logger } from './platform/logger';
import { migrateToLatest } from './platform/migrator';
import { startTicker } from './platform/ticker';

type App = ReturnType<typeof createApp>;

/** How long SIGTERM waits for in-flight requests before closing anyway. */
const DRAIN_TIMEOUT_MS = 10000;
/** How often reminders and the outbox are looked at. */
const TICK_MS = 30000;

/** The configuration from the environment, or the reason it is wrong and exit code 1. */
export function configOrExit(): Config {
  try {
    return loadConfig(process.env, (msg) => console.warn(`[config] ${msg}`));
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

export function loggerFor(config: Config): Logger {
  return createLogger(config.logLevel);
}

/**
 * Everything that runs once per database before requests are served: migrations, the course catalog
 * from courses/, the admin account, the demo data. One process does it (npm start, or the cluster's primary).
 */
export async function prepareProduct(config: Config, logger: Logger): Promise<{ db: Database; app: App }> {
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
  return { db, app };
}

/** Serves HTTP on config.port until SIGTERM/SIGINT, then drains in-flight requests and closes the database. */
export function serve(config: Config, db: Database, logger: Logger, app: App = createApp({ config, db, clock: systemClock, logger })): void {
  const server = createHttpServer(app.koa, logger);
  // every instance ticks: reminders are keyed per person, outbox messages are claimed one instance at a time
  const stopTicker = config.notificationTick
    ? startTicker(
        [
          { name: 'reminders', run: () => app.services.reminders.tick() },
          { name: 'outbox', run: () => app.services.outbox.drain() },
        ],
        TICK_MS,
        logger,
      )
    : () => {};
  server.listen(config.port, () => logger.info({ port: config.port, database: db.dialect, pid: process.pid }, `listening on http://localhost:${config.port}`));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    stopTicker();
    logger.info({ signal }, 'draining');
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
    server.drain();
    server.close(async () => {
      clearTimeout(force);
      await db.close();
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
