#!/usr/bin/env node
/**
 * Where a sign-up's time goes, layer by layer, in one run on one database: the same point read
 * (a talent record by its account) through the driver, through Sequelize's raw query, through the
 * model, and through the talent service; then the whole enrollment service in-process (no HTTP) for
 * a rush of N at a C-seat class, against the raw driver's sign-up transaction. The HTTP figure is
 * signup-rush.js's.
 *
 *   npm run build:server
 *   node bench/layers.js [--db sqlite|mysql://root@127.0.0.1:3306] [--people 2000] [--seats 100] [--reads 2000]
 */
const { performance } = require('node:perf_hooks');
const { arg, startProduct, freshDatabaseUrl } = require('./lib/server');
const { openSeeder, openClassBody } = require('./lib/seed');
const { rawSignUpRate } = require('./lib/rawDriver');

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
    const raw = await rawSignUpRate(dbUrl, people, seats);
    return {
      database: kind === 'sqlite' ? 'SQLite' : 'MariaDB',
      reads: rows,
      signUp: {
        enrollmentServicePerSec: Math.round(serviceRate),
        exact: enrolled === seats && outcomes.length === people,
        rawDriverPerSec: Math.round(raw.perSec),
        ratio: Number((serviceRate / raw.perSec).toFixed(2)),
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
