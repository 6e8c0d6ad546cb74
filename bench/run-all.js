#!/usr/bin/env node
/**
 * `npm run bench` — every benchmark, one after another (never two at once: each measures the machine),
 * on SQLite and, when it answers, MariaDB at 127.0.0.1:3306. Prints each script's figures and a
 * summary line per figure with its ratio or check. `--quick` runs smaller sizes (a few minutes).
 *
 *   npm run bench               # full sizes (stats at 100,000 people: its data set takes minutes the first time)
 *   npm run bench -- --quick
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { flag, mysqlAnswers } = require('./lib/server');

const quick = flag('quick');
const MYSQL = 'mysql://root@127.0.0.1:3306';

function runScript(script, args) {
  const started = Date.now();
  const res = spawnSync(process.execPath, [path.join(__dirname, script), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  const out = res.stdout || '';
  const json = out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1);
  let parsed = null;
  try {
    parsed = JSON.parse(json);
  } catch {
    /* printed below as it came */
  }
  if (!parsed) process.stdout.write(out);
  return { ok: res.status === 0 && parsed !== null, result: parsed, seconds: Math.round((Date.now() - started) / 1000) };
}

(async () => {
  const withMysql = await mysqlAnswers(MYSQL);
  const dbs = withMysql ? ['sqlite', MYSQL] : ['sqlite'];
  if (!withMysql) console.log('MariaDB does not answer at 127.0.0.1:3306: SQLite only');
  const summary = [];
  const line = (text, ok = true) => summary.push(`${ok ? '  ' : '✗ '}${text}`);

  for (const db of dbs) {
    const name = db === 'sqlite' ? 'SQLite' : 'MariaDB';
    const p1 = runScript('signup-rush.js', ['--db', db, ...(quick ? ['--people', '600', '--seats', '30'] : [])]);
    for (const r of p1.result?.results ?? []) line(`P1 ${name}: ${r.signUpsPerSec} sign-ups/s, p99 ${r.p99ms} ms, raw driver ${r.rawDriverPerSec}/s → ratio ${r.ratio} (target ${r.target}), exact: ${r.exact}`, r.exact);
    if (!p1.ok) line(`P1 ${name}: failed`, false);

    const p2 = runScript('read-path.js', ['--db', db, ...(quick ? ['--quick'] : [])]);
    for (const d of p2.result?.results ?? []) {
      for (const r of d.results) line(`P2 ${name}: ${r.route} ${r.reqPerSec} req/s vs bare Koa ${d.bareKoa.reqPerSec} → ${r.ratio} (target 0.4), failed: ${r.failed}`, r.failed === 0);
      line(`P2 ${name}: GET /api/courses sends ${d.catalog.coursesBytes} bytes`);
    }
    if (!p2.ok) line(`P2 ${name}: failed`, false);

    const p5 = runScript('checkin-rush.js', ['--db', db, ...(quick ? ['--people', '300'] : [])]);
    for (const r of p5.result?.results ?? []) line(`P5 ${name}: ${r.people} scans at ${r.arrivalsPerSec}/s: p50 ${r.p50ms} ms, p99 ${r.p99ms} ms (target < 200), exactly once: ${r.exact}`, r.exact);
    if (!p5.ok) line(`P5 ${name}: failed`, false);

    const layers = runScript('layers.js', ['--db', db, ...(quick ? ['--people', '500', '--reads', '500'] : [])]);
    for (const d of layers.result?.results ?? []) {
      for (const r of d.reads) line(`layers ${name}: ${r.layer}: ${r.sequentialUs} µs sequential, ${r.concurrentPerSec}/s concurrent`);
      line(`layers ${name}: enrollment service in-process ${d.signUp.enrollmentServicePerSec}/s vs raw ${d.signUp.rawDriverPerSec}/s → ${d.signUp.ratio}`, d.signUp.exact);
      line(`layers ${name}: the same sign-up through sequelize.query ${d.signUp.sequelizeQueryPerSec}/s → ${d.signUp.sequelizeQueryRatio}`, d.signUp.sequelizeQueryExact);
      if (d.signUp.rawGroupCommitPerSec) line(`layers ${name}: raw driver with group commit (32 a transaction) ${d.signUp.rawGroupCommitPerSec}/s → ${d.signUp.groupCommitGain}× the raw driver`, d.signUp.rawGroupCommitExact);
    }
    if (!layers.ok) line(`layers ${name}: failed`, false);
  }

  for (const db of dbs) {
    const name = db === 'sqlite' ? 'SQLite' : 'MariaDB';
    const url = db === 'sqlite' ? `sqlite:/tmp/cqip-bench${quick ? '-quick' : ''}.sqlite` : `${MYSQL}/cqip_bench${quick ? '_quick' : ''}`;
    if (db !== 'sqlite') {
      const mysql = require(require.resolve('mysql2/promise', { paths: [path.join(__dirname, '../server/dist')] }));
      const conn = await mysql.createConnection(`${MYSQL}/`);
      await conn.query(`CREATE DATABASE IF NOT EXISTS \`cqip_bench${quick ? '_quick' : ''}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await conn.end();
    }
    const p3 = runScript('stats-overview.js', ['--db', url, ...(quick ? ['--practitioners', '10000', '--requests', '100'] : [])]);
    const r = p3.result;
    if (r) line(`P3 ${name}: overview at ${r.practitioners} practitioners, ${r.creditRecords} credit records: p50 ${r.ms.p50} ms, p95 ${r.ms.p95} ms (target < 50)`, r.ms.p95 < 50);
    else line(`P3 ${name}: failed`, false);
  }

  for (const db of dbs) {
    const name = db === 'sqlite' ? 'SQLite' : 'MariaDB';
    const p4 = runScript('import.js', [...(quick ? ['--quick'] : []), ...(db === 'sqlite' ? [] : ['--db', `${MYSQL}/cqip_bench_import`])]);
    for (const r of p4.result?.results ?? []) {
      const target = r.target ? ` (target < ${r.target.seconds} s${r.target.peakMiB ? `, < ${r.target.peakMiB} MiB` : ''}: ${r.target.pass ? 'met' : 'missed'})` : '';
      line(`P4 ${name}: ${r.rows} rows in ${r.seconds} s, peak ${r.peakMiB} MiB, ${r.errors} errors, ${r.rowsWithReplacementChar} rows with U+FFFD${target}`, !r.target || r.target.pass);
    }
    const flat = p4.result?.memoryFlat;
    if (flat) line(`P4 ${name}: heap capped at ${flat.heapCapMiB} MiB, ${flat.runs.map((r) => `${r.rows} rows peak ${r.peakMiB} MiB`).join(', ')} → ratio ${flat.ratio} (flat: ${flat.pass})`, flat.pass);
    if (!p4.ok) line(`P4 ${name}: failed`, false);
  }

  for (const db of dbs) {
    const name = db === 'sqlite' ? 'SQLite' : 'MariaDB';
    const ce = runScript('statements.js', ['--db', db, ...(quick ? ['--people', '200'] : [])]);
    const r = ce.result;
    if (r) line(`statements ${name}: ZIP of ${r.people} in ${r.exportFirstMs} ms (${r.ratioFirstToBare}× the bare renderer, ${r.bareRenderMsPerPdf} ms a PDF), again ${r.ratioAgainToBare}×, server peak ${r.serverRssPeakMiB} MiB`);
    else line(`statements ${name}: failed`, false);
  }

  console.log('\n== npm run bench' + (quick ? ' --quick' : '') + '\n' + summary.join('\n'));
  process.exit(summary.some((l) => l.startsWith('✗')) ? 1 : 0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
