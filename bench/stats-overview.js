#!/usr/bin/env node
/**
 * GET /api/stats/overview at scale: 100,000 practitioners and 1,000,000 credit records.
 *
 *   npm run build:server
 *   node bench/stats-overview.js --db sqlite:/tmp/cqip-bench.sqlite
 *   node bench/stats-overview.js --db mysql://root@127.0.0.1:3306/cqip_bench
 *
 * The data set is generated once per database (npm run demo's generator, --practitioners 100000).
 * Then, in one process: warm-up requests, then N sequential requests over HTTP on loopback, and the
 * latency percentiles. Target: p95 under 50 ms, warm, on SQLite and on MariaDB.
 */
const http = require('node:http');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const dbUrl = arg('db', 'sqlite:/tmp/cqip-bench.sqlite');
const practitioners = Number(arg('practitioners', 100000));
const requests = Number(arg('requests', 300));
const dist = path.resolve(__dirname, '../server/dist');

async function main() {
  process.env.DATABASE_URL = dbUrl;
  process.env.DATA_DIR = process.env.DATA_DIR || '/tmp/cqip-bench-data';
  const { loadConfig } = require(`${dist}/config`);
  const { createDatabase, prepareDatabase } = require(`${dist}/platform/db`);
  const { migrateToLatest } = require(`${dist}/platform/migrator`);
  const { generateDemo } = require(`${dist}/demo/generate`);
  const { createApp } = require(`${dist}/app`);
  const { systemClock } = require(`${dist}/platform/clock`);
  const pino = require(require.resolve('pino', { paths: [dist] }));

  const config = loadConfig(process.env, () => {});
  const db = createDatabase(config.databaseUrl);
  await prepareDatabase(db);
  await migrateToLatest(db);
  const count = async (table) => Number((await db.sequelize.query(`SELECT COUNT(*) AS n FROM ${table}`, { type: 'SELECT' }))[0].n);
  if ((await count('practitioners')) === 0) {
    const t0 = performance.now();
    console.error(`generating ${practitioners} practitioners and ~${practitioners * 10} credit records into ${dbUrl} …`);
    await generateDemo(db, config, { practitioners, creditRecordsPerPerson: 10, log: (m) => console.error(`  ${m}`) });
    console.error(`  generated in ${Math.round((performance.now() - t0) / 1000)} s`);
  }
  const sizes = { practitioners: await count('practitioners'), creditRecords: await count('credit_records'), enrollments: await count('enrollments') };

  const app = createApp({ config, db, clock: systemClock, logger: pino({ level: 'silent' }) });
  const staffOf = async (role) => (await db.sequelize.query(`SELECT id, district_code FROM users WHERE role = ? ORDER BY id LIMIT 1`, { replacements: [role], type: 'SELECT' }))[0];
  const office = await staffOf('office');
  const district = await staffOf('district');
  const tokens = {
    office: app.services.tokens.sign({ id: office.id, role: 'office', tokenVersion: 0 }),
    district: district ? app.services.tokens.sign({ id: district.id, role: 'district', tokenVersion: 0 }) : null,
  };
  const server = http.createServer(app.koa.callback());
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  // The baseline: a bare Koa route answering a small JSON, on the same loopback, in the same run.
  const Koa = require(require.resolve('koa', { paths: [dist] }));
  const bare = new Koa();
  bare.use((ctx) => {
    ctx.body = { ok: true };
  });
  const bareServer = http.createServer(bare.callback());
  await new Promise((r) => bareServer.listen(0, '127.0.0.1', r));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (port, urlPath, token) =>
    new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent, headers: token ? { Authorization: `Bearer ${token}` } : {} }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${res.statusCode} ${body}`))));
      });
      req.on('error', reject);
    });
  const measure = async (port, urlPath, token) => {
    for (let i = 0; i < 20; i++) await get(port, urlPath, token);
    const times = [];
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      await get(port, urlPath, token);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const pct = (p) => Math.round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] * 10) / 10;
    return { p50: pct(50), p95: pct(95), p99: pct(99), max: Math.round(times[times.length - 1] * 10) / 10 };
  };

  const lastYear = new Date().getFullYear() - 1;
  const baseline = await measure(bareServer.address().port, '/', null);
  const paths = [
    ['city, now', '/api/stats/overview', tokens.office],
    ...(tokens.district ? [[`district ${district.district_code}, now`, '/api/stats/overview', tokens.district]] : []),
    [`city, end of ${lastYear}`, `/api/stats/overview?year=${lastYear}`, tokens.office],
    ...(tokens.district ? [[`district ${district.district_code}, end of ${lastYear}`, `/api/stats/overview?year=${lastYear}`, tokens.district]] : []),
    [`city report ${lastYear} (json)`, `/api/stats/report?year=${lastYear}&format=json`, tokens.office],
  ];
  const results = [];
  for (const [name, urlPath, token] of paths) {
    const ms = await measure(server.address().port, urlPath, token);
    results.push({ name, ms, p95OverBaseline: Math.round((ms.p95 / baseline.p95) * 10) / 10 });
  }
  const overview = JSON.parse(await get(server.address().port, '/api/stats/overview', tokens.office));
  console.log(
    JSON.stringify(
      {
        database: db.dialect,
        ...sizes,
        requests,
        baselineBareKoaMs: baseline,
        results,
        rssMiB: Math.round(process.memoryUsage().rss / 1048576),
        verified: overview.practitioners.verified,
        compliance: overview.compliance,
      },
      null,
      2,
    ),
  );
  server.close();
  bareServer.close();
  agent.destroy();
  await db.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
