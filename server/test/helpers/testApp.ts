import { noteIdNumber, recordForPrivacyScan } from './privacyLedger';
import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import supertest from 'supertest';
import { contractChecker, type OpenApiDocument } from './contract';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { ManualClock } from '../../src/platform/clock';
import { createDatabase, prepareDatabase, type Database } from '../../src/platform/db';
import { migrateToLatest } from '../../src/platform/migrator';

export interface TestAppOptions {
  env?: Record<string, string>;
  /** A database made by the test itself (else a fresh one). */
  db?: Database;
  fetch?: typeof fetch;
  clock?: ManualClock;
  /** The instance's name in outbox leases (two apps on one database are two instances). */
  instanceId?: string;
}

/** A fresh database: a new SQLite file per call, or TEST_DATABASE_URL emptied and migrated again. */
export async function freshDatabase(options: { sqliteBusyTimeoutMs?: number } = {}): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL ?? `sqlite:${path.join(os.tmpdir(), `cqip-test-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`)}`;
  const db = createDatabase(url, options);
  if (db.dialect === 'mysql') {
    const [tables] = await db.sequelize.query('SHOW TABLES');
    await db.sequelize.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const row of tables as Record<string, string>[]) {
      await db.sequelize.query(`DROP TABLE IF EXISTS \`${Object.values(row)[0]}\``);
    }
    await db.sequelize.query('SET FOREIGN_KEY_CHECKS = 1');
  }
  await prepareDatabase(db);
  await migrateToLatest(db);
  return db;
}

export async function createTestApp(options: TestAppOptions = {}) {
  const db = options.db ?? (await freshDatabase());
  const clock = options.clock ?? new ManualClock();
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATA_DIR: path.join(os.tmpdir(), 'cqip-test-data'),
      JWT_SECRET: 'test-jwt-secret-0123456789abcdef',
      ID_HASH_KEY: 'test-id-hash-key-0123456789abcdef',
      CLIENT_DIST: path.join(os.tmpdir(), 'cqip-no-client'),
      WECHAT_APPID: 'wx-test-app',
      WECHAT_SECRET: 'wx-test-secret',
      ...options.env,
    },
    () => {},
  );
  // Every log line is kept so tests can check what reaches the logs.
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const app = createApp({ config, db, clock, logger, fetch: options.fetch, instanceId: options.instanceId });
  const request = supertest(contractChecker(app.openapi as OpenApiDocument).wrap(app.koa.callback()));
  const catalog = await app.services.catalog.syncFolder(config.coursesDir);
  if (!catalog.report) throw new Error(`course catalog invalid: ${JSON.stringify(catalog.problems)}`);

  let phoneSeq = 0;
  const nextPhone = () => `139${String(process.pid % 10000).padStart(4, '0')}${String(++phoneSeq).padStart(4, '0')}`;

  /** Signs up a practitioner through the API and returns its token. */
  async function registerPractitioner(name = '测试用户') {
    const phone = nextPhone();
    const res = await request.post('/api/auth/register').send({ phone, password: 'password123', name }).expect(201);
    return { token: res.body.token as string, user: res.body.user as { id: number; phone: string }, phone };
  }

  /** Creates an account of any role (through the admin API) and signs it in. */
  async function userWithRole(role: 'practitioner' | 'trainer' | 'office' | 'district' | 'admin', name = '工作人员', districtCode?: string) {
    const phone = nextPhone();
    if (role === 'admin') {
      await app.services.accounts.ensureAdmin(phone, 'password123');
    } else {
      const admin = await userWithRole('admin');
      await request.post('/api/admin/users').set(auth(admin.token)).send({ phone, password: 'password123', name, role, ...(role === 'district' ? { districtCode: districtCode ?? '500112' } : {}) }).expect(201);
    }
    const res = await request.post('/api/auth/login').send({ phone, password: 'password123' }).expect(200);
    return { token: res.body.token as string, user: res.body.user as { id: number }, phone };
  }

  /**
   * Many practitioners with talent records, fast: rows written directly (the sign-up and profile
   * endpoints have their own tests), tokens signed by the app's own token service.
   */
  let idSeq = 0;
  async function seedPractitioners(count: number) {
    const User = db.sequelize.model('User');
    const Practitioner = db.sequelize.model('Practitioner');
    const people: { token: string; userId: number; practitionerId: number; name: string }[] = [];
    for (let i = 0; i < count; i++) {
      const name = `学员${++idSeq}`;
      const user = await User.create({ phone: nextPhone(), passwordHash: null, name, role: 'practitioner', wechatOpenId: null });
      const userId = user.get('id') as number;
      const record = await Practitioner.create({
        userId,
        name,
        idHash: createHash('sha256').update(`seed:${process.pid}:${idSeq}`).digest('hex'),
        idMasked: `500***********${String(idSeq % 10000).padStart(4, '0')}`,
        gender: 'male',
        birthDate: '1990-01-01',
        district: '500106',
        orgName: '某代理机构',
        orgType: 'service_agency',
        category: 'agent',
        ipFields: ['patent'],
        titleLevel: 'intermediate',
        qualifications: [],
        email: null,
        status: 'verified',
        rejectReason: null,
        verifiedAt: new Date(),
        source: 'self',
      });
      people.push({ token: app.services.tokens.sign({ id: userId, role: 'practitioner', tokenVersion: 0 }), userId, practitionerId: record.get('id') as number, name });
    }
    return people;
  }

  /** A trainer and a class whose enrollment window is open at the test clock's default time. */
  async function openClass(overrides: Record<string, unknown> = {}, trainerToken?: string) {
    const token = trainerToken ?? (await userWithRole('trainer')).token;
    const res = await request.post('/api/classes').set(auth(token)).send(classBody(overrides));
    if (res.status !== 201) throw new Error(`openClass: ${res.status} ${JSON.stringify(res.body)}`);
    return { cls: res.body as { id: number; capacity: number }, trainerToken: token };
  }

  /**
   * A class with `sessions` sessions (20 March 2026 onward, one a day at 09:00 Shanghai) and `people`
   * practitioners enrolled in it.
   */
  async function classWithSessions(sessionCount: number, peopleCount: number, overrides: Record<string, unknown> = {}) {
    const { cls, trainerToken } = await openClass({ capacity: Math.max(peopleCount, 1), startDate: '2026-03-20', endDate: '2026-03-29', ...overrides });
    const sessions: { id: number; startsAt: string; endsAt: string }[] = [];
    for (let i = 0; i < sessionCount; i++) {
      const day = String(20 + i).padStart(2, '0');
      const res = await request
        .post(`/api/classes/${cls.id}/sessions`)
        .set(auth(trainerToken))
        .send({ startsAt: `2026-03-${day}T09:00:00+08:00`, endsAt: `2026-03-${day}T12:00:00+08:00`, topic: `第 ${i + 1} 讲` })
        .expect(201);
      sessions.push(res.body);
    }
    const people = await seedPractitioners(peopleCount);
    for (const p of people) await request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(201);
    return { cls, trainerToken, sessions, people };
  }

  /**
   * 结业 is possible only once the last session has ended: runs the completion request(s) with the
   * clock just past the class's last session, then puts the clock back.
   */
  async function afterLastSession<T>(classId: number, action: () => Promise<T>): Promise<T> {
    const sessions = (await request.get(`/api/classes/${classId}/sessions`).expect(200)).body.items as { endsAt: string }[];
    const lastEnd = Math.max(...sessions.map((s) => new Date(s.endsAt).getTime()));
    const before = clock.now();
    if (Number.isFinite(lastEnd) && lastEnd > before.getTime()) clock.set(new Date(lastEnd + 60_000));
    try {
      return await action();
    } finally {
      clock.set(before);
    }
  }

  return { app, db, config, clock, request, logLines, registerPractitioner, userWithRole, nextPhone, seedPractitioners, openClass, classWithSessions, afterLastSession,
    close: async () => {
      await db.close();
      recordForPrivacyScan(db, logLines);
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Valid ID numbers (correct check digits) for tests, built rather than copied from real people. */
export function makeIdNumber(region = '500103', birth = '19880512', seq = 123): string {
  const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * WEIGHTS[i], 0);
  const idNumber = first17 + '10X98765432'[sum % 11];
  noteIdNumber(idNumber);
  return idNumber;
}

export function profileBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '张三',
    idNumber: makeIdNumber(),
    district: '500103',
    orgName: '重庆某知识产权代理有限公司',
    orgType: 'service_agency',
    category: 'agent',
    ipFields: ['patent', 'trademark'],
    titleLevel: 'intermediate',
    qualifications: ['专利代理师资格证'],
    email: 'zhangsan@example.com',
    ...overrides,
  };
}

/** A class of CQIP-PAT-101 from 20 to 22 March 2026; enrollment open 1–15 March, cancel until 10 March. */
export function classBody(overrides: Record<string, unknown> = {}) {
  return {
    courseCode: 'CQIP-PAT-101',
    title: '2026 年第一期专利代理实务班',
    location: '重庆市渝北区国家知识产权培训（重庆）基地',
    startDate: '2026-03-20',
    endDate: '2026-03-22',
    capacity: 20,
    enrollOpensAt: '2026-03-01T00:00:00+08:00',
    enrollClosesAt: '2026-03-15T00:00:00+08:00',
    cancelDeadline: '2026-03-10T00:00:00+08:00',
    ...overrides,
  };
}

/** Collects a binary answer (xlsx, pdf, csv) into a Buffer on `res.body`. */
export function binary(req: supertest.Test): supertest.Test {
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}
