import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { QueryTypes } from 'sequelize';
import { createDatabase, prepareDatabase, type Database } from '../src/platform/db';
import { migrateToLatest } from '../src/platform/migrator';
import { auth, createTestApp, freshDatabase, type TestApp } from './helpers/testApp';

/**
 * MariaDB cut off in the middle of a load of sign-ups and check-ins, through a TCP proxy the test
 * controls: while it is down, /readyz and data requests answer 503 UNAVAILABLE with Retry-After (never
 * 500); the server recovers by itself when it is back; every request that got a 2xx is in the
 * database afterwards.
 */
const url = process.env.TEST_DATABASE_URL;
const onMariaDb = url !== undefined && !url.startsWith('sqlite:');
const maybe = onMariaDb ? describe : describe.skip;

/** A TCP proxy to MariaDB that can be cut (every connection dropped, new ones refused) and restored. */
function cuttableProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return {
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))),
    cut() {
      down = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      down = false;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

maybe('a MariaDB outage under load', () => {
  let direct: Database;
  let proxy: ReturnType<typeof cuttableProxy>;
  let t: TestApp;

  beforeAll(async () => {
    direct = await freshDatabase(); // empties and migrates the test database, connected directly
    const target = new URL(url!);
    proxy = cuttableProxy({ host: target.hostname, port: Number(target.port || 3306) });
    const port = await proxy.listen();
    target.host = `127.0.0.1:${port}`;
    const viaProxy = createDatabase(target.toString());
    await prepareDatabase(viaProxy);
    await migrateToLatest(viaProxy);
    t = await createTestApp({ db: viaProxy });
  });
  afterAll(async () => {
    await t?.close();
    await direct?.close();
    await proxy?.close();
  });

  it('answers 503 while it is down, recovers by itself, and loses no request that got a 2xx', async () => {
    const { sessions, trainerToken, people } = await t.classWithSessions(1, 120);
    const token = (await t.request.post(`/api/sessions/${sessions[0].id}/checkin-token`).set(auth(trainerToken)).expect(200)).body.token as string;
    const { cls: signUpClass } = await t.openClass({ capacity: 60 });

    const answers: { kind: 'checkin' | 'enroll'; practitionerId: number; status: number; retryAfter?: string; code?: string }[] = [];
    // Each person signs up for one class and checks in to another; like the app, a 503 is tried again
    // (after a pause: Retry-After says 5 s, the test waits 100 ms).
    const queue = people.flatMap((p) => [
      { kind: 'enroll' as const, p },
      { kind: 'checkin' as const, p },
    ]);
    let inFlight = 0;
    const worker = async () => {
      for (;;) {
        const item = queue.shift();
        if (!item) {
          if (inFlight === 0) return;
          await new Promise((resolve) => setTimeout(resolve, 20));
          continue;
        }
        inFlight++;
        const { kind, p } = item;
        const res =
          kind === 'enroll'
            ? await t.request.post(`/api/classes/${signUpClass.id}/enrollments`).set(auth(p.token))
            : await t.request.post('/api/checkins').set(auth(p.token)).send({ token });
        answers.push({ kind, practitionerId: p.practitionerId, status: res.status, retryAfter: res.headers['retry-after'], code: res.body?.error?.code });
        inFlight--;
        if (res.status === 503) {
          queue.push(item);
          await new Promise((resolve) => setTimeout(resolve, 100));
        } else await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, worker));

    // cut once the load is under way, for a second and a half
    while (answers.length < 40) await new Promise((resolve) => setTimeout(resolve, 10));
    proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ready = await t.request.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.error.code).toBe('UNAVAILABLE');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    proxy.restore();
    await load;

    // recovered by itself: everyone got through in the end
    await t.request.get('/readyz').expect(200);
    const failed = answers.filter((a) => a.status >= 300);
    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
    expect(failed.length).toBeGreaterThan(0); // the cut was felt
    for (const f of failed) expect(f).toMatchObject({ status: 503, code: 'UNAVAILABLE', retryAfter: '5' });
    const view = (await t.request.get(`/api/classes/${signUpClass.id}`).expect(200)).body;
    expect(view.enrolledCount + view.waitlistCount).toBe(people.length);

    // every 2xx is in the database (read directly, not through the proxy)
    const select = (sql: string, replacements: unknown[]) => direct.sequelize.query<{ practitioner_id: number }>(sql, { replacements, type: QueryTypes.SELECT });
    const enrolled = new Set((await select('SELECT practitioner_id FROM enrollments WHERE class_id = ? AND active = 1', [signUpClass.id])).map((r) => Number(r.practitioner_id)));
    const checkedIn = new Set((await select('SELECT practitioner_id FROM attendance WHERE session_id = ?', [sessions[0].id])).map((r) => Number(r.practitioner_id)));
    const ok = answers.filter((a) => a.status < 300);
    for (const a of ok) expect((a.kind === 'enroll' ? enrolled : checkedIn).has(a.practitionerId)).toBe(true);
    expect([enrolled.size, checkedIn.size]).toEqual([people.length, people.length]);
    console.log(`outage: ${answers.length} requests, ${ok.length} 2xx (all found in the database), ${failed.length} answered 503`);
  }, 60_000);
});
