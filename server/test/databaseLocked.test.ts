import sqlite3 from 'sqlite3';
import { freshDatabase, createTestApp, type TestApp } from './helpers/testApp';

/**
 * Another process holding SQLite's write lock past the busy timeout: writes answer 503 UNAVAILABLE
 * with Retry-After (never 500), reads go on (WAL), and everything works again once the lock is gone.
 */
const onSqlite = !process.env.TEST_DATABASE_URL || process.env.TEST_DATABASE_URL.startsWith('sqlite:');
const maybe = onSqlite ? describe : describe.skip;

maybe('a locked SQLite database', () => {
  let t: TestApp;
  let other: sqlite3.Database;
  beforeAll(async () => {
    t = await createTestApp({ db: await freshDatabase({ sqliteBusyTimeoutMs: 300 }) });
    other = new sqlite3.Database(t.db.sqliteFile!);
  });
  afterAll(async () => {
    await new Promise((resolve) => other.close(resolve));
    await t.close();
  });
  const run = (sql: string) => new Promise<void>((resolve, reject) => other.run(sql, (err) => (err ? reject(err) : resolve())));

  it('answers writes 503 with Retry-After while another process holds the lock, and recovers', async () => {
    await run('BEGIN IMMEDIATE');
    try {
      const res = await t.request.post('/api/auth/register').send({ phone: t.nextPhone(), password: 'password123', name: '锁住了' });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('UNAVAILABLE');
      expect(res.headers['retry-after']).toBe('5');
      await t.request.get('/api/courses').expect(200); // readers are not blocked
    } finally {
      await run('COMMIT');
    }
    await t.request.post('/api/auth/register').send({ phone: t.nextPhone(), password: 'password123', name: '解锁了' }).expect(201);
    expect(t.logLines.join('\n')).not.toMatch(/"status":500/);
  });
});
