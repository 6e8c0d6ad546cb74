import type { Sequelize } from 'sequelize';

/** How long a SQLite connection waits for another writer (another process) before giving up. */
export const SQLITE_BUSY_TIMEOUT_MS = 15000;

type Callback = (this: unknown, err: Error | null, rows?: unknown) => void;

/** The part of a node-sqlite3 Database that Sequelize and we use. */
interface SqliteConnection {
  uuid?: string;
  configure(option: 'busyTimeout', value: number): void;
  all(sql: string, ...rest: unknown[]): void;
  run(sql: string, ...rest: unknown[]): void;
  exec(sql: string, ...rest: unknown[]): void;
  close(callback?: (err: Error | null) => void): void;
}

interface ConnectionManager {
  connections: Record<string, SqliteConnection>;
  getConnection(options?: { uuid?: string }): Promise<SqliteConnection>;
  releaseConnection(connection: SqliteConnection, force?: boolean): void;
}

const TABLE_INFO = /^PRAGMA table_info\(`?([\w]+)`?\)$/i;
const DDL = /^\s*(CREATE|ALTER|DROP)\s/i;

/** Connections that serve reads and writes outside transactions (Sequelize has one: 'default'). */
export const SQLITE_READ_CONNECTIONS = 3;

/**
 * Every connection gets the busy timeout and `synchronous = NORMAL`. And three costs Sequelize's SQLite dialect pays that a profile of the sign-up rush showed on the critical
 * path, removed here at the connection:
 *
 * - It opens a new database connection for every transaction and closes it after (open, schema read,
 *   close: several thread-pool round trips per write). Writers here run one at a time (see db.ts), so
 *   transaction connections are kept open and handed out again.
 * - Before every model SELECT it asks `PRAGMA table_info` of the table to learn the column types it
 *   parses results with: a second round trip for every read. The schema only changes by migration
 *   (DDL), so the answer is kept per table until any connection runs DDL.
 * - Every query outside a transaction goes to its one 'default' connection, which runs one statement at a
 *   time: under load, reads queued behind each other while the CPU idled. With WAL, readers on separate
 *   connections run side by side, so those queries go to the least busy of a few connections.
 */
export function tuneSqliteConnections(sequelize: Sequelize, busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS): { closeAll(): Promise<void> } {
  const manager = sequelize.connectionManager as unknown as ConnectionManager;
  // An in-memory database is one shared connection already (Sequelize keys it by `inMemory`).
  const inMemory = ((sequelize as unknown as { options: { storage?: string } }).options.storage ?? ':memory:') === ':memory:';
  const tableInfo = new Map<string, unknown>();
  const idle: SqliteConnection[] = [];
  const tuned = new WeakSet<object>();
  const busy = new Map<SqliteConnection, number>();
  const readers: SqliteConnection[] = [];
  let openingReaders: Promise<void> | null = null;

  /** Counts a statement in flight on the connection until its callback runs. */
  const counted = (connection: SqliteConnection, rest: unknown[]): unknown[] => {
    const callback = rest[rest.length - 1];
    if (typeof callback !== 'function') return rest;
    busy.set(connection, (busy.get(connection) ?? 0) + 1);
    return [
      ...rest.slice(0, -1),
      function (this: unknown, ...args: unknown[]) {
        busy.set(connection, busy.get(connection)! - 1);
        return (callback as (...a: unknown[]) => unknown).apply(this, args);
      },
    ];
  };

  const tune = (connection: SqliteConnection) => {
    tuned.add(connection);
    busy.set(connection, 0);
    connection.configure('busyTimeout', busyTimeoutMs);
    const all = connection.all.bind(connection);
    const run = connection.run.bind(connection);
    const exec = connection.exec.bind(connection);
    connection.all = (sql: string, ...rest: unknown[]) => {
      const table = TABLE_INFO.exec(sql)?.[1];
      const callback = rest[rest.length - 1] as Callback;
      if (table === undefined || typeof callback !== 'function') {
        if (DDL.test(sql)) tableInfo.clear();
        return all(sql, ...counted(connection, rest));
      }
      const known = tableInfo.get(table);
      if (known) return process.nextTick(() => callback.call(connection, null, known));
      const remember = function (this: unknown, err: Error | null, rows: unknown) {
        if (!err && Array.isArray(rows) && rows.length > 0) tableInfo.set(table, rows);
        callback.call(this, err, rows);
      };
      all(sql, ...counted(connection, [...rest.slice(0, -1), remember]));
    };
    connection.run = (sql: string, ...rest: unknown[]) => {
      if (DDL.test(sql)) tableInfo.clear();
      return run(sql, ...counted(connection, rest));
    };
    connection.exec = (sql: string, ...rest: unknown[]) => {
      if (DDL.test(sql)) tableInfo.clear();
      return exec(sql, ...counted(connection, rest));
    };
  };

  const getConnection = manager.getConnection.bind(manager);
  const releaseConnection = manager.releaseConnection.bind(manager);

  /** Opens (once) and tunes a connection Sequelize keeps under `uuid`. */
  const open = async (options: { uuid?: string } | undefined, uuid: string): Promise<SqliteConnection> => {
    const connection = await getConnection({ ...options, uuid });
    if (!tuned.has(connection)) {
      tune(connection);
      // Per connection, not per file: without it every transaction connection ran at the default
      // FULL and synced the disk at each commit (WAL with NORMAL syncs at checkpoints; a commit
      // survives a crash of the process, and the database stays consistent after a power loss).
      await new Promise<void>((resolve, reject) => connection.run('PRAGMA synchronous = NORMAL', (err: Error | null) => (err ? reject(err) : resolve())));
    }
    return connection;
  };

  const leastBusyReader = async (options: { uuid?: string } | undefined): Promise<SqliteConnection> => {
    if (readers.length < SQLITE_READ_CONNECTIONS) {
      openingReaders ??= (async () => {
        for (let i = 0; i < SQLITE_READ_CONNECTIONS; i++) readers.push(await open(options, i === 0 ? 'default' : `reader-${i}`));
      })();
      await openingReaders;
    }
    let best = readers[0];
    for (const reader of readers) if (busy.get(reader)! < busy.get(best)!) best = reader;
    return best;
  };

  manager.getConnection = async (options) => {
    const uuid = options?.uuid ?? 'default';
    if (inMemory) return open(options, uuid);
    if (uuid === 'default') return leastBusyReader(options);
    const reused = idle.pop();
    if (reused) {
      manager.connections[uuid] = reused;
      return reused;
    }
    return open(options, uuid);
  };
  manager.releaseConnection = (connection, force) => {
    const uuid = connection.uuid;
    if (!uuid || uuid === 'default' || force || inMemory) return releaseConnection(connection, force);
    delete manager.connections[uuid];
    idle.push(connection);
  };

  return {
    async closeAll() {
      const closing = [...idle];
      idle.length = 0;
      await Promise.all(closing.map((c) => new Promise<void>((resolve) => c.close(() => resolve()))));
    },
  };
}
