import { Writable } from 'node:stream';
import { createLogger } from '../src/platform/logger';
import { createTestApp } from './helpers/testApp';

/** The production logger itself (not a test's own): what it is given, and what it writes. */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('info', sink), text: () => lines.join('') };
}

describe('the production logger', () => {
  it('redacts passwords, tokens, ID numbers and bodies wherever they sit', () => {
    const { logger, text } = capture();
    const secrets = ['hunter2-password', 'eyJhbGciOiJIUzI1NiJ9.secret.token', '500112198008080774', 'Bearer abc.def.ghi', 'Temp-Pass-123', 'scrypt$16384$8$1$salt$key'];
    logger.info({ password: secrets[0], token: secrets[1], idNumber: secrets[2] }, 'top level');
    logger.info({ input: { password: secrets[0], newPassword: secrets[0], currentPassword: secrets[0] }, user: { idNumber: secrets[2] } }, 'one level down');
    logger.warn({ err: { config: { temporaryPassword: secrets[4] } }, row: { passwordHash: secrets[5] } }, 'two levels down');
    logger.info({ req: { headers: { authorization: secrets[3] } }, body: { anything: secrets[0] } }, 'request');
    const out = text();
    for (const s of secrets) expect(out).not.toContain(s);
    expect(out.match(/\[redacted\]/g)!.length).toBeGreaterThanOrEqual(10);
    expect(out).toContain('two levels down'); // the lines themselves are written
  });

  it('keeps an app built on it from logging what requests carried', async () => {
    const { logger, text } = capture();
    const t = await createTestApp();
    const { createApp } = await import('../src/app');
    const app = createApp({ config: t.config, db: t.db, clock: t.clock, logger });
    const supertest = (await import('supertest')).default;
    const request = supertest(app.koa.callback());
    await request.post('/api/auth/register').send({ phone: '13911112222', password: 'a-secret-password', name: '王五' }).expect(201);
    const login = await request.post('/api/auth/login').send({ phone: '13911112222', password: 'wrong-password-x' });
    expect(login.status).toBe(401);
    await request.get('/api/me').set('Authorization', 'Bearer not.a.token').expect(401);
    const out = text();
    expect(out).toContain('"path":"/api/auth/login"');
    for (const s of ['a-secret-password', 'wrong-password-x', 'not.a.token', '13911112222']) expect(out).not.toContain(s);
    await t.close();
  });
});
