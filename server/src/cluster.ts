import cluster from 'node:cluster';
import os from 'node:os';
import { configOrExit, loggerFor, prepareProduct, serve } from './boot';
import { createDatabase } from './platform/db';

/**
 * `npm run start:cluster`: WORKERS server processes (default: one per core) on one port, node's
 * cluster module handing connections out. The primary prepares the database once (migrations,
 * catalog, admin, demo), then forks; a worker that dies is replaced. Everything that must be shared
 * between processes (seats, waitlists, sign-in lockouts, check-in codes) lives in the database.
 *
 * MySQL/MariaDB only: SQLite takes one writer at a time for the whole file, so more processes add no
 * write capacity, and its in-process writer queue would become lock waits between processes.
 */
const RESTART_DELAY_MS = 1000;

export function workerCount(value: string | undefined, cores: number): number {
  if (value === undefined || value === '') return Math.max(1, cores);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`WORKERS must be a whole number from 1 to 64 (got "${value}")`);
  return n;
}

async function primary(): Promise<void> {
  const config = configOrExit();
  const logger = loggerFor(config);
  if (config.databaseUrl.startsWith('sqlite:')) {
    console.error(
      'start:cluster needs MySQL or MariaDB (DATABASE_URL=mysql://…): SQLite lets one process write at a time, ' +
        'so more processes would only wait for each other. Use "npm start" for SQLite.',
    );
    process.exit(1);
  }
  let workers: number;
  try {
    workers = workerCount(process.env.WORKERS, os.availableParallelism());
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const { db } = await prepareProduct(config, logger);
  await db.close();

  let stopping = false;
  let alive = 0;
  const fork = () => {
    alive++;
    cluster.fork();
  };
  cluster.on('exit', (worker, code, signal) => {
    alive--;
    if (stopping) {
      if (alive === 0) {
        logger.info('all workers stopped');
        process.exit(0);
      }
      return;
    }
    logger.warn({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
    setTimeout(() => (stopping ? undefined : fork()), RESTART_DELAY_MS);
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  logger.info({ workers, port: config.port }, 'starting workers');
  for (let i = 0; i < workers; i++) fork();
}

function worker(): void {
  const config = configOrExit();
  serve(config, createDatabase(config.databaseUrl), loggerFor(config));
}

if (require.main === module) {
  if (cluster.isPrimary) {
    primary().catch((err) => {
      console.error('Failed to start:', err);
      process.exit(1);
    });
  } else {
    worker();
  }
}
