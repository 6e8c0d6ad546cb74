import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Exact across processes: two server processes on one database share nothing but the database. A
 * sign-up rush (with double taps sent to both at once) and a password brute force are split across
 * them, on MariaDB and on one SQLite file (where, inside one process, every write passes one queue:
 * across two, only the database's own locks and unique indexes keep the count exact). Plus
 * `start:cluster`: N workers on one port, and SQLite refused; and SIGTERM under load.
 */
const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'server/dist');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { openSeeder, openClassBody } = require(path.join(ROOT, 'bench/lib/seed.js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SECRETS } = require(path.join(ROOT, 'bench/lib/server.js'));

const DB_URL = process.env.TEST_DATABASE_URL;
if (!DB_URL || DB_URL.startsWith('sqlite:')) throw new Error('test:processes needs TEST_DATABASE_URL=mysql://… (a database it may empty)');
if (!fs.existsSync(path.join(DIST, 'cluster.js'))) throw new Error('server/dist is missing: run "npm run build:server" first');

const PEOPLE = 300;
const SEATS = 40;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

interface Proc {
  port: number;
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

async function start(entry: string, env: Record<string, string> = {}, waitReady = true): Promise<Proc> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqip-proc-'));
  const child = spawn(process.execPath, [path.join(DIST, entry)], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: DB_URL!, LOG_LEVEL: 'warn', CLIENT_DIST: path.join(dataDir, 'no-client'), PUBLIC_BASE_URL: 'https://cqip.example.cn', ...SECRETS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (c) => output.push(String(c)));
  child.stderr!.on('data', (c) => output.push(String(c)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const proc: Proc = {
    port,
    child,
    output,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  if (!waitReady) return proc;
  const deadline = Date.now() + 60000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ok) return proc;
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}: ${output.join('').slice(-800)}`);
    if (Date.now() > deadline) throw new Error(`${entry} not ready in 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function api(port: number, method: string, urlPath: string, body?: unknown, token?: string) {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, any> };
}

const SQLITE_URL = `sqlite:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cqip-two-')), 'app.sqlite')}`;

async function emptyDatabase(url: string) {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createDatabase } = require(path.join(DIST, 'platform/db.js'));
  const db = createDatabase(url);
  const [tables] = await db.sequelize.query('SHOW TABLES');
  await db.sequelize.query('SET FOREIGN_KEY_CHECKS = 0');
  for (const row of tables as Record<string, string>[]) await db.sequelize.query(`DROP TABLE IF EXISTS \`${Object.values(row)[0]}\``);
  await db.sequelize.query('SET FOREIGN_KEY_CHECKS = 1');
  await db.close();
}

describe.each([
  ['MariaDB', DB_URL],
  ['SQLite', SQLITE_URL],
])('two server processes on one %s database', (_name, url) => {
  let a: Proc;
  let b: Proc;
  let seeder: any;
  beforeAll(async () => {
    await emptyDatabase(url);
    a = await start('main.js', { DATABASE_URL: url }); // migrates and loads the catalog
    b = await start('main.js', { DATABASE_URL: url }); // finds both done
    seeder = await openSeeder(url);
  });
  afterAll(async () => {
    await seeder?.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('keeps capacity exact and the waitlist in order under a rush split across both, double taps included', async () => {
    const trainer = await seeder.staff('trainer');
    const crowd: { token: string; practitionerId: number }[] = await seeder.practitioners(PEOPLE, 41);
    const created = await api(a.port, 'POST', '/api/classes', openClassBody({ capacity: SEATS }), trainer.token);
    expect(created.status).toBe(201);
    const classId = created.body.id;

    // Every person taps twice at the same moment, once on each process.
    const answers = await Promise.all(
      crowd.map(async (person, i) => {
        const [first, second] = i % 2 ? [a, b] : [b, a];
        const [x, y] = await Promise.all([first, second].map((p) => api(p.port, 'POST', `/api/classes/${classId}/enrollments`, undefined, person.token)));
        return { x, y };
      }),
    );
    for (const { x, y } of answers) {
      expect([x.status, y.status].sort()).toEqual([200, 201]); // one placed it, the other was answered with it
      expect(y.body.id).toBe(x.body.id);
      expect(y.body.status).toBe(x.body.status);
    }
    const placed = answers.map(({ x }) => x.body);
    expect(placed.filter((e) => e.status === 'enrolled')).toHaveLength(SEATS);
    const positions = placed.filter((e) => e.status === 'waitlisted').map((e) => e.waitlistPosition).sort((p, q) => p - q);
    expect(positions).toEqual(Array.from({ length: PEOPLE - SEATS }, (_, i) => i + 1));

    const rows = await seeder.count("SELECT COUNT(*) AS n FROM enrollments WHERE class_id = ? AND status = 'enrolled'", [classId]);
    const waiting = await seeder.count("SELECT COUNT(*) AS n FROM enrollments WHERE class_id = ? AND status = 'waitlisted'", [classId]);
    const distinctSeqs = await seeder.count("SELECT COUNT(DISTINCT waitlist_seq) AS n FROM enrollments WHERE class_id = ? AND status = 'waitlisted'", [classId]);
    expect([rows, waiting, distinctSeqs]).toEqual([SEATS, PEOPLE - SEATS, PEOPLE - SEATS]);
    // Both processes tell the same story.
    const [viewA, viewB] = await Promise.all([a, b].map((p) => api(p.port, 'GET', `/api/classes/${classId}`)));
    expect(viewA.body).toMatchObject({ enrolledCount: SEATS, waitlistCount: PEOPLE - SEATS, seatsLeft: 0 });
    expect(viewB.body).toEqual(viewA.body);
  });

  it('holds the sign-in lockout across both: a burst of wrong passwords split between them', async () => {
    const phone = '13912345678';
    const password = 'correct-horse-7';
    const registered = await api(a.port, 'POST', '/api/auth/register', { phone, password, name: '测试用户' });
    expect(registered.status).toBe(201);
    // A burst of 16 guesses at once, then one at a time until refused, alternating processes: across
    // both, exactly 5 wrong passwords are ever checked in the window (guesses in flight count against
    // each other, so some of the burst are refused before being checked).
    const burst = await Promise.all(
      Array.from({ length: 16 }, (_, i) => api((i % 2 ? a : b).port, 'POST', '/api/auth/login', { phone, password: `wrong-${i}` })),
    );
    const statuses = burst.map((g) => g.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    let refused = false;
    for (let i = 0; i < 10 && !refused; i++) {
      const status = (await api((i % 2 ? a : b).port, 'POST', '/api/auth/login', { phone, password: `again-${i}` })).status;
      statuses.push(status);
      refused = status === 429;
    }
    expect(refused).toBe(true);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    // Locked on both, even with the right password.
    for (const p of [a, b]) {
      const res = await api(p.port, 'POST', '/api/auth/login', { phone, password });
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('RATE_LIMITED');
    }
  });
});

describe('npm run start:cluster', () => {
  it('serves from WORKERS processes on one port and stops them all on SIGTERM', async () => {
    const proc = await start('cluster.js', { WORKERS: '2' });
    try {
      const res = await api(proc.port, 'GET', '/api/courses');
      expect(res.status).toBe(200);
      // The primary and its two workers.
      const children = fs.readFileSync(`/proc/${proc.child.pid}/task/${proc.child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      expect(children).toHaveLength(2);
    } finally {
      await proc.stop();
    }
    expect(await proc.exited).toBe(0);
  });

  it('refuses SQLite with a clear message', async () => {
    const proc = await start('cluster.js', { DATABASE_URL: `sqlite:${path.join(os.tmpdir(), 'cqip-cluster-refused.sqlite')}` }, false);
    expect(await proc.exited).toBe(1);
    expect(proc.output.join('')).toMatch(/start:cluster needs MySQL or MariaDB/);
    await proc.stop();
  });

  it('refuses a WORKERS that is not a number of processes', async () => {
    const proc = await start('cluster.js', { WORKERS: 'lots' }, false);
    expect(await proc.exited).toBe(1);
    expect(proc.output.join('')).toMatch(/WORKERS must be a whole number/);
    await proc.stop();
  });
});

describe('SIGTERM under load', () => {
  it('finishes what is in flight, refuses what comes after, loses no accepted write and exits 0 in time', async () => {
    await emptyDatabase(DB_URL);
    const proc = await start('main.js');
    const seeder = await openSeeder(DB_URL);
    try {
      const accepted: string[] = [];
      let refused = 0;
      let stopping = false;
      let n = 0;
      const loop = async () => {
        for (;;) {
          const phone = `139${String(++n).padStart(8, '0')}`;
          try {
            const res = await api(proc.port, 'POST', '/api/auth/register', { phone, password: 'password123', name: '压力' });
            if (res.status === 201) accepted.push(phone);
            else if (res.status === 503 && stopping) refused++; // refused cleanly while stopping
            else throw new Error(`answered ${res.status}`);
          } catch (err) {
            if ((err as Error).message.startsWith('answered')) throw err;
            refused++; // the connection was refused or closed: nothing was accepted
            if (stopping) return;
          }
        }
      };
      const load = Promise.all(Array.from({ length: 12 }, loop));
      while (accepted.length < 30) await new Promise((resolve) => setTimeout(resolve, 10));
      const signalled = Date.now();
      stopping = true;
      proc.child.kill('SIGTERM');
      const code = await proc.exited;
      const tookMs = Date.now() - signalled;
      await load;
      expect(code).toBe(0);
      // in flight finished, kept-alive connections closed after their answer: well inside the 10 s drain bound
      expect(tookMs).toBeLessThan(5_000);
      expect(refused).toBeGreaterThan(0);
      const stored = await seeder.count(`SELECT COUNT(*) AS n FROM users WHERE phone IN (${accepted.map(() => '?').join(', ')})`, accepted);
      expect(stored).toBe(accepted.length);
      console.log(`SIGTERM under load: ${accepted.length} sign-ups accepted (all stored), ${refused} refused after the signal, exit 0 in ${tookMs} ms`);
    } finally {
      await seeder.close();
      await proc.stop();
    }
  });
});
