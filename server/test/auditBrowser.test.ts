import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { auth, createTestApp, type TestApp } from './helpers/testApp';
import { createDatabase, prepareDatabase } from '../src/platform/db';
import { createMigrator, migrateToLatest } from '../src/platform/migrator';
import type { AuditRecord } from '../src/audit/service';

/**
 * The audit browser (GET /api/audit, GET /api/audit/actions): every filter narrows, pages run newest
 * first, days are Asia/Shanghai days, bad input is a 400 in the contract's shape, and district staff
 * see only entries recorded with their district, never another's.
 */

const YUBEI = '500112';
const YUZHONG = '500103';

let t: TestApp;
let office: { token: string; user: { id: number } };
let admin: { token: string; user: { id: number } };
let yubei: { token: string };
let yuzhong: { token: string };
const ids: Record<string, number> = {};

interface Seen {
  id: number;
  action: string;
  entity: string;
  entityId: string;
  district: string | null;
  actorId: number | null;
  actorName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: string;
}

async function record(name: string, at: string, entry: AuditRecord) {
  t.clock.set(new Date(at));
  await t.db.writeTransaction((transaction) => t.app.services.audit.record(entry, transaction));
  const [row] = (await t.request.get(`/api/audit?pageSize=1`).set(auth(admin.token)).expect(200)).body.items as Seen[];
  ids[name] = row.id;
}

const list = async (query: string, token = office.token) => {
  const res = await t.request.get(`/api/audit?${query}`).set(auth(token)).expect(200);
  return { ...res.body, names: (res.body.items as Seen[]).map((e) => Object.entries(ids).find(([, id]) => id === e.id)?.[0] ?? `other:${e.action}`) } as { items: Seen[]; total: number; page: number; pageSize: number; names: string[] };
};

beforeAll(async () => {
  t = await createTestApp();
  office = await t.userWithRole('office', '市局审核员');
  admin = await t.userWithRole('admin');
  yubei = await t.userWithRole('district', '渝北区人才工作', YUBEI);
  yuzhong = await t.userWithRole('district', '渝中区人才工作', YUZHONG);
  // In April, after every account above was created (their user.create entries are of 2 March).
  await record('e1', '2026-04-01T10:00:00+08:00', { actorId: office.user.id, action: 'talent.verify', entity: 'practitioner', entityId: 1, district: YUBEI, before: { status: 'pending' }, after: { status: 'verified' } });
  await record('e2', '2026-04-02T00:30:00+08:00', { actorId: office.user.id, action: 'talent.reject', entity: 'practitioner', entityId: 2, district: YUZHONG, before: { status: 'pending' }, after: { status: 'rejected', rejectReason: '材料不全' } });
  await record('e3', '2026-04-02T23:59:00+08:00', { actorId: admin.user.id, action: 'talent.tier', entity: 'practitioner', entityId: 1, district: YUBEI, before: { tier: 'none' }, after: { tier: 'leading' } });
  await record('e4', '2026-04-03T08:00:00+08:00', { actorId: admin.user.id, action: 'agency.verify', entity: 'agency', entityId: 7, district: YUBEI, before: { status: 'pending' }, after: { status: 'verified' } });
  await record('e5', '2026-04-03T09:00:00+08:00', { actorId: office.user.id, action: 'class.create', entity: 'class', entityId: 3, after: { title: '专利实务班' } });
});
afterAll(() => t.close());

describe('filters', () => {
  it('lists newest first with the actor’s name and the district', async () => {
    const page = await list('from=2026-04-01');
    expect(page.names).toEqual(['e5', 'e4', 'e3', 'e2', 'e1']);
    expect(page.total).toBe(5);
    expect(page.items[3]).toMatchObject({ actorId: office.user.id, actorName: '市局审核员', action: 'talent.reject', entity: 'practitioner', entityId: '2', district: YUZHONG, before: { status: 'pending' }, after: { status: 'rejected', rejectReason: '材料不全' } });
    expect(page.items[0].district).toBeNull();
  });

  it('entity, and entity with its id', async () => {
    expect((await list('entity=practitioner')).names).toEqual(['e3', 'e2', 'e1']);
    expect((await list('entity=practitioner&entityId=1')).names).toEqual(['e3', 'e1']);
    expect((await list('entity=agency&entityId=1')).names).toEqual([]);
  });

  it('actor', async () => {
    expect((await list(`actor=${admin.user.id}&from=2026-04-01`)).names).toEqual(['e4', 'e3']);
    expect((await list('actor=999999')).total).toBe(0);
  });

  it('action: exact, or a prefix ending in a dot', async () => {
    expect((await list('action=talent.verify')).names).toEqual(['e1']);
    expect((await list('action=talent.')).names).toEqual(['e3', 'e2', 'e1']);
    // without the dot it is an exact name, and no action is called just "talent"
    expect((await list('action=talent')).names).toEqual([]);
    expect((await list('action=class.')).names).toEqual(['e5']);
  });

  it('from and to are Asia/Shanghai days, both inclusive', async () => {
    // e2 is 00:30 on 2 April in Chongqing, still 1 April in UTC; e3 is 23:59 on 2 April
    expect((await list('from=2026-04-02&to=2026-04-02')).names).toEqual(['e3', 'e2']);
    expect((await list('from=2026-04-01&to=2026-04-01')).names).toEqual(['e1']);
    expect((await list('from=2026-04-03')).names).toEqual(['e5', 'e4']);
    expect((await list('to=2026-04-01&entity=practitioner')).names).toEqual(['e1']);
  });

  it('filters combine', async () => {
    expect((await list(`action=talent.&actor=${office.user.id}&from=2026-04-02`)).names).toEqual(['e2']);
  });

  it('pages', async () => {
    const first = await list('entity=practitioner&pageSize=2');
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2, names: ['e3', 'e2'] });
    expect((await list('entity=practitioner&pageSize=2&page=2')).names).toEqual(['e1']);
    expect((await list('entity=practitioner&pageSize=2&page=3')).items).toEqual([]);
  });

  it('the distinct actions, for the filter’s choices', async () => {
    const res = await t.request.get('/api/audit/actions').set(auth(office.token)).expect(200);
    expect(res.body.items).toEqual(expect.arrayContaining(['agency.verify', 'class.create', 'talent.reject', 'talent.tier', 'talent.verify', 'user.create']));
    expect([...res.body.items].sort()).toEqual(res.body.items);
    expect(new Set(res.body.items).size).toBe(res.body.items.length);
  });
});

describe('district staff', () => {
  it('see only the entries recorded with their district', async () => {
    const all = await list('', yubei.token);
    expect(all.names).toEqual(['e4', 'e3', 'e1']);
    expect(all.total).toBe(3);
    expect(all.items.every((e) => e.district === YUBEI)).toBe(true);
    expect((await list('', yuzhong.token)).names).toEqual(['e2']);
  });

  it('no filter reaches another district’s entry', async () => {
    expect((await list('entity=practitioner&entityId=2', yubei.token)).total).toBe(0);
    expect((await list('action=talent.reject', yubei.token)).total).toBe(0);
    expect((await list('from=2026-04-02&to=2026-04-02', yubei.token)).names).toEqual(['e3']);
    expect((await list(`actor=${office.user.id}`, yubei.token)).names).toEqual(['e1']);
    // nor anything of no district (classes, accounts)
    expect((await list('entity=class', yubei.token)).total).toBe(0);
    expect((await list('entity=user', yubei.token)).total).toBe(0);
  });

  it('their actions list is their district’s', async () => {
    expect((await t.request.get('/api/audit/actions').set(auth(yubei.token)).expect(200)).body.items).toEqual(['agency.verify', 'talent.tier', 'talent.verify']);
    expect((await t.request.get('/api/audit/actions').set(auth(yuzhong.token)).expect(200)).body.items).toEqual(['talent.reject']);
  });
});

describe('access and input', () => {
  it('practitioners and trainers are refused, anonymous callers asked to sign in', async () => {
    const trainer = await t.userWithRole('trainer');
    const practitioner = await t.registerPractitioner();
    for (const url of ['/api/audit', '/api/audit/actions']) {
      await t.request.get(url).set(auth(trainer.token)).expect(403);
      await t.request.get(url).set(auth(practitioner.token)).expect(403);
      await t.request.get(url).expect(401);
      await t.request.get(url).set(auth(admin.token)).expect(200);
    }
  });

  it.each([
    ['from=2026-02-30', 'from'],
    ['to=2026-4-1', 'to'],
    ['from=yesterday', 'from'],
    ['from=2026-04-03&to=2026-04-01', 'to'],
    ['actor=abc', 'actor'],
    ['actor=0', 'actor'],
    ['action=talent%25', 'action'],
    ['action=talent_verify', 'action'],
    ["action=' OR 1=1 --", 'action'],
    ['action=.talent', 'action'],
    ['entity=prac titioner', 'entity'],
    [`entityId=${'9'.repeat(65)}`, 'entityId'],
    ['page=0', 'page'],
    ['pageSize=101', 'pageSize'],
    ['action=a&action=b', 'action'],
  ])('%s → 400 on %s', async (query, field) => {
    const res = await t.request.get(`/api/audit?${encodeURI(query)}`).set(auth(office.token)).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(typeof res.body.error.message).toBe('string');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });
});

describe('migration 009', () => {
  it('gives existing entries about a talent record that record’s district', async () => {
    const db = createDatabase(`sqlite:${path.join(os.tmpdir(), `cqip-test-audit009-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`)}`);
    try {
      if (db.dialect !== 'sqlite') return;
      await prepareDatabase(db);
      await createMigrator(db).up({ to: '008-district-offices-history' });
      const now = "'2026-03-01 00:00:00.000'";
      await db.sequelize.query(
        `INSERT INTO practitioners (id, name, id_hash, id_masked, gender, birth_date, district, org_name, org_type, category, ip_fields, title_level, qualifications, source, created_at, updated_at)
         VALUES (41, '甲', '${'a'.repeat(64)}', '500***', 'male', '1990-01-01', '${YUBEI}', '某所', 'service_agency', 'agent', '[]', 'intermediate', '[]', 'self', ${now}, ${now})`,
      );
      await db.sequelize.query(
        `INSERT INTO audit_entries (actor_id, action, entity, entity_id, created_at) VALUES
         (1, 'talent.verify', 'practitioner', '41', ${now}), (1, 'class.create', 'class', '41', ${now}), (1, 'talent.tier', 'practitioner', '999', ${now})`,
      );
      await migrateToLatest(db);
      const [rows] = await db.sequelize.query('SELECT action, district FROM audit_entries ORDER BY id');
      expect(rows).toEqual([
        { action: 'talent.verify', district: YUBEI },
        { action: 'class.create', district: null },
        { action: 'talent.tier', district: null },
      ]);
    } finally {
      await db.close();
    }
  });
});
