#!/usr/bin/env node
/**
 * Where a sign-up's time goes, layer by layer, in one run on one database: the same point read
 * (a talent record by its account) through the driver, through Sequelize's raw query, through the
 * model, and through the talent service; then the whole enrollment service in-process (no HTTP) for
 * a rush of N at a C-seat class, against the raw driver's sign-up transaction. The HTTP figure is
 * signup-rush.js's.
 *
 * Two alternatives, measured rather than guessed: the same sign-up written as SQL through
 * `sequelize.query` (the product's connections and write transactions, no models), and group commit
 * on the raw SQLite driver (up to 32 queued sign-ups in one transaction, a savepoint each).
 *
 *   npm run build:server
 *   node bench/layers.js [--db sqlite|mysql://root@127.0.0.1:3306] [--people 2000] [--seats 100] [--reads 2000]
 */
const { performance } = require('node:perf_hooks');
const { arg, startProduct, freshDatabaseUrl } = require('./lib/server');
const { openSeeder, openClassBody } = require('./lib/seed');
const { rawSignUpRate, rawGroupCommitRate } = require('./lib/rawDriver');

const people = Number(arg('people', 2000));
const seats = Number(arg('seats', 100));
const reads = Number(arg('reads', 2000));

/** µs per call, calls one after another (latency), and calls/s with all issued at once (throughput). */
async function measure(label, ids, once) {
  for (const id of ids.slice(0, 200)) await once(id); // warm-up: JIT and caches
  let started = performance.now();
  for (const id of ids) await once(id);
  const sequentialUs = ((performance.now() - started) * 1000) / ids.length;
  started = performance.now();
  await Promise.all(ids.map(once));
  const concurrentPerSec = ids.length / ((performance.now() - started) / 1000);
  return { layer: label, sequentialUs: Math.round(sequentialUs), concurrentPerSec: Math.round(concurrentPerSec) };
}

function driverRead(db) {
  const manager = db.sequelize.connectionManager;
  const sql = 'SELECT id, user_id, name, status FROM practitioners WHERE user_id = ?';
  if (db.dialect === 'sqlite') {
    let conn;
    return async (userId) => {
      conn ??= await manager.getConnection({ uuid: 'default' });
      return new Promise((resolve, reject) => conn.get(sql, [userId], (err, row) => (err ? reject(err) : resolve(row))));
    };
  }
  return async (userId) => {
    const conn = await manager.getConnection({ type: 'SELECT' });
    try {
      return await new Promise((resolve, reject) => conn.query(sql, [userId], (err, rows) => (err ? reject(err) : resolve(rows[0]))));
    } finally {
      manager.releaseConnection(conn);
    }
  };
}

/**
 * The enrollment service's sign-up (repeat check, class lock, one seat tally, INSERT) as SQL through
 * sequelize.query: the ORM's query path without its models. Waitlist positions are not computed;
 * everything else the transaction does is.
 */
function querySignUp(db) {
  const q = (sql, replacements, options = {}) => db.sequelize.query(sql, { replacements, type: 'SELECT', ...options });
  const lock = db.dialect === 'mysql' ? ' FOR UPDATE' : '';
  return async (userId, classId) => {
    const [me] = await q('SELECT id FROM practitioners WHERE user_id = ?', [userId]);
    const [existing] = await q('SELECT id, status FROM enrollments WHERE class_id = ? AND practitioner_id = ? AND active = 1', [classId, me.id]);
    if (existing) return existing.status;
    return db.writeTransaction(async (transaction) => {
      const [cls] = await q(`SELECT id, capacity, state, requires_approval FROM classes WHERE id = ?${lock}`, [classId], { transaction });
      const [tally] = await q(
        "SELECT COALESCE(SUM(CASE WHEN status = 'enrolled' THEN 1 ELSE 0 END), 0) AS enrolled, COALESCE(MAX(waitlist_seq), 0) AS lastSeq FROM enrollments WHERE class_id = ?",
        [classId],
        { transaction },
      );
      const seat = Number(tally.enrolled) < cls.capacity;
      const now = new Date();
      await q(
        'INSERT INTO enrollments (class_id, practitioner_id, status, active, waitlist_seq, decided_by, ended_at, outcome, created_at, updated_at) VALUES (?, ?, ?, 1, ?, NULL, NULL, NULL, ?, ?)',
        [classId, me.id, seat ? 'enrolled' : 'waitlisted', seat ? null : Number(tally.lastSeq) + 1, now, now],
        { transaction, type: 'INSERT' },
      );
      return seat ? 'enrolled' : 'waitlisted';
    });
  };
}

async function layers(kind) {
  const dbUrl = await freshDatabaseUrl(kind, 'layers');
  const server = await startProduct({ dbUrl, name: 'layers' }); // migrates and loads the catalog
  await server.stop();
  const seeder = await openSeeder(dbUrl);
  const { db, services } = seeder;
  try {
    const crowd = await seeder.practitioners(Math.max(people, reads), 3);
    const userIds = crowd.slice(0, reads).map((p) => p.userId);
    const Practitioner = db.sequelize.model('Practitioner');
    const rows = [];
    rows.push(await measure('driver (sqlite3 / mysql2), one point SELECT', userIds, driverRead(db)));
    rows.push(
      await measure('sequelize.query, the same SELECT', userIds, (userId) =>
        db.sequelize.query('SELECT id, user_id, name, status FROM practitioners WHERE user_id = ?', { replacements: [userId], type: 'SELECT' }),
      ),
    );
    rows.push(await measure('Model.findOne, the whole row', userIds, (userId) => Practitioner.findOne({ where: { userId } })));
    rows.push(await measure('talent service: requireOwnRecord', userIds, (userId) => services.talent.requireOwnRecord(userId)));

    const trainer = await seeder.staff('trainer');
    const body = openClassBody({ capacity: seats });
    const cls = await services.classes.create(trainer.userId, { ...body, enrollOpensAt: new Date(body.enrollOpensAt), enrollClosesAt: new Date(body.enrollClosesAt) });
    const rushers = crowd.slice(0, people);
    const started = performance.now();
    const outcomes = await Promise.all(rushers.map((p) => services.enrollment.enroll(p.userId, cls.id)));
    const serviceRate = people / ((performance.now() - started) / 1000);
    const enrolled = outcomes.filter((o) => o.enrollment.status === 'enrolled').length;
    // the same rush at a second class, through sequelize.query
    const cls2 = await services.classes.create(trainer.userId, { ...body, enrollOpensAt: new Date(body.enrollOpensAt), enrollClosesAt: new Date(body.enrollClosesAt) });
    const signUp = querySignUp(db);
    const started2 = performance.now();
    const statuses = await Promise.all(rushers.map((p) => signUp(p.userId, cls2.id)));
    const queryRate = people / ((performance.now() - started2) / 1000);
    const raw = await rawSignUpRate(dbUrl, people, seats);
    const grouped = db.dialect === 'sqlite' ? await rawGroupCommitRate(dbUrl, people, seats, 32) : null;
    return {
      database: kind === 'sqlite' ? 'SQLite' : 'MariaDB',
      reads: rows,
      signUp: {
        enrollmentServicePerSec: Math.round(serviceRate),
        exact: enrolled === seats && outcomes.length === people,
        rawDriverPerSec: Math.round(raw.perSec),
        ratio: Number((serviceRate / raw.perSec).toFixed(2)),
        sequelizeQueryPerSec: Math.round(queryRate),
        sequelizeQueryExact: statuses.filter((s) => s === 'enrolled').length === seats,
        sequelizeQueryRatio: Number((queryRate / raw.perSec).toFixed(2)),
        ...(grouped ? { rawGroupCommitPerSec: grouped.perSec, rawGroupCommitExact: grouped.exact, groupCommitGain: Number((grouped.perSec / raw.perSec).toFixed(2)) } : {}),
      },
    };
  } finally {
    await seeder.close();
  }
}

(async () => {
  const which = arg('db', 'both');
  const kinds = which === 'both' ? ['sqlite', 'mysql://root@127.0.0.1:3306'] : [which];
  const results = [];
  for (const kind of kinds) results.push(await layers(kind));
  console.log(JSON.stringify({ bench: 'layers', people, seats, reads, results }, null, 2));
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
