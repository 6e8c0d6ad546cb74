#!/usr/bin/env node
/**
 * P1 — the sign-up rush: N distinct signed-in practitioners (with talent records) tap 报名 at once
 * for one class of C seats. Exactness is checked in the same run (C enrolled, N−C waitlisted at
 * positions 1..N−C, every answer 201, rows equal to what people were told), then the rate is set
 * against the raw driver's rate for the same transaction shape, measured in the same run.
 *
 *   npm run build:server
 *   node bench/signup-rush.js [--db sqlite|mysql://root@127.0.0.1:3306] [--people 2000] [--seats 100]
 *                             [--entry main.js|cluster.js] [--workers 2]
 */
const { performance } = require('node:perf_hooks');
const { arg, startProduct, freshDatabaseUrl, mysqlAnswers } = require('./lib/server');
const { openSeeder, openClassBody } = require('./lib/seed');
const { call, run } = require('./lib/http');
const { rawSignUpRate } = require('./lib/rawDriver');

const people = Number(arg('people', 2000));
const seats = Number(arg('seats', 100));
const entry = arg('entry', 'main.js');

async function rush(kind) {
  const dbUrl = await freshDatabaseUrl(kind, `rush-${entry.replace('.js', '')}`);
  const server = await startProduct({ dbUrl, entry, env: { WORKERS: arg('workers', '2') }, name: 'rush' });
  const seeder = await openSeeder(dbUrl);
  try {
    const trainer = await seeder.staff('trainer');
    const crowd = await seeder.practitioners(people, 1);
    const created = await call(server.port, 'POST', '/api/classes', { token: trainer.token, body: openClassBody({ capacity: seats }) });
    if (created.status !== 201) throw new Error(`class not created: ${created.status} ${JSON.stringify(created.body)}`);
    const classId = created.body.id;

    let next = 0;
    const answers = [];
    const started = performance.now();
    const result = await run({
      url: `http://127.0.0.1:${server.port}`,
      connections: people,
      amount: people,
      timeout: 120,
      requests: [
        {
          method: 'POST',
          path: `/api/classes/${classId}/enrollments`,
          setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${crowd[next++].token}` } }),
          onResponse: (status, body) => answers.push({ status, body: body ? JSON.parse(body) : null }),
        },
      ],
    });
    const seconds = (performance.now() - started) / 1000;

    const enrolled = answers.filter((a) => a.body?.status === 'enrolled').length;
    const positions = answers.filter((a) => a.body?.status === 'waitlisted').map((a) => a.body.waitlistPosition).sort((a, b) => a - b);
    const inOrder = positions.length === people - seats && positions.every((p, i) => p === i + 1);
    const rows = await seeder.count("SELECT COUNT(*) AS n FROM enrollments WHERE class_id = ? AND status = 'enrolled'", [classId]);
    const waitRows = await seeder.count("SELECT COUNT(*) AS n FROM enrollments WHERE class_id = ? AND status = 'waitlisted'", [classId]);
    const exact = answers.length === people && answers.every((a) => a.status === 201) && enrolled === seats && inOrder && rows === seats && waitRows === people - seats && result.errors === 0;

    const raw = await rawSignUpRate(kind === 'sqlite' ? dbUrl : dbUrl, people, seats);
    const perSec = Math.round(people / seconds);
    return {
      database: kind === 'sqlite' ? 'sqlite' : 'mariadb',
      entry,
      people,
      seats,
      exact,
      answered: answers.length,
      non201: answers.filter((a) => a.status !== 201).length,
      enrolled,
      waitlisted: positions.length,
      signUpsPerSec: perSec,
      p50ms: result.latency.p50,
      p99ms: result.latency.p99,
      lastAnsweredAfterS: Math.round(seconds * 10) / 10,
      rawDriverPerSec: raw.perSec,
      rawExact: raw.exact,
      ratio: Math.round((perSec / raw.perSec) * 100) / 100,
      target: kind === 'sqlite' ? 0.5 : 0.3,
    };
  } finally {
    await seeder.close();
    await server.stop();
  }
}

async function main() {
  const chosen = arg('db', 'both');
  const mysqlUrl = chosen.startsWith('mysql') ? chosen : 'mysql://root@127.0.0.1:3306';
  const kinds = chosen === 'both' ? ['sqlite', mysqlUrl] : [chosen.startsWith('mysql') ? mysqlUrl : 'sqlite'];
  const out = [];
  for (const kind of kinds) {
    if (kind !== 'sqlite' && !(await mysqlAnswers(kind))) {
      out.push({ database: 'mariadb', skipped: `nothing answers at ${kind}` });
      continue;
    }
    const r = await rush(kind);
    out.push({ ...r, meetsTarget: r.exact && r.ratio >= r.target });
  }
  console.log(JSON.stringify({ bench: 'P1 sign-up rush', results: out }, null, 2));
  if (out.some((r) => r.exact === false)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
