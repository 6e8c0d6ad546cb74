import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { auth, createTestApp, type TestApp } from './helpers/testApp';

/**
 * A local stand-in for Tencent Cloud SMS: checks each request's TC3-HMAC-SHA256 signature (computed
 * here from the published algorithm, independently of the server's code) and keeps what was sent.
 */
const SECRET_ID = 'AKIDtestsecretid';
const SECRET_KEY = 'test-secret-key';
interface Sent {
  phone: string;
  code: string;
  minutes: string;
}
const sent: Sent[] = [];
let failNext: string | null = null;
let rejectedSignatures = 0;

function expectedAuthorization(headers: http.IncomingHttpHeaders, body: string): string {
  const timestamp = Number(headers['x-tc-timestamp']);
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const canonical = ['POST', '/', '', `content-type:${headers['content-type']}\nhost:${headers.host}\nx-tc-action:${String(headers['x-tc-action']).toLowerCase()}\n`, 'content-type;host;x-tc-action', sha(body)].join('\n');
  const toSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/sms/tc3_request`, sha(canonical)].join('\n');
  const k = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();
  const signature = createHmac('sha256', k(k(k(`TC3${SECRET_KEY}`, date), 'sms'), 'tc3_request')).update(toSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${SECRET_ID}/${date}/sms/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=${signature}`;
}

const fakeTencent = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    res.setHeader('Content-Type', 'application/json');
    if (req.headers.authorization !== expectedAuthorization(req.headers, body) || req.headers['x-tc-action'] !== 'SendSms' || req.headers['x-tc-version'] !== '2021-01-11') {
      rejectedSignatures++;
      res.end(JSON.stringify({ Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad signature' }, RequestId: 'r' } }));
      return;
    }
    if (failNext) {
      const code = failNext;
      failNext = null;
      res.end(JSON.stringify({ Response: { SendStatusSet: [{ Code: code, Message: 'refused' }], RequestId: 'r' } }));
      return;
    }
    const p = JSON.parse(body) as { PhoneNumberSet: string[]; TemplateParamSet: string[]; SmsSdkAppId: string; SignName: string; TemplateId: string };
    expect([p.SmsSdkAppId, p.SignName, p.TemplateId]).toEqual(['1400000001', '重庆知识产权', '100001']);
    sent.push({ phone: p.PhoneNumberSet[0], code: p.TemplateParamSet[0], minutes: p.TemplateParamSet[1] });
    res.end(JSON.stringify({ Response: { SendStatusSet: [{ Code: 'Ok', Message: 'send success' }], RequestId: 'r' } }));
  });
});

let t: TestApp;
beforeAll(async () => {
  await new Promise<void>((resolve) => fakeTencent.listen(0, '127.0.0.1', resolve));
  const port = (fakeTencent.address() as AddressInfo).port;
  t = await createTestApp({
    env: {
      SMS_PROVIDER: 'tencent',
      SMS_API_BASE: `http://127.0.0.1:${port}`,
      SMS_TENCENT_SECRET_ID: SECRET_ID,
      SMS_TENCENT_SECRET_KEY: SECRET_KEY,
      SMS_TENCENT_SDK_APP_ID: '1400000001',
      SMS_TENCENT_SIGN_NAME: '重庆知识产权',
      SMS_TENCENT_TEMPLATE_ID: '100001',
    },
  });
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => fakeTencent.close(resolve));
});

const login = (phone: string, password: string) => t.request.post('/api/auth/login').send({ phone, password });
const me = (token: string) => t.request.get('/api/me').set(auth(token));

async function signUp(password = 'first-password') {
  const phone = t.nextPhone();
  await t.request.post('/api/auth/register').send({ phone, password, name: '张三' }).expect(201);
  const a = (await login(phone, password).expect(200)).body.token as string;
  const b = (await login(phone, password).expect(200)).body.token as string;
  return { phone, a, b };
}

describe('changing the password', () => {
  it('ends every other token at once and hands the caller a fresh one', async () => {
    const { phone, a, b } = await signUp();
    const wrong = await t.request.post('/api/me/password').set(auth(a)).send({ currentPassword: 'not-it-at-all', newPassword: 'second-password' }).expect(400);
    expect(wrong.body.error.details).toEqual([{ path: 'currentPassword', message: '当前密码不正确' }]);
    await t.request.post('/api/me/password').set(auth(a)).send({ currentPassword: 'first-password', newPassword: 'first-password' }).expect(400);
    await t.request.post('/api/me/password').set(auth(a)).send({ currentPassword: 'first-password', newPassword: 'short' }).expect(400);

    const changed = await t.request.post('/api/me/password').set(auth(a)).send({ currentPassword: 'first-password', newPassword: 'second-password' }).expect(204);
    const fresh = changed.headers['x-new-token'];
    expect(fresh).toBeTruthy();
    await me(a).expect(401);
    await me(b).expect(401);
    await me(fresh).expect(200);
    await login(phone, 'first-password').expect(401);
    await login(phone, 'second-password').expect(200);
  });
});

describe('resetting the password by SMS', () => {
  const request = (phone: string) => t.request.post('/api/auth/password-reset/request').send({ phone });
  const confirm = (phone: string, code: string, newPassword = 'reset-password-1') => t.request.post('/api/auth/password-reset/confirm').send({ phone, code, newPassword });
  const lastCode = (phone: string) => sent.filter((s) => s.phone === `+86${phone}`).at(-1)!.code;

  it('answers 202 for any phone, sends a code only to an account, and the code signs in once', async () => {
    const stranger = t.nextPhone();
    await request(stranger).expect(202);
    expect(sent.filter((s) => s.phone === `+86${stranger}`)).toEqual([]);

    const { phone, a } = await signUp();
    const before = sent.length;
    const res = await request(phone).expect(202);
    expect(res.text).toBe('');
    expect(sent.length).toBe(before + 1);
    expect(sent.at(-1)).toMatchObject({ phone: `+86${phone}`, minutes: '10' });
    expect(lastCode(phone)).toMatch(/^\d{6}$/);
    expect(rejectedSignatures).toBe(0);

    const done = await confirm(phone, lastCode(phone)).expect(200);
    expect(done.body.user.phone).toBe(phone);
    await me(done.body.token).expect(200);
    await me(a).expect(401); // a reset ends every earlier token
    await login(phone, 'first-password').expect(401);
    await login(phone, 'reset-password-1').expect(200);
    const again = await confirm(phone, lastCode(phone), 'reset-password-2').expect(400);
    expect(again.body.error.code).toBe('RESET_CODE_INVALID');
    // nothing of the code reaches the logs
    expect(t.logLines.join('\n')).not.toContain(lastCode(phone));
  });

  it('sends at most one code a minute and five a day per phone; a newer code voids the older', async () => {
    const { phone } = await signUp();
    await request(phone).expect(202);
    const first = lastCode(phone);
    const limited = await request(phone).expect(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    t.clock.advance(61_000);
    await request(phone).expect(202);
    const second = lastCode(phone);
    if (second !== first) expect((await confirm(phone, first)).status).toBe(400);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(61_000);
      await request(phone).expect(202);
    }
    t.clock.advance(61_000);
    await request(phone).expect(429); // the sixth of the day
    t.clock.advance(24 * 60 * 60 * 1000);
    await request(phone).expect(202);
    await confirm(phone, lastCode(phone)).expect(200);
  });

  it('voids a code after five wrong tries, and after ten minutes', async () => {
    const { phone } = await signUp();
    await request(phone).expect(202);
    const code = lastCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await confirm(phone, wrong)).body.error.code).toBe('RESET_CODE_INVALID');
    await confirm(phone, code).expect(400);

    t.clock.advance(61_000);
    await request(phone).expect(202);
    t.clock.advance(10 * 60 * 1000 + 1000);
    await confirm(phone, lastCode(phone)).expect(400);
    await login(phone, 'first-password').expect(200);
  });

  it('says the SMS service failed (503) when the provider refuses, without the code in the log', async () => {
    const { phone } = await signUp();
    failNext = 'LimitExceeded.PhoneNumberDailyLimit';
    const res = await request(phone).expect(503);
    expect(res.body.error.code).toBe('UNAVAILABLE');
    expect(t.logLines.some((l) => l.includes('LimitExceeded.PhoneNumberDailyLimit'))).toBe(true);
  });

  it('refuses bad input with the contract shape', async () => {
    expect((await request('12345').expect(400)).body.error.details[0].path).toBe('phone');
    expect((await confirm('13800001111', '12ab56').expect(400)).body.error.details[0].path).toBe('code');
  });
});

describe('admin: 员工账号', () => {
  it('lists accounts with masked phones, by role, status and name or the last four digits', async () => {
    const admin = await t.userWithRole('admin');
    const trainer = await t.userWithRole('trainer', '李培训');
    const list = await t.request.get('/api/admin/users?role=trainer&pageSize=100').set(auth(admin.token)).expect(200);
    const row = list.body.items.find((u: { id: number }) => u.id === trainer.user.id);
    expect(row).toMatchObject({ name: '李培训', role: 'trainer', status: 'active', phoneMasked: `${trainer.phone.slice(0, 3)}****${trainer.phone.slice(7)}`, mustChangePassword: false, erased: false });
    expect(JSON.stringify(list.body)).not.toContain(trainer.phone);
    expect(list.body.items.every((u: { role: string }) => u.role === 'trainer')).toBe(true);
    const byDigits = await t.request.get(`/api/admin/users?q=${trainer.phone.slice(7)}`).set(auth(admin.token)).expect(200);
    expect(byDigits.body.items.map((u: { id: number }) => u.id)).toContain(trainer.user.id);
    const byName = await t.request.get(`/api/admin/users?q=${encodeURIComponent('李培')}`).set(auth(admin.token)).expect(200);
    expect(byName.body.items.map((u: { id: number }) => u.id)).toEqual([trainer.user.id]);
    await t.request.get('/api/admin/users').set(auth(trainer.token)).expect(403);
  });

  it('disables (tokens stop at once, sign-in refused), enables, and changes roles, all audited', async () => {
    const admin = await t.userWithRole('admin');
    const trainer = await t.userWithRole('trainer');
    await t.request.get('/api/classes?mine=true').set(auth(trainer.token)).expect(200);
    const disabled = await t.request.patch(`/api/admin/users/${trainer.user.id}`).set(auth(admin.token)).send({ status: 'disabled' }).expect(200);
    expect(disabled.body.status).toBe('disabled');
    await me(trainer.token).expect(401);
    const refused = await login(trainer.phone, 'password123').expect(403);
    expect(refused.body.error.code).toBe('ACCOUNT_DISABLED');
    await t.request.patch(`/api/admin/users/${trainer.user.id}`).set(auth(admin.token)).send({ status: 'active' }).expect(200);
    await me(trainer.token).expect(401); // enabling does not bring old tokens back
    const back = (await login(trainer.phone, 'password123').expect(200)).body.token;
    await t.request.patch(`/api/admin/users/${trainer.user.id}`).set(auth(admin.token)).send({ role: 'office' }).expect(200);
    expect((await me(back).expect(200)).body.user.role).toBe('office'); // on the next request
    await t.request.get('/api/stats/overview').set(auth(back)).expect(200);

    const audit = await t.request.get(`/api/audit?entity=user&pageSize=100`).set(auth(admin.token)).expect(200);
    const actions = audit.body.items.filter((e: { entityId: string }) => e.entityId === String(trainer.user.id)).map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.disable', 'user.enable', 'user.role']));
  });

  it('keeps an admin from locking themselves out, and bad patches get clear errors', async () => {
    const admin = await t.userWithRole('admin');
    const self = await t.request.patch(`/api/admin/users/${admin.user.id}`).set(auth(admin.token)).send({ status: 'disabled' }).expect(409);
    expect(self.body.error.code).toBe('CANNOT_CHANGE_SELF');
    await t.request.patch(`/api/admin/users/${admin.user.id}`).set(auth(admin.token)).send({}).expect(400);
    await t.request.patch(`/api/admin/users/${admin.user.id}`).set(auth(admin.token)).send({ role: 'king' }).expect(400);
    await t.request.patch('/api/admin/users/999999').set(auth(admin.token)).send({ status: 'disabled' }).expect(404);
  });

  it('issues a temporary password that allows nothing but changing it', async () => {
    const admin = await t.userWithRole('admin');
    const { phone, a } = await signUp();
    const { body: list } = await t.request.get(`/api/admin/users?q=${phone}`).set(auth(admin.token)).expect(200);
    const issued = await t.request.post(`/api/admin/users/${list.items[0].id}/password-reset`).set(auth(admin.token)).expect(200);
    const temporary = issued.body.temporaryPassword as string;
    expect(temporary).toHaveLength(12);
    await me(a).expect(401);
    const session = (await login(phone, temporary).expect(200)).body;
    expect(session.user.mustChangePassword).toBe(true);
    expect((await me(session.token).expect(200)).body.user.mustChangePassword).toBe(true);
    const blocked = await t.request.get('/api/me/enrollments').set(auth(session.token)).expect(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await t.request.post('/api/me/password').set(auth(session.token)).send({ currentPassword: temporary, newPassword: 'my-own-password' }).expect(204);
    const fresh = changed.headers['x-new-token'];
    expect((await me(fresh).expect(200)).body.user.mustChangePassword).toBe(false);
    await t.request.get('/api/me/enrollments').set(auth(fresh)).expect(200);
    expect(t.logLines.join('\n')).not.toContain(temporary);
    const audit = await t.request.get(`/api/audit?action=user.password.temporary`).set(auth(admin.token)).expect(200);
    expect(JSON.stringify(audit.body)).not.toContain(temporary);
    expect(audit.body.items.length).toBeGreaterThan(0);
  });
});
