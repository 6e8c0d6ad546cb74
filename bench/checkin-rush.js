#!/usr/bin/env node
/**
 * P5 — check-in at the door: N enrolled practitioners scan the session's rotating QR code, arriving at
 * R a second (autocannon's overall rate, so a slow server makes a queue, as at a real door). Each must
 * be recorded exactly once (every answer 201, N attendance rows); p50/p99 of the answers. The trainer's
 * screen token is fetched as the app fetches it. autocannon lets each connection send its share at the
 * start of every second, so each second's R people arrive in the same instant: harsher than a door.
 *
 *   npm run build:server
 *   node bench/checkin-rush.js [--db sqlite|mysql://root@127.0.0.1:3306] [--people 1000] [--rate 100]
 */
const { arg, startProduct, freshDatabaseUrl } = require('./lib/server');
const { openSeeder, openClassBody } = require('./lib/seed');
const { call, run } = require('./lib/http');

const people = Number(arg('people', 1000));
const rate = Number(arg('rate', 100));

const shanghaiDate = (d) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

async function rush(kind) {
  const dbUrl = await freshDatabaseUrl(kind, 'checkin');
  const server = await startProduct({ dbUrl, name: 'checkin' });
  const seeder = await openSeeder(dbUrl);
  try {
    const trainer = await seeder.staff('trainer');
    const crowd = await seeder.practitioners(people, 2);
    const now = Date.now();
    const body = openClassBody({
      capacity: people,
      startDate: shanghaiDate(new Date(now)),
      endDate: shanghaiDate(new Date(now + 86400000)),
      sessions: [{ startsAt: new Date(now - 5 * 60000).toISOString(), endsAt: new Date(now + 3 * 3600000).toISOString(), topic: '专利检索实务' }],
    });
    const created = await call(server.port, 'POST', '/api/classes', { token: trainer.token, body });
    if (created.status !== 201) throw new Error(`class not created: ${created.status} ${JSON.stringify(created.body)}`);
    const classId = created.body.id;
    for (const p of crowd) {
      const res = await call(server.port, 'POST', `/api/classes/${classId}/enrollments`, { token: p.token });
      if (res.status !== 201 || res.body.status !== 'enrolled') throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const sessions = await call(server.port, 'GET', `/api/classes/${classId}/sessions`, { token: trainer.token });
    const sessionId = sessions.body.items[0].id;
    const screen = await call(server.port, 'POST', `/api/sessions/${sessionId}/checkin-token`, { token: trainer.token });
    if (screen.status !== 201 && screen.status !== 200) throw new Error(`no check-in token: ${screen.status} ${JSON.stringify(screen.body)}`);
    const qr = screen.body.token;

    let next = 0;
    const answers = [];
    const result = await run({
      url: `http://127.0.0.1:${server.port}`,
      connections: Math.min(people, 200),
      overallRate: rate,
      // autocannon's correction for coordinated omission assumes an interval of ceil(1/rate) ms per
      // connection (1 ms here, where it is 1 s): it would add hundreds of invented samples per answer.
      ignoreCoordinatedOmission: true,
      amount: people,
      timeout: 60,
      requests: [
        {
          method: 'POST',
          path: '/api/checkins',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: qr }),
          setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${crowd[next++].token}` } }),
          onResponse: (status) => answers.push(status),
        },
      ],
    });
    const rows = await seeder.count("SELECT COUNT(*) AS n FROM attendance WHERE session_id = ? AND status IN ('present', 'late')", [sessionId]);
    const distinct = await seeder.count('SELECT COUNT(DISTINCT practitioner_id) AS n FROM attendance WHERE session_id = ?', [sessionId]);
    const exact = answers.length === people && answers.every((s) => s === 201) && rows === people && distinct === people && result.errors === 0;
    return {
      database: kind === 'sqlite' ? 'SQLite' : 'MariaDB',
      people,
      arrivalsPerSec: rate,
      exact,
      non201: answers.filter((s) => s !== 201).length,
      p50ms: result.latency.p50,
      p99ms: result.latency.p99,
      maxMs: result.latency.max,
      target: 'p99 < 200 ms',
      meetsTarget: exact && result.latency.p99 < 200,
    };
  } finally {
    await seeder.close();
    await server.stop();
  }
}

(async () => {
  const kinds = arg('db', 'sqlite') === 'both' ? ['sqlite', 'mysql://root@127.0.0.1:3306'] : [arg('db', 'sqlite')];
  const results = [];
  for (const kind of kinds) results.push(await rush(kind));
  console.log(JSON.stringify({ bench: 'P5 check-in rush', results }, null, 2));
  process.exit(results.every((r) => r.exact) ? 0 : 1);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
