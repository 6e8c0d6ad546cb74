import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../src/platform/clock';
import { createDatabase, prepareDatabase, type Database } from '../src/platform/db';
import { auth, createTestApp, type TestApp } from './helpers/testApp';

/**
 * Subscribe messages through the durable outbox, against a local fake of WeChat's stable-token and
 * subscribe-send APIs, with two instances (two apps, two connection pools, one database) draining at
 * once: each message reaches WeChat exactly once however the fake behaves — failing, slower than the
 * send timeout, then recovering — and a message WeChat can never take is given up, shown to admins
 * and sent again on their word.
 */
type Mode = 'ok' | 'busy' | 'slow';

class FakeWechat {
  mode: Mode = 'ok';
  /** openids WeChat refuses with 43101 (the user did not consent). */
  refusing = new Set<string>();
  /** The next send answers this errcode once (e.g. 40001, the token was refreshed elsewhere). */
  nextErrcode: number | null = null;
  tokensIssued = 0;
  attempts: { touser: string; token: string }[] = [];
  /** Sends WeChat accepted and answered: what the person's phone shows. */
  delivered: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = JSON.parse(raw || '{}');
      const answer = (json: unknown) => {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify(json));
      };
      if (url.pathname === '/cgi-bin/stable_token') {
        this.tokensIssued++;
        return answer({ access_token: `TOKEN-${this.tokensIssued}`, expires_in: 7200 });
      }
      if (url.pathname !== '/cgi-bin/message/subscribe/send') return answer({ errcode: 404 });
      const token = url.searchParams.get('access_token') ?? '';
      this.attempts.push({ touser: body.touser, token });
      if (!token.startsWith('TOKEN-')) return answer({ errcode: 40001, errmsg: 'invalid credential' });
      if (this.nextErrcode !== null) {
        const errcode = this.nextErrcode;
        this.nextErrcode = null;
        return answer({ errcode, errmsg: 'from the test' });
      }
      if (this.mode === 'busy') return answer({ errcode: -1, errmsg: 'system error' });
      if (this.refusing.has(body.touser)) return answer({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
      const deliver = () => {
        // the caller gave up waiting: WeChat never finished this one
        if (req.socket.destroyed) return;
        this.delivered.push({ touser: body.touser, templateId: body.template_id, page: body.page, data: body.data });
        answer({ errcode: 0, errmsg: 'ok', msgid: this.delivered.length });
      };
      if (this.mode === 'slow') setTimeout(deliver, 600);
      else deliver();
    });
  }
}

const TEMPLATE = 'tmplApproved0001';
const fake = new FakeWechat();
const clock = new ManualClock('2026-03-02T09:00:00+08:00');
let a: TestApp;
let b: TestApp;
let second: Database;
let trainerToken: string;
let admin: { token: string; user: { id: number } };

beforeAll(async () => {
  const env = { WECHAT_API_BASE: await fake.start(), WECHAT_TEMPLATE_ENROLLMENT_APPROVED: TEMPLATE, WECHAT_SEND_TIMEOUT_MS: '200' };
  a = await createTestApp({ env, clock, instanceId: 'instance-a' });
  second = createDatabase(a.db.sqliteFile ? `sqlite:${a.db.sqliteFile}` : process.env.TEST_DATABASE_URL!);
  await prepareDatabase(second);
  b = await createTestApp({ env, clock, instanceId: 'instance-b', db: second });
  trainerToken = (await a.userWithRole('trainer')).token;
  admin = await a.userWithRole('admin');
});
afterAll(async () => {
  await b.close();
  await a.close();
  await fake.stop();
});

/** People who signed in through the mini-program, consented once, and whose sign-up was then approved: one queued message each. */
async function approvedWithConsent(count: number): Promise<{ userId: number; openid: string }[]> {
  const { cls } = await a.openClass({ requiresApproval: true, capacity: count }, trainerToken);
  const people = await a.seedPractitioners(count);
  const out: { userId: number; openid: string }[] = [];
  for (const p of people) {
    const openid = `o-${p.userId}-${Math.random().toString(36).slice(2, 8)}`;
    await a.db.sequelize.model('User').update({ wechatOpenId: openid }, { where: { id: p.userId } });
    await a.request.post('/api/me/wechat-subscriptions').set(auth(p.token)).send({ templateIds: [TEMPLATE] }).expect(200);
    const e = await a.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(201);
    await a.request.post(`/api/enrollments/${e.body.id}/approve`).set(auth(trainerToken)).expect(200);
    out.push({ userId: p.userId, openid });
  }
  return out;
}

const rowsOf = async (userIds: number[]) =>
  (await a.db.sequelize.model('OutboxMessage').findAll({ where: { userId: userIds }, order: [['id', 'ASC']], raw: true })) as unknown as {
    id: number;
    status: string;
    attempts: number;
    lastError: string | null;
    leaseOwner: string | null;
  }[];

const drainBoth = () => Promise.all([a.app.services.outbox.drain(), b.app.services.outbox.drain()]);
const deliveredTo = (openid: string) => fake.delivered.filter((d) => d.touser === openid).length;

describe('two instances draining one outbox', () => {
  it('sends each message exactly once through failure, slowness and recovery, with one shared token', async () => {
    const people = await approvedWithConsent(6);
    const ids = people.map((p) => p.userId);
    expect((await rowsOf(ids)).map((r) => r.status)).toEqual(Array(6).fill('pending'));

    // WeChat is failing: each message tried once, by one instance, and kept
    fake.mode = 'busy';
    const [ra, rb] = await drainBoth();
    expect(ra.retried + rb.retried).toBe(6);
    expect(fake.attempts.filter((x) => people.some((p) => p.openid === x.touser))).toHaveLength(6);
    expect((await rowsOf(ids)).map((r) => [r.status, r.attempts])).toEqual(Array(6).fill(['pending', 1]));
    expect((await rowsOf(ids))[0].lastError).toContain('errcode -1');
    const tokensAfterFirst = fake.tokensIssued;
    expect(tokensAfterFirst).toBeGreaterThanOrEqual(1);

    // not due again until the backoff has passed
    await drainBoth();
    expect(fake.attempts.filter((x) => people.some((p) => p.openid === x.touser))).toHaveLength(6);

    // slower than the send timeout: counted as failed, not delivered, tried again later
    fake.mode = 'slow';
    clock.advance(31_000);
    const slow = await drainBoth();
    expect(slow[0].retried + slow[1].retried).toBe(6);
    expect((await rowsOf(ids)).every((r) => r.status === 'pending' && r.attempts === 2 && /abort|timeout/i.test(r.lastError ?? ''))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 700)); // the fake's late answers find the callers gone

    // recovered: each sent once, whoever claims it
    fake.mode = 'ok';
    clock.advance(61_000);
    const ok = await drainBoth();
    expect(ok[0].sent + ok[1].sent).toBe(6);
    for (const p of people) expect(deliveredTo(p.openid)).toBe(1);
    expect((await rowsOf(ids)).every((r) => r.status === 'sent' && r.leaseOwner === null)).toBe(true);
    expect(fake.delivered.find((d) => d.touser === people[0].openid)).toMatchObject({ templateId: TEMPLATE, page: 'pages/enrollment/mine/index', data: { thing1: { value: '报名审核通过' } } });

    // later ticks send nothing again; the token was fetched once and used by both instances
    clock.advance(60 * 60 * 1000);
    await drainBoth();
    for (const p of people) expect(deliveredTo(p.openid)).toBe(1);
    expect(fake.tokensIssued).toBe(tokensAfterFirst);
    expect(new Set(fake.attempts.map((x) => x.token)).size).toBe(tokensAfterFirst);
  });

  it('takes up a message whose instance died holding it, once its lease has run out', async () => {
    const [p] = await approvedWithConsent(1);
    const [row] = await rowsOf([p.userId]);
    const leaseUntil = new Date(clock.now().getTime() + 5 * 60 * 1000);
    await a.db.sequelize.model('OutboxMessage').update({ leaseOwner: 'instance-gone', leaseUntil, attempts: 1 }, { where: { id: row.id } });
    await drainBoth();
    expect(deliveredTo(p.openid)).toBe(0);
    clock.advance(5 * 60 * 1000 + 1);
    await drainBoth();
    expect(deliveredTo(p.openid)).toBe(1);
    expect((await rowsOf([p.userId]))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('fetches the current token when WeChat says ours is no longer valid, and again when it expires', async () => {
    const [p, q] = await approvedWithConsent(2);
    const before = fake.tokensIssued;
    fake.nextErrcode = 40001;
    await a.app.services.outbox.drain();
    expect(fake.tokensIssued).toBe(before + 1);
    expect(deliveredTo(p.openid) + deliveredTo(q.openid)).toBe(1);
    clock.advance(31_000);
    await b.app.services.outbox.drain();
    expect(deliveredTo(p.openid)).toBe(1);
    expect(deliveredTo(q.openid)).toBe(1);

    const [r] = await approvedWithConsent(1);
    clock.advance(2 * 60 * 60 * 1000); // past the token's 7200 s
    await b.app.services.outbox.drain();
    expect(fake.tokensIssued).toBe(before + 2);
    expect(deliveredTo(r.openid)).toBe(1);
  });
});

describe('two instances telling one event at once', () => {
  it('writes one entry and uses one consent: the instance whose entry lost to the other’s uses none', async () => {
    const [p] = await a.seedPractitioners(1);
    await a.request.post('/api/me/wechat-subscriptions').set(auth(p.token)).send({ templateIds: [TEMPLATE, TEMPLATE] }).expect(200);
    const event = { kind: 'enrollment_approved' as const, classId: 1, classTitle: '同时提醒的开班', status: 'enrolled' as const };
    let second: Promise<void> | null = null;
    await a.db.writeTransaction(async (transaction) => {
      await a.app.services.notifications.notify(event, 'race:1', [p.userId], transaction);
      // the other instance starts while this one's entry is not yet committed (MariaDB: its insert waits on the unique index)
      second = b.db.writeTransaction((other) => b.app.services.notifications.notify(event, 'race:1', [p.userId], other));
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await second;
    expect(await a.db.sequelize.model('Notification').count({ where: { userId: p.userId, eventKey: 'race:1' } })).toBe(1);
    expect(await rowsOf([p.userId])).toHaveLength(1);
    const left = (await a.request.get('/api/me/wechat-subscriptions').set(auth(p.token)).expect(200)).body.items;
    expect(left.find((i: { templateId: string }) => i.templateId === TEMPLATE).remaining).toBe(1);
    await a.db.sequelize.model('OutboxMessage').destroy({ where: { userId: p.userId } }); // not for the tests after this one
  });
});

describe('giving up', () => {
  it('gives up at once on a message WeChat will never take (43101), shows it to admins, and sends it again when an admin says so', async () => {
    const [p] = await approvedWithConsent(1);
    fake.refusing.add(p.openid);
    const result = await a.app.services.outbox.drain();
    expect(result.givenUp).toBe(1);
    const listed = await a.request.get('/api/admin/outbox?status=given_up').set(auth(admin.token)).expect(200);
    const mine = listed.body.items.find((m: { userId: number }) => m.userId === p.userId);
    expect(mine).toMatchObject({ status: 'given_up', attempts: 1, kind: 'enrollment_approved', templateId: TEMPLATE, lastError: expect.stringContaining('43101') });
    expect(JSON.stringify(listed.body)).not.toContain(p.openid);

    fake.refusing.delete(p.openid);
    await a.request.post(`/api/admin/outbox/${mine.id}/retry`).set(auth(admin.token)).expect(200);
    const again = await a.request.post(`/api/admin/outbox/${mine.id}/retry`).set(auth(admin.token)).expect(200); // pending already: unchanged
    expect(again.body).toMatchObject({ status: 'pending', attempts: 0 });
    await drainBoth();
    expect(deliveredTo(p.openid)).toBe(1);
    const trail = await a.request.get('/api/audit?action=outbox.retry').set(auth(admin.token)).expect(200);
    expect(trail.body.items.filter((e: { entityId: unknown }) => String(e.entityId) === String(mine.id))).toHaveLength(1);
    await a.request.post('/api/admin/outbox/999999/retry').set(auth(admin.token)).expect(404);
  });

  it('gives up after six tries of a failing WeChat, each after its backoff', async () => {
    const [p] = await approvedWithConsent(1);
    fake.mode = 'busy';
    try {
      for (let i = 0; i < 8; i++) {
        await drainBoth();
        clock.advance(2 * 60 * 60 * 1000);
      }
    } finally {
      fake.mode = 'ok';
    }
    expect((await rowsOf([p.userId]))[0]).toMatchObject({ status: 'given_up', attempts: 6 });
    expect(fake.attempts.filter((x) => x.touser === p.openid)).toHaveLength(6);
  });

  it('gives up on someone with no WeChat account without calling WeChat', async () => {
    const [p] = await approvedWithConsent(1);
    await a.db.sequelize.model('User').update({ wechatOpenId: null }, { where: { id: p.userId } });
    const calls = fake.attempts.length;
    await drainBoth();
    expect((await rowsOf([p.userId]))[0]).toMatchObject({ status: 'given_up', lastError: expect.stringContaining('openid') });
    expect(fake.attempts.length).toBe(calls);
  });
});
