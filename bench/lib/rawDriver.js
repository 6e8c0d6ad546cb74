/**
 * The database's own speed for one sign-up, measured with the product's driver and nothing else:
 * the same transaction shape the product runs (a conditional UPDATE of the class's seat counter,
 * else of its waitlist counter; the INSERT of the enrollment; COMMIT), `n` of them for one class
 * of `capacity` seats, all issued at once as the rush issues them.
 */
const { performance } = require('node:perf_hooks');
const { DIST } = require('./server');

const need = (name) => require(require.resolve(name, { paths: [DIST] }));

const SCHEMA = [
  'CREATE TABLE raw_classes (id INTEGER PRIMARY KEY, capacity INTEGER NOT NULL, enrolled_count INTEGER NOT NULL, waitlist_last INTEGER NOT NULL)',
  'CREATE TABLE raw_enrollments (id INTEGER PRIMARY KEY AUTO_INCREMENT, class_id INTEGER NOT NULL, practitioner_id INTEGER NOT NULL, status VARCHAR(16) NOT NULL, waitlist_seq INTEGER NULL, created_at DATETIME(3) NOT NULL, UNIQUE (class_id, practitioner_id))',
];

/** A new SQLite file (WAL, synchronous=NORMAL, as the product sets it) with the raw tables and one class. */
async function openRawSqlite(file, capacity) {
  const sqlite3 = need('sqlite3');
  const fs = require('node:fs');
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const db = new sqlite3.Database(file);
  const q = (method, sql, params = []) => new Promise((resolve, reject) => db[method](sql, params, function (err, rows) { return err ? reject(err) : resolve(method === 'run' ? this : rows); }));
  db.configure('busyTimeout', 15000);
  await q('all', 'PRAGMA journal_mode = WAL');
  await q('run', 'PRAGMA synchronous = NORMAL');
  for (const sql of SCHEMA) await q('run', sql.replace('AUTO_INCREMENT', 'AUTOINCREMENT'));
  await q('run', 'INSERT INTO raw_classes VALUES (1, ?, 0, 0)', [capacity]);
  return { db, q };
}

async function sqliteRate(file, n, capacity) {
  const { db, q } = await openRawSqlite(file, capacity);
  // One connection, so transactions must not interleave: they queue, as the product's writers do.
  let tail = Promise.resolve();
  const signUp = async (pid) => {
    await q('run', 'BEGIN IMMEDIATE');
    const seat = await q('run', 'UPDATE raw_classes SET enrolled_count = enrolled_count + 1 WHERE id = 1 AND enrolled_count < capacity');
    let seq = null;
    if (seat.changes === 0) seq = (await q('all', 'UPDATE raw_classes SET waitlist_last = waitlist_last + 1 WHERE id = 1 RETURNING waitlist_last'))[0].waitlist_last;
    await q('run', 'INSERT INTO raw_enrollments (class_id, practitioner_id, status, waitlist_seq, created_at) VALUES (1, ?, ?, ?, ?)', [pid, seq === null ? 'enrolled' : 'waitlisted', seq, new Date().toISOString()]);
    await q('run', 'COMMIT');
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => (tail = tail.then(() => signUp(i + 1)))));
  const seconds = (performance.now() - started) / 1000;
  const [check] = await q('all', "SELECT SUM(status = 'enrolled') AS enrolled, SUM(status = 'waitlisted') AS waitlisted FROM raw_enrollments");
  await new Promise((r) => db.close(r));
  return { perSec: Math.round(n / seconds), exact: check.enrolled === capacity && check.waitlisted === n - capacity };
}

/**
 * Group commit: the queued sign-ups taken up to `batch` at a time into one transaction, each in its
 * own savepoint (a failing one would roll back alone), one COMMIT for the batch.
 */
async function sqliteGroupRate(file, n, capacity, batch) {
  const { db, q } = await openRawSqlite(file, capacity);
  const waiting = [];
  let running = false;
  const signUp = async (pid) => {
    const seat = await q('run', 'UPDATE raw_classes SET enrolled_count = enrolled_count + 1 WHERE id = 1 AND enrolled_count < capacity');
    let seq = null;
    if (seat.changes === 0) seq = (await q('all', 'UPDATE raw_classes SET waitlist_last = waitlist_last + 1 WHERE id = 1 RETURNING waitlist_last'))[0].waitlist_last;
    await q('run', 'INSERT INTO raw_enrollments (class_id, practitioner_id, status, waitlist_seq, created_at) VALUES (1, ?, ?, ?, ?)', [pid, seq === null ? 'enrolled' : 'waitlisted', seq, new Date().toISOString()]);
  };
  const drain = async () => {
    if (running) return;
    running = true;
    while (waiting.length > 0) {
      const group = waiting.splice(0, batch);
      await q('run', 'BEGIN IMMEDIATE');
      for (const job of group) {
        await q('run', 'SAVEPOINT one');
        try {
          await signUp(job.pid);
          await q('run', 'RELEASE one');
          job.done = true;
        } catch (err) {
          await q('run', 'ROLLBACK TO one');
          await q('run', 'RELEASE one');
          job.error = err;
        }
      }
      await q('run', 'COMMIT');
      for (const job of group) (job.error ? job.reject(job.error) : job.resolve());
    }
    running = false;
  };
  const enqueue = (pid) => new Promise((resolve, reject) => { waiting.push({ pid, resolve, reject }); drain(); });
  const started = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => enqueue(i + 1)));
  const seconds = (performance.now() - started) / 1000;
  const [check] = await q('all', "SELECT SUM(status = 'enrolled') AS enrolled, SUM(status = 'waitlisted') AS waitlisted FROM raw_enrollments");
  await new Promise((r) => db.close(r));
  return { perSec: Math.round(n / seconds), exact: check.enrolled === capacity && check.waitlisted === n - capacity };
}

async function mysqlRate(url, n, capacity) {
  const mysql = need('mysql2/promise');
  const pool = mysql.createPool({ uri: url, connectionLimit: 10 });
  await pool.query('DROP TABLE IF EXISTS raw_enrollments');
  await pool.query('DROP TABLE IF EXISTS raw_classes');
  for (const sql of SCHEMA) await pool.query(sql);
  await pool.query('INSERT INTO raw_classes VALUES (1, ?, 0, 0)', [capacity]);
  const signUp = async (pid) => {
    const conn = await pool.getConnection();
    try {
      await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
      await conn.query('START TRANSACTION');
      const [seat] = await conn.execute('UPDATE raw_classes SET enrolled_count = enrolled_count + 1 WHERE id = 1 AND enrolled_count < capacity');
      let seq = null;
      if (seat.affectedRows === 0) seq = (await conn.execute('UPDATE raw_classes SET waitlist_last = LAST_INSERT_ID(waitlist_last + 1) WHERE id = 1'))[0].insertId;
      await conn.execute('INSERT INTO raw_enrollments (class_id, practitioner_id, status, waitlist_seq, created_at) VALUES (1, ?, ?, ?, NOW(3))', [pid, seq === null ? 'enrolled' : 'waitlisted', seq]);
      await conn.query('COMMIT');
    } finally {
      conn.release();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => signUp(i + 1)));
  const seconds = (performance.now() - started) / 1000;
  const [[check]] = await pool.query("SELECT SUM(status = 'enrolled') AS enrolled, SUM(status = 'waitlisted') AS waitlisted FROM raw_enrollments");
  await pool.query('DROP TABLE raw_enrollments');
  await pool.query('DROP TABLE raw_classes');
  await pool.end();
  return { perSec: Math.round(n / seconds), exact: Number(check.enrolled) === capacity && Number(check.waitlisted) === n - capacity };
}

/** Sign-ups per second the driver alone reaches, for a database url (sqlite:… or mysql://…). */
function rawSignUpRate(dbUrl, n, capacity) {
  return dbUrl.startsWith('sqlite:') ? sqliteRate(`${dbUrl.slice('sqlite:'.length)}.raw`, n, capacity) : mysqlRate(dbUrl, n, capacity);
}

/** The same on SQLite with group commit (`batch` sign-ups per transaction). */
function rawGroupCommitRate(dbUrl, n, capacity, batch) {
  return sqliteGroupRate(`${dbUrl.slice('sqlite:'.length)}.raw-group`, n, capacity, batch);
}

module.exports = { rawSignUpRate, rawGroupCommitRate };
