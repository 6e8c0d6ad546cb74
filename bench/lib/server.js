/**
 * The product as a user runs it: `node server/dist/main.js` (or the cluster entry) in a child process,
 * so the load generator never shares the server's event loop. Also the bare Koa baseline, started the
 * same way, and the helpers every bench uses to reach a database of its own.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
// BENCH_DIST: another build of the server (an older commit's, for "before" figures)
const DIST = process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : path.join(ROOT, 'server/dist');
const SECRETS = { JWT_SECRET: 'bench-jwt-secret-0123456789abcdef', ID_HASH_KEY: 'bench-id-hash-key-0123456789abcdef' };

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const flag = (name) => process.argv.includes(`--${name}`);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function get(port, urlPath) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
  });
}

async function waitReady(port, child, logFile) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}); see ${logFile}`);
    if ((await get(port, '/readyz')) === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not ready after 60 s; see ${logFile}`);
}

/** Peak and current resident memory of a process, in MiB (Linux /proc). */
function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number((new RegExp(`${key}:\\s+(\\d+)`).exec(status) || [])[1] || 0);
  return { rssMiB: Math.round(kb('VmRSS') / 1024), peakMiB: Math.round(kb('VmHWM') / 1024) };
}

/**
 * Starts the real server on `dbUrl`. Logs go to a file, as a production process's stdout would go to
 * a collector: request logging is part of what is measured.
 */
async function startProduct({ dbUrl, entry = 'main.js', env = {}, name = 'product', nodeArgs: extraNodeArgs = [] }) {
  const port = await freePort();
  const logFile = `/tmp/cqip-bench-${name}-${port}.log`;
  const out = fs.openSync(logFile, 'w');
  // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load
  const nodeArgs = [...(process.env.BENCH_NODE_ARGS || '').split(' ').filter(Boolean), ...extraNodeArgs];
  const child = spawn(process.execPath, [...nodeArgs, path.join(DIST, entry)], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: dbUrl,
      DATA_DIR: '/tmp/cqip-bench-data',
      CLIENT_DIST: '/tmp/cqip-bench-no-client',
      PUBLIC_BASE_URL: 'https://cqip.example.cn',
      ...SECRETS,
      // for experiments: BENCH_SERVER_ENV='{"UV_THREADPOOL_SIZE":"8"}'
      ...JSON.parse(process.env.BENCH_SERVER_ENV || '{}'),
      ...env,
    },
    stdio: ['ignore', out, out],
  });
  await waitReady(port, child, logFile);
  return {
    port,
    pid: child.pid,
    logFile,
    memory: () => memoryOf(child.pid),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The baseline: Koa + @koa/router answering one constant 20-item JSON body, in its own process. */
async function startBareKoa() {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, 'bareKoa.js'), String(port)], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 100 && (await get(port, '/items')) !== 200; i++) await new Promise((r) => setTimeout(r, 50));
  return { port, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}

/** mysql://user@host:port of a url that may name a database. */
const serverOf = (url) => {
  const u = new URL(url);
  return `${u.protocol}//${u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : ''}${u.host}`;
};

/** A database of the bench's own: a new SQLite file, or a MariaDB database dropped and made again. */
async function freshDatabaseUrl(kind, name) {
  if (kind === 'sqlite') {
    const file = `/tmp/cqip-bench-${name}.sqlite`;
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    return `sqlite:${file}`;
  }
  const base = serverOf(kind);
  const mysql = require(require.resolve('mysql2/promise', { paths: [DIST] }));
  const conn = await mysql.createConnection(`${base}/`);
  const db = `cqip_bench_${name.replace(/\W/g, '_')}`;
  await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
  await conn.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  return `${base}/${db}`;
}

/** Whether MariaDB answers at this url's server (the bench skips the MariaDB half otherwise). */
async function mysqlAnswers(url) {
  try {
    const mysql = require(require.resolve('mysql2/promise', { paths: [DIST] }));
    const conn = await mysql.createConnection(`${serverOf(url)}/`);
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

module.exports = { ROOT, DIST, SECRETS, arg, flag, startProduct, startBareKoa, freshDatabaseUrl, mysqlAnswers, memoryOf };
