#!/usr/bin/env node
/**
 * P2 — the read path: what practitioners open all day. A realistic catalog (30 classes, a few of them
 * with hundreds of enrollments), one signed-in practitioner with enrollments (one waitlisted) and a
 * year of credit records; autocannon at -c 50 on
 *   GET /api/classes      (signed in: counts and myEnrollment)
 *   GET /api/me/credits
 *   GET /api/courses      (anonymous; its size is reported)
 * against a bare Koa route answering a constant 20-item JSON body, in the same run.
 *
 *   npm run build:server
 *   node bench/read-path.js [--db sqlite|mysql://root@127.0.0.1:3306] [--seconds 10] [--quick] [--profile]
 *
 * --profile: after the measured runs, each route again on a fresh server process under `node --cpu-prof`
 * (the seeding is not in its profile), and where that process's CPU went, by layer, in µs per request.
 */
const { arg, flag, startProduct, startBareKoa, freshDatabaseUrl } = require('./lib/server');
const { openSeeder, openClassBody } = require('./lib/seed');
const { call, steady } = require('./lib/http');
const { summarise, newestProfile } = require('./lib/profile');
const fs = require('node:fs');

const seconds = Number(arg('seconds', flag('quick') ? 4 : 10));
const CLASSES = 30;
const BUSY = [0, 7, 15, 22]; // classes with hundreds of enrollments

async function seed(server, seeder) {
  const trainer = await seeder.staff('trainer');
  const crowd = await seeder.practitioners(flag('quick') ? 400 : 1200, 5);
  const me = crowd[0];
  const classIds = [];
  for (let i = 0; i < CLASSES; i++) {
    const body = openClassBody({ title: `开班 ${i + 1}`, capacity: BUSY.includes(i) ? 200 : 40 });
    body.startDate = body.endDate = new Date(Date.now() + (10 + i) * 86400000).toISOString().slice(0, 10);
    const created = await call(server.port, 'POST', '/api/classes', { token: trainer.token, body });
    if (created.status !== 201) throw new Error(`class not created: ${created.status} ${JSON.stringify(created.body)}`);
    classIds.push(created.body.id);
  }
  // The busy classes fill past capacity (a waitlist); `me` is enrolled in one and waitlisted in another.
  for (const [k, i] of BUSY.entries()) {
    const people = k === 1 ? [...crowd.slice(1, 231), me] : crowd.slice(1 + k * 50, 1 + k * 50 + 260);
    if (k === 0) people.unshift(me);
    for (const p of people) {
      const res = await call(server.port, 'POST', `/api/classes/${classIds[i]}/enrollments`, { token: p.token });
      if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  const CreditRecord = seeder.db.sequelize.model('CreditRecord');
  const year = new Date().getFullYear();
  for (let i = 0; i < 12; i++) {
    await CreditRecord.create({
      practitionerId: me.practitionerId,
      year,
      date: `${year}-${String(i + 1).padStart(2, '0')}-10`,
      hours: 4,
      category: i % 3 ? 'professional' : 'public',
      source: 'external',
      sourceKey: `bench-${i}`,
      title: `继续教育讲座 ${i + 1}`,
      certificateCode: null,
      note: null,
      createdBy: null,
      createdAt: new Date(),
    });
  }
  return { me };
}

/** One route under load on its own profiled server process: CPU per request by layer. */
async function profileRoute(dbUrl, route) {
  const dir = fs.mkdtempSync('/tmp/cqip-bench-prof-');
  const server = await startProduct({ dbUrl, name: 'reads-profiled', nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  let load;
  try {
    load = await steady({ port: server.port, path: route.path, token: route.token, seconds });
  } finally {
    await server.stop();
  }
  const file = newestProfile(dir);
  const profile = summarise(file);
  // BENCH_KEEP_PROFILE=1 keeps the .cpuprofile (open it in Chrome DevTools → Performance)
  if (process.env.BENCH_KEEP_PROFILE) console.error(`profile of ${route.name}: ${file}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  const perRequest = (ms) => Math.round((ms * 1000) / load.requests);
  return {
    route: route.name,
    reqPerSecProfiled: load.reqPerSec,
    idleShare: profile.idleShare,
    busyUsPerRequest: perRequest(profile.busyMs),
    layers: profile.layers.map((l) => ({ layer: l.layer, usPerRequest: perRequest(l.ms), shareOfBusy: l.shareOfBusy })),
  };
}

async function readPath(kind) {
  const dbUrl = await freshDatabaseUrl(kind, 'reads');
  const server = await startProduct({ dbUrl, name: 'reads' });
  const seeder = await openSeeder(dbUrl);
  const bare = await startBareKoa();
  let routes;
  let measured;
  try {
    const { me } = await seed(server, seeder);
    const list = await call(server.port, 'GET', '/api/classes?pageSize=20', { token: me.token });
    const mine = list.body.items.filter((c) => c.myEnrollment).map((c) => c.myEnrollment.status);
    const courses = await call(server.port, 'GET', '/api/courses');
    const baseline = await steady({ port: bare.port, path: '/items', seconds });
    routes = [
      { name: 'GET /api/classes (signed in)', path: '/api/classes?pageSize=20', token: me.token },
      { name: 'GET /api/me/credits', path: '/api/me/credits', token: me.token },
      { name: 'GET /api/courses (anonymous)', path: '/api/courses' },
    ];
    const results = [];
    for (const route of routes) {
      const r = await steady({ port: server.port, path: route.path, token: route.token, seconds });
      results.push({ route: route.name, ...r, ratio: Number((r.reqPerSec / baseline.reqPerSec).toFixed(3)), target: 0.4, meetsTarget: r.reqPerSec / baseline.reqPerSec >= 0.4 });
    }
    measured = {
      database: kind === 'sqlite' ? 'SQLite' : 'MariaDB',
      catalog: { classes: CLASSES, classesShown: list.body.items.length, myEnrollments: mine, coursesBytes: courses.bytes },
      bareKoa: baseline,
      results,
      failed: results.some((r) => r.failed > 0) || baseline.failed > 0,
    };
  } finally {
    await seeder.close();
    await server.stop();
    await bare.stop();
  }
  if (flag('profile')) {
    measured.profiles = [];
    for (const route of routes) measured.profiles.push(await profileRoute(dbUrl, route));
  }
  return measured;
}

(async () => {
  const kinds = arg('db', 'sqlite') === 'both' ? ['sqlite', 'mysql://root@127.0.0.1:3306'] : [arg('db', 'sqlite')];
  const out = [];
  for (const kind of kinds) out.push(await readPath(kind));
  console.log(JSON.stringify({ bench: 'P2 read path', connections: 50, seconds, results: out }, null, 2));
  process.exit(out.some((r) => r.failed) ? 1 : 0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
