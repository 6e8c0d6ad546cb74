import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOGIN_WINDOW_MS } from '../src/accounts/service';
import { auth, createTestApp, type TestApp } from './helpers/testApp';

describe('accounts: register and login', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('registers a practitioner and returns a token that works', async () => {
    const phone = t.nextPhone();
    const res = await t.request.post('/api/auth/register').send({ phone, password: 'password123', name: '李四' }).expect(201);
    expect(res.body.user).toEqual({ id: expect.any(Number), phone, name: '李四', role: 'practitioner', wechatBound: false, mustChangePassword: false, districtCode: null });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const me = await t.request.get('/api/me').set(auth(res.body.token)).expect(200);
    expect(me.body).toEqual({ user: res.body.user, practitioner: null });
  });

  it('refuses a phone that is taken with 409 PHONE_TAKEN', async () => {
    const { phone } = await t.registerPractitioner();
    const res = await t.request.post('/api/auth/register').send({ phone, password: 'password456', name: '王五' }).expect(409);
    expect(res.body.error.code).toBe('PHONE_TAKEN');
  });

  it('reports every bad field at once', async () => {
    const res = await t.request.post('/api/auth/register').send({ phone: '12345', password: 'short', name: 42 }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['name', 'password', 'phone']);
    const missing = await t.request.post('/api/auth/register').send({}).expect(400);
    expect(missing.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['name', 'password', 'phone']);
  });

  it('does not save anything when registration fails validation', async () => {
    const phone = t.nextPhone();
    await t.request.post('/api/auth/register').send({ phone, password: 'short', name: '赵六' }).expect(400);
    await t.request.post('/api/auth/login').send({ phone, password: 'short' }).expect(401);
  });

  it('logs in with the right password and refuses a wrong one with 401', async () => {
    const { phone } = await t.registerPractitioner();
    const ok = await t.request.post('/api/auth/login').send({ phone, password: 'password123' }).expect(200);
    expect(ok.body.token).toEqual(expect.any(String));
    const bad = await t.request.post('/api/auth/login').send({ phone, password: 'wrong-password' }).expect(401);
    expect(bad.body.error.code).toBe('UNAUTHENTICATED');
    await t.request.post('/api/auth/login').send({ phone: t.nextPhone(), password: 'password123' }).expect(401);
  });

  it('locks a phone after 5 failures in 15 minutes, even for the right password, until the window passes', async () => {
    const { phone } = await t.registerPractitioner();
    for (let i = 0; i < 5; i++) {
      await t.request.post('/api/auth/login').send({ phone, password: `wrong-${i}-pass` }).expect(401);
      t.clock.advance(60 * 1000);
    }
    const locked = await t.request.post('/api/auth/login').send({ phone, password: 'password123' }).expect(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    // The first failure was 5 minutes ago: it leaves the window in 10 minutes.
    expect(Number(locked.headers['retry-after'])).toBe(10 * 60);
    t.clock.advance(10 * 60 * 1000 - 1000);
    await t.request.post('/api/auth/login').send({ phone, password: 'password123' }).expect(429);
    t.clock.advance(2000);
    await t.request.post('/api/auth/login').send({ phone, password: 'password123' }).expect(200);
  });

  it('lets at most 5 of a burst of parallel password guesses be checked', async () => {
    const { phone } = await t.registerPractitioner();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => t.request.post('/api/auth/login').send({ phone, password: `guess-${i}-pass` })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
    // refused guesses leave nothing behind: exactly the checked wrong passwords count
    expect(await t.db.sequelize.model('LoginFailure').count({ where: { phone } })).toBe(statuses.filter((s) => s === 401).length);
  });

  it('counts failures per phone: another phone is not locked', async () => {
    const a = await t.registerPractitioner();
    const b = await t.registerPractitioner();
    for (let i = 0; i < 5; i++) await t.request.post('/api/auth/login').send({ phone: a.phone, password: 'nope-nope' }).expect(401);
    await t.request.post('/api/auth/login').send({ phone: a.phone, password: 'password123' }).expect(429);
    await t.request.post('/api/auth/login').send({ phone: b.phone, password: 'password123' }).expect(200);
    t.clock.advance(LOGIN_WINDOW_MS + 1);
    await t.request.post('/api/auth/login').send({ phone: a.phone, password: 'password123' }).expect(200);
  });

  it('clears the failure count after a successful login', async () => {
    const { phone } = await t.registerPractitioner();
    for (let i = 0; i < 4; i++) await t.request.post('/api/auth/login').send({ phone, password: 'nope-nope' }).expect(401);
    await t.request.post('/api/auth/login').send({ phone, password: 'password123' }).expect(200);
    for (let i = 0; i < 4; i++) await t.request.post('/api/auth/login').send({ phone, password: 'nope-nope' }).expect(401);
    await t.request.post('/api/auth/login').send({ phone, password: 'password123' }).expect(200);
  });

  it('answers 401 without a token, with a forged token and with a token of a removed account', async () => {
    await t.request.get('/api/me').expect(401);
    await t.request.get('/api/me').set(auth('not.a.jwt')).expect(401);
    const jwt = await import('jsonwebtoken');
    const forged = jwt.default.sign({ role: 'admin' }, 'some-other-secret-entirely', { subject: '1' });
    await t.request.get('/api/me').set(auth(forged)).expect(401);
    const ghost = jwt.default.sign({ role: 'admin' }, t.config.jwtSecret, { subject: '999999' });
    await t.request.get('/api/me').set(auth(ghost)).expect(401);
  });
});

describe('accounts: staff accounts and roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lets an admin create staff of each role, and records it in the audit trail', async () => {
    const admin = await t.userWithRole('admin');
    for (const role of ['trainer', 'office', 'admin', 'practitioner'] as const) {
      const phone = t.nextPhone();
      const res = await t.request.post('/api/admin/users').set(auth(admin.token)).send({ phone, password: 'password123', name: '培训老师', role }).expect(201);
      expect(res.body.user).toMatchObject({ phone, role });
    }
    const audit = await t.request.get('/api/audit?entity=user&actor=' + admin.user.id).set(auth(admin.token)).expect(200);
    expect(audit.body.total).toBe(4);
    expect(audit.body.items[0]).toMatchObject({ action: 'user.create', entity: 'user', actorId: admin.user.id, after: { role: 'practitioner' } });
    expect(JSON.stringify(audit.body)).not.toMatch(/password/i);
    // the admin from ADMIN_PHONE was made by the system at start-up: no actor, no name
    const startUp = await t.request.get(`/api/audit?entity=user&entityId=${admin.user.id}`).set(auth(admin.token)).expect(200);
    expect(startUp.body.items[0]).toMatchObject({ action: 'user.create', actorId: null, actorName: null });
  });

  it('refuses staff creation to non-admins, unknown roles and taken phones', async () => {
    const practitioner = await t.registerPractitioner();
    const office = await t.userWithRole('office');
    const body = { phone: t.nextPhone(), password: 'password123', name: '某人', role: 'trainer' };
    await t.request.post('/api/admin/users').send(body).expect(401);
    await t.request.post('/api/admin/users').set(auth(practitioner.token)).send(body).expect(403);
    const forbidden = await t.request.post('/api/admin/users').set(auth(office.token)).send(body).expect(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    const admin = await t.userWithRole('admin');
    const bad = await t.request.post('/api/admin/users').set(auth(admin.token)).send({ ...body, role: 'superuser' }).expect(400);
    expect(bad.body.error.details[0].path).toBe('role');
    const taken = await t.request.post('/api/admin/users').set(auth(admin.token)).send({ ...body, phone: practitioner.phone }).expect(409);
    expect(taken.body.error.code).toBe('PHONE_TAKEN');
  });

  it('keeps the audit trail to office and admin', async () => {
    const trainer = await t.userWithRole('trainer');
    await t.request.get('/api/audit').set(auth(trainer.token)).expect(403);
    const office = await t.userWithRole('office');
    await t.request.get('/api/audit').set(auth(office.token)).expect(200);
  });

  it('creates the configured admin once and leaves existing accounts alone', async () => {
    const phone = t.nextPhone();
    expect(await t.app.services.accounts.ensureAdmin(phone, 'admin-pass-1')).toBe('created');
    expect(await t.app.services.accounts.ensureAdmin(phone, 'admin-pass-1')).toBe('exists');
    const login = await t.request.post('/api/auth/login').send({ phone, password: 'admin-pass-1' }).expect(200);
    expect(login.body.user.role).toBe('admin');
    const practitioner = await t.registerPractitioner();
    expect(await t.app.services.accounts.ensureAdmin(practitioner.phone, 'whatever-1')).toBe('exists-not-admin');
    const me = await t.request.get('/api/me').set(auth(practitioner.token)).expect(200);
    expect(me.body.user.role).toBe('practitioner');
  });
});

/** A stand-in for WeChat's jscode2session, on a local port. */
function fakeWechat() {
  const calls: URL[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    calls.push(url);
    const code = url.searchParams.get('js_code') ?? '';
    res.setHeader('Content-Type', 'application/json');
    if (url.pathname !== '/sns/jscode2session') return void res.writeHead(404).end('{}');
    if (code.startsWith('good-')) return void res.end(JSON.stringify({ openid: `openid-${code.slice(5)}`, session_key: 'SECRET-SESSION-KEY' }));
    if (code === 'busy') return void res.end(JSON.stringify({ errcode: -1, errmsg: 'system error' }));
    res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }));
  });
  return {
    calls,
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('accounts: WeChat login and binding a phone', () => {
  const wechat = fakeWechat();
  let t: TestApp;
  beforeAll(async () => {
    const base = await wechat.start();
    t = await createTestApp({ env: { WECHAT_API_BASE: base } });
  });
  afterAll(async () => {
    await t.close();
    await wechat.stop();
  });

  it('lets an account made by WeChat, without a password, delete itself with a fresh wx.login code of its own', async () => {
    const { body } = await t.request.post('/api/auth/wechat').send({ code: 'good-dora' }).expect(200);
    await t.request.post('/api/auth/wechat').send({ code: 'good-eve' }).expect(200);
    const del = (payload: object) => t.request.post('/api/me/account-deletion').set(auth(body.token)).send(payload);
    expect((await del({}).expect(400)).body.error.details[0].path).toBe('password');
    expect((await del({ password: 'anything' }).expect(400)).body.error.details[0].path).toBe('wechatCode');
    expect((await del({ wechatCode: 'good-eve' }).expect(400)).body.error.message).toBe('微信身份与当前账号不符');
    expect((await del({ wechatCode: 'expired' }).expect(400)).body.error.details[0].path).toBe('wechatCode');
    await del({ wechatCode: 'good-dora' }).expect(204);
    await t.request.get('/api/me').set(auth(body.token)).expect(401);
    // the openid is erased with the account: the same WeChat user starts afresh
    expect((await t.request.post('/api/auth/wechat').send({ code: 'good-dora' }).expect(200)).body.isNew).toBe(true);
  });

  it('exchanges the code with the app credentials and creates the account once', async () => {
    const first = await t.request.post('/api/auth/wechat').send({ code: 'good-alice' }).expect(200);
    expect(first.body.isNew).toBe(true);
    expect(first.body.user).toMatchObject({ role: 'practitioner', phone: null, wechatBound: true });
    expect(JSON.stringify(first.body)).not.toContain('SECRET-SESSION-KEY');
    const call = wechat.calls[wechat.calls.length - 1];
    expect(Object.fromEntries(call.searchParams)).toEqual({ appid: 'wx-test-app', secret: 'wx-test-secret', js_code: 'good-alice', grant_type: 'authorization_code' });
    const again = await t.request.post('/api/auth/wechat').send({ code: 'good-alice' }).expect(200);
    expect(again.body.isNew).toBe(false);
    expect(again.body.user.id).toBe(first.body.user.id);
  });

  it('answers 401 when WeChat refuses the code and 503 when WeChat is busy', async () => {
    const refused = await t.request.post('/api/auth/wechat').send({ code: 'expired' }).expect(401);
    expect(refused.body.error.code).toBe('UNAUTHENTICATED');
    const busy = await t.request.post('/api/auth/wechat').send({ code: 'busy' }).expect(503);
    expect(busy.body.error.code).toBe('UNAVAILABLE');
    await t.request.post('/api/auth/wechat').send({}).expect(400);
  });

  it('binds a phone so the same account can sign in with it', async () => {
    const session = await t.request.post('/api/auth/wechat').send({ code: 'good-bob' }).expect(200);
    const phone = t.nextPhone();
    const bound = await t.request.post('/api/auth/bind-phone').set(auth(session.body.token)).send({ phone, password: 'password789' }).expect(200);
    expect(bound.body).toMatchObject({ id: session.body.user.id, phone, wechatBound: true });
    const login = await t.request.post('/api/auth/login').send({ phone, password: 'password789' }).expect(200);
    expect(login.body.user.id).toBe(session.body.user.id);
    const twice = await t.request.post('/api/auth/bind-phone').set(auth(session.body.token)).send({ phone: t.nextPhone(), password: 'password789' }).expect(409);
    expect(twice.body.error.code).toBe('PHONE_ALREADY_BOUND');
  });

  it('refuses a phone another account holds, and binding for phone accounts', async () => {
    const other = await t.registerPractitioner();
    const session = await t.request.post('/api/auth/wechat').send({ code: 'good-carol' }).expect(200);
    const taken = await t.request.post('/api/auth/bind-phone').set(auth(session.body.token)).send({ phone: other.phone, password: 'password789' }).expect(409);
    expect(taken.body.error.code).toBe('PHONE_TAKEN');
    await t.request.post('/api/auth/bind-phone').set(auth(other.token)).send({ phone: t.nextPhone(), password: 'password789' }).expect(403);
    await t.request.post('/api/auth/bind-phone').set(auth(session.body.token)).send({ phone: 'bad', password: 'short' }).expect(400);
  });
});

describe('accounts: WeChat unreachable', () => {
  it('answers 503 UNAVAILABLE', async () => {
    // Port 9 on loopback: nothing listens there, so the connection is refused at once.
    const t = await createTestApp({ env: { WECHAT_API_BASE: 'http://127.0.0.1:9' } });
    const res = await t.request.post('/api/auth/wechat').send({ code: 'good-dave' }).expect(503);
    expect(res.body.error.code).toBe('UNAVAILABLE');
    await t.close();
  });
});
