import fs from 'node:fs';
import path from 'node:path';
import { Sequelize, Transaction } from 'sequelize';
import { tuneSqliteConnections } from './sqliteConnections';

export type Dialect = 'sqlite' | 'mysql';

/** MySQL/MariaDB deadlocks are resolved by the server killing one transaction; we retry it. */
const MYSQL_DEADLOCK_RETRIES = 5;

export interface Database {
  sequelize: Sequelize;
  dialect: Dialect;
  /** The SQLite database file (null on MySQL, or for an in-memory database). */
  sqliteFile: string | null;
  /**
   * Runs `work` in a transaction that will write. On SQLite the transaction is IMMEDIATE (it takes the
   * write lock at BEGIN, so two writers never deadlock on a lock upgrade) and writers queue in-process
   * first, so waiting writers do not occupy the driver's thread pool. On MySQL a deadlock victim is retried.
   * Correctness still comes from the database: locks, conditional updates and unique indexes.
   */
  writeTransaction<T>(work: (t: Transaction) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Serialises async work: each call runs after the previous one settled. */
class Queue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

function sqliteStorage(url: string): string {
  const rest = url.replace(/^sqlite:(\/\/)?/, '');
  if (rest === ':memory:') return rest;
  return path.resolve(rest);
}

/** `sqliteBusyTimeoutMs`: how long a SQLite statement waits for another process's write lock (tests shorten it). */
export function createDatabase(url: string, options: { sqliteBusyTimeoutMs?: number } = {}): Database {
  const dialect: Dialect = url.startsWith('sqlite:') ? 'sqlite' : 'mysql';
  let sequelize: Sequelize;
  let sqliteConnections: { closeAll(): Promise<void> } | null = null;
  if (dialect === 'sqlite') {
    const storage = sqliteStorage(url);
    if (storage !== ':memory:') fs.mkdirSync(path.dirname(storage), { recursive: true });
    sequelize = new Sequelize({ dialect: 'sqlite', storage, logging: false });
    sqliteConnections = tuneSqliteConnections(sequelize, options.sqliteBusyTimeoutMs);
  } else {
    sequelize = new Sequelize(url.replace(/^mariadb:/, 'mysql:'), {
      dialect: 'mysql',
      logging: false,
      timezone: '+00:00',
      pool: { max: 10, min: 0, idle: 10000, acquire: 30000 },
      dialectOptions: { charset: 'utf8mb4', supportBigNumbers: true, bigNumberStrings: false },
      define: { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    });
    // READ COMMITTED: after taking a row lock, every read sees what the previous holder committed
    // (REPEATABLE READ would keep reading the snapshot taken at the transaction's first read). Set once
    // per connection: asked per transaction, it was one more round trip in every sign-up's transaction.
    sequelize.addHook('afterConnect', (connection) =>
      new Promise<void>((resolve, reject) =>
        (connection as { query(sql: string, cb: (err: Error | null) => void): void }).query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED', (err) =>
          err ? reject(err) : resolve(),
        ),
      ),
    );
  }

  const writers = new Queue();

  async function writeTransaction<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    if (dialect === 'sqlite') {
      return writers.run(() => sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, work));
    }
    for (let attempt = 1; ; attempt++) {
      try {
        // READ COMMITTED is the session's level (afterConnect above).
        return await sequelize.transaction(work);
      } catch (err) {
        const code = (err as { parent?: { code?: string } }).parent?.code;
        const retriable = code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
        if (!retriable || attempt >= MYSQL_DEADLOCK_RETRIES) throw err;
      }
    }
  }

  return {
    sequelize,
    dialect,
    sqliteFile: dialect === 'sqlite' && sqliteStorage(url) !== ':memory:' ? sqliteStorage(url) : null,
    writeTransaction,
    async ping() {
      await sequelize.query('SELECT 1');
    },
    async close() {
      await sqliteConnections?.closeAll();
      await sequelize.close();
    },
  };
}

/** WAL lets readers go on while one writer writes; set once per database file (it persists). `synchronous` is per connection: sqliteConnections.ts. */
export async function prepareDatabase(db: Database): Promise<void> {
  if (db.dialect === 'sqlite') {
    await db.sequelize.query('PRAGMA journal_mode = WAL');
  }
}
