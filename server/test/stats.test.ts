import ExcelJS from 'exceljs';
import { QueryTypes } from 'sequelize';
import { rebuildAggregates } from '../src/stats/rebuild';
import { recount } from '../src/stats/recount';
import { projectReach } from '../src/stats/service';
import { auth, binary, createTestApp, makeIdNumber, profileBody, type TestApp } from './helpers/testApp';

let t: TestApp;
let office: { token: string; user: { id: number } };
beforeAll(async () => {
  t = await createTestApp({ env: { TARGET_PRACTITIONERS: '50' } });
  office = await t.userWithRole('office');
});
afterAll(() => t.close());

const HEADER = '姓名,身份证号码,区县,工作单位,单位类型,人才类别,业务领域,职称,人才层次,审核状态';
const id = (seq: number) => makeIdNumber('500101', '19790101', seq);
const row = (seq: number, district = '渝北区', extra = ',') => `导入${seq},${id(seq)},${district},单位${seq},企业,知识产权代理,专利,中级,${extra}`;
const importCsv = (rows: string[]) =>
  t.request.post('/api/talents/import').set(auth(office.token)).attach('file', Buffer.from([HEADER, ...rows].join('\n')), 'x.csv').expect(200);
const sql = async (q: string, replacements: unknown[] = []) => t.db.sequelize.query<Record<string, number>>(q, { replacements, type: QueryTypes.SELECT });
const overview = async () => (await t.request.get('/api/stats/overview').set(auth(office.token)).expect(200)).body;

describe('the count toward the target', () => {
  it('counts each verified person once through self-registration, overlapping imports and re-imports, and matches a recount', async () => {
    t.clock.set('2026-01-15T10:00:00+08:00');
    // An association's list: 6 people in 渝北区 and 2 in 江北区, two of them pending.
    await importCsv([row(1), row(2), row(3), row(4), row(5), row(6), row(7, '江北区'), row(8, '江北区', ',待审核')]);
    t.clock.set('2026-02-20T10:00:00+08:00');
    // A second source overlapping with the first (3, 4, 5) plus new people (9, 10) and a tier.
    await importCsv([row(3), row(4), row(5, '渝北区', '国家知识产权领军人才,'), row(9, '南岸区'), row(10, '南岸区', ',待审核')]);
    // Two imported people sign up and claim their records; one new person signs up.
    for (const seq of [1, 9]) {
      const p = await t.registerPractitioner(`导入${seq}`);
      await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ name: `导入${seq}`, idNumber: id(seq), district: seq === 1 ? '500112' : '500108' })).expect(200);
    }
    const fresh = await t.registerPractitioner('新人');
    const freshRecord = await t.request.put('/api/me/profile').set(auth(fresh.token)).send(profileBody({ name: '新人', idNumber: id(11), district: '500103' })).expect(200);
    // The office works: verifies the newcomer, rejects one pending import, deactivates one.
    t.clock.set('2026-03-05T10:00:00+08:00');
    await t.request.post(`/api/talents/${freshRecord.body.id}/verify`).set(auth(office.token)).expect(200);
    const [pending8] = await sql('SELECT id FROM practitioners WHERE name = ?', ['导入8']);
    await t.request.post(`/api/talents/${pending8.id}/reject`).set(auth(office.token)).send({ reason: '信息不全' }).expect(200);
    const [six] = await sql('SELECT id FROM practitioners WHERE name = ?', ['导入6']);
    await t.request.patch(`/api/talents/${six.id}`).set(auth(office.token)).send({ status: 'inactive' }).expect(200);
    // The first file again: nothing new.
    const again = await importCsv([row(1), row(2), row(3), row(4), row(5), row(6), row(7, '江北区'), row(8, '江北区', ',待审核')]);
    expect(again.body.created).toBe(0);

    const o = await overview();
    // Verified: 1..7 (7) + 9 (1) + 11 (1) − 6 (inactive) = 8. Pending: 10. Rejected: 8. Inactive: 6.
    expect(o.practitioners).toEqual({ verified: 8, pending: 1, rejected: 1, inactive: 1, total: 11 });
    expect(o.target).toEqual({ count: 50, year: 2020 });
    expect(o.progress).toBe(0.16);
    const [raw] = await sql(`SELECT COUNT(*) AS n, COUNT(DISTINCT id_hash) AS people FROM practitioners WHERE status = 'verified'`);
    expect(Number(raw.n)).toBe(8);
    expect(Number(raw.people)).toBe(8);
    const sum = (xs: { count: number }[]) => xs.reduce((a, x) => a + x.count, 0);
    for (const b of [o.byDistrict, o.byOrgType, o.byCategory, o.byTitleLevel, o.byTier]) expect(sum(b)).toBe(8);
    expect(o.byDistrict).toHaveLength(38);
    expect(o.byDistrict.find((d: { code: string }) => d.code === '500112')).toEqual({ code: '500112', name: '渝北区', count: 5 });
    expect(o.byTier.find((x: { value: string }) => x.value === 'leading').count).toBe(1);
    expect(await recount(t.db)).toEqual([]);
  });

  it('shows growth by month of verification, and projects when the target is reached', async () => {
    t.clock.set('2026-03-10T10:00:00+08:00');
    const o = await overview();
    const months = Object.fromEntries(o.growth.map((g: { month: string; newVerified: number }) => [g.month, g.newVerified]));
    expect(o.growth).toHaveLength(24);
    expect(o.growth[23]).toMatchObject({ month: '2026-03', cumulative: 8 });
    expect(months['2026-01']).toBe(6); // imported 1..5 and 7 (6 since deactivated; 1's claim kept its January verification)
    expect(months['2026-02']).toBe(1); // 9
    expect(months['2026-03']).toBe(1); // the newcomer
    // 8 verified in the last 12 months → 0.7 a month; 42 to go → 63 months.
    expect(o.projection).toEqual({ monthlyRate: 0.7, projectedReachDate: '2031-06-01' });
  });
});

describe('compliance', () => {
  it('lists verified people short of the rule, with missing hours, by district, and agrees with the overview', async () => {
    t.clock.set('2026-06-01T10:00:00+08:00');
    await t.request.put('/api/credit-rules/2026').set(auth(office.token)).send({ requiredHours: 10, minProfessionalHours: 6 }).expect(200);
    const people = await sql(`SELECT id, name FROM practitioners WHERE status = 'verified' ORDER BY id`);
    const give = (practitionerId: number, hours: number, category: string) =>
      t.request.post('/api/credit-adjustments').set(auth(office.token)).send({ practitionerId, year: 2026, hours, category, reason: '测试' }).expect(201);
    await give(people[0].id, 10, 'professional'); // compliant
    await give(people[1].id, 12, 'public'); // enough hours, not enough professional
    await give(people[2].id, 6, 'professional'); // too few
    await give(people[2].id, 4, 'public'); // now 10 with 6 professional: compliant
    const res = await t.request.get('/api/stats/compliance?year=2026&pageSize=100').set(auth(office.token)).expect(200);
    expect(res.body.total).toBe(6);
    const second = res.body.items.find((i: { practitionerId: number }) => i.practitionerId === people[1].id);
    expect(second).toMatchObject({ earnedHours: 12, professionalHours: 0, missingHours: 0, missingProfessionalHours: 6 });
    const untouched = res.body.items.find((i: { practitionerId: number }) => i.practitionerId === people[3].id);
    expect(untouched).toMatchObject({ earnedHours: 0, missingHours: 10, missingProfessionalHours: 6 });
    expect(res.body.items.map((i: { practitionerId: number }) => i.practitionerId)).not.toContain(people[0].id);
    const yubei = await t.request.get('/api/stats/compliance?year=2026&district=500112').set(auth(office.token)).expect(200);
    expect(yubei.body.items.every((i: { district: string }) => i.district === '500112')).toBe(true);
    expect(yubei.body.byDistrict).toEqual([expect.objectContaining({ code: '500112', short: yubei.body.total })]);
    const o = await overview();
    expect(o.compliance).toMatchObject({ year: 2026, compliant: 2, total: 8, rate: 0.25 });
    // A compliant person who leaves the count leaves the compliance count too.
    await t.request.patch(`/api/talents/${people[0].id}`).set(auth(office.token)).send({ status: 'inactive' }).expect(200);
    expect((await overview()).compliance).toMatchObject({ compliant: 1, total: 7 });
    expect(await recount(t.db)).toEqual([]);
  });
});

describe('the annual report', () => {
  it('agrees with the dashboard to the person, and downloads as a workbook with its sheets', async () => {
    const o = await overview();
    const json = await t.request.get('/api/stats/report?year=2026').set(auth(office.token)).expect(200);
    expect(json.body.summary).toMatchObject({ verified: o.practitioners.verified, pending: o.practitioners.pending, inactive: o.practitioners.inactive });
    expect(json.body.districts.map((d: { code: string; count: number }) => [d.code, d.count])).toEqual(o.byDistrict.map((d: { code: string; count: number }) => [d.code, d.count]));
    expect(json.body.compliance).toEqual(o.compliance);
    expect(json.body.training).toEqual(o.training);
    const xlsx = await binary(t.request.get('/api/stats/report?year=2026&format=xlsx').set(auth(office.token)))
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '区县分布', '人才类别', '单位类型', '职称', '职称系列', '知识产权师', '学历', '人才层次', '培训', '继续教育达标', '服务机构', '服务机构区县分布']);
    expect(wb.getWorksheet('汇总')!.getRow(6).values).toEqual([undefined, '已认证人数（计入目标）', o.practitioners.verified]);
    await t.request.get('/api/stats/report?format=pdf').set(auth(office.token)).expect(400);
    const trainer = await t.userWithRole('trainer');
    await t.request.get('/api/stats/overview').set(auth(trainer.token)).expect(403);
  });
});

describe('aggregates under concurrency', () => {
  it('stay equal to a recount when many records change at once', async () => {
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => t.registerPractitioner(`并发${i}`)));
    await Promise.all(
      people.map((p, i) =>
        t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ name: `并发${i}`, idNumber: makeIdNumber('500104', '19910101', 600 + i * 2), district: i % 2 ? '500104' : '500105' })).expect(200),
      ),
    );
    const ids = await sql(`SELECT id FROM practitioners WHERE name LIKE '并发%'`);
    await Promise.all(ids.map((r, i) => (i % 3 ? t.request.post(`/api/talents/${r.id}/verify`) : t.request.post(`/api/talents/${r.id}/reject`).send({ reason: '并发测试' })).set(auth(office.token)).expect(200)));
    await Promise.all(ids.slice(0, 4).map((r) => t.request.patch(`/api/talents/${r.id}`).set(auth(office.token)).send({ tier: 'high_level', status: 'inactive' }).expect(200)));
    expect(await recount(t.db)).toEqual([]);
  });
});

describe('the recount', () => {
  it('reports a tampered cell in each aggregate table, and a rebuild from the raw rows repairs them', async () => {
    expect(await recount(t.db)).toEqual([]);
    const [cell] = await sql(`SELECT dimension, value, status, n FROM talent_tallies WHERE dimension = 'district' AND status = 'verified' AND n > 0 ORDER BY value LIMIT 1`);
    await t.db.sequelize.query('UPDATE talent_tallies SET n = n + 1 WHERE dimension = ? AND value = ? AND status = ?', { replacements: [cell.dimension, cell.value, cell.status] });
    const [total] = await sql('SELECT practitioner_id, year, professional_hours FROM credit_year_totals ORDER BY practitioner_id LIMIT 1');
    await t.db.sequelize.query('UPDATE credit_year_totals SET professional_hours = professional_hours - 0.5 WHERE practitioner_id = ? AND year = ?', { replacements: [total.practitioner_id, total.year] });
    await t.db.sequelize.query(`INSERT INTO year_tallies (year, metric, value) VALUES (1999, 'classHours', 3)`);

    const differences = await recount(t.db);
    expect(differences).toHaveLength(3);
    expect(differences).toContainEqual({ table: 'talent_tallies', key: `district|${cell.value}|verified`, stored: Number(cell.n) + 1, recounted: Number(cell.n) });
    expect(differences).toContainEqual(expect.objectContaining({ table: 'credit_year_totals', key: `${total.practitioner_id}|${total.year}` }));
    expect(differences).toContainEqual({ table: 'year_tallies', key: '1999|classHours', stored: 3, recounted: 0 });

    await rebuildAggregates(t.db);
    expect(await recount(t.db)).toEqual([]);
  });

  it('reports a record whose history no longer says what the record says', async () => {
    const [latest] = await sql('SELECT MAX(id) AS id FROM practitioner_versions');
    const [version] = await sql(`SELECT practitioner_id, district FROM practitioner_versions WHERE id = ${Number(latest.id)}`);
    await t.db.sequelize.query(`UPDATE practitioner_versions SET district = '500101' WHERE id = ?`, { replacements: [latest.id] });
    const differences = await recount(t.db);
    expect(differences).toEqual([expect.objectContaining({ table: 'practitioner_versions', key: String(version.practitioner_id) })]);
    await t.db.sequelize.query(`UPDATE practitioner_versions SET district = ? WHERE id = ?`, { replacements: [version.district, latest.id] });
    expect(await recount(t.db)).toEqual([]);
  });
});

describe('projection toward the target', () => {
  const months = (n: number, each: number) => Array.from({ length: n }, () => ({ newVerified: each }));

  it('projects at the pace of the last 12 months only', () => {
    // 24 months: a fast first year, then 10 a month → 100 to go takes 10 months
    expect(projectReach([...months(12, 500), ...months(12, 10)], 9900, 10000, '2026-11-26')).toEqual({ monthlyRate: 10, projectedReachDate: '2027-09-01' });
  });

  it('is today once reached, and null without growth', () => {
    expect(projectReach(months(12, 1), 10000, 10000, '2026-11-26')).toEqual({ monthlyRate: 1, projectedReachDate: '2026-11-26' });
    expect(projectReach(months(12, 0), 5, 10000, '2026-11-26')).toEqual({ monthlyRate: 0, projectedReachDate: null });
  });

  it('is null past the horizon instead of a date centuries away (or a five-digit year)', () => {
    // 1 a year → 9,998 years to go
    expect(projectReach([{ newVerified: 1 }, ...months(11, 0)], 2, 10000, '2026-11-26')).toEqual({ monthlyRate: 0.1, projectedReachDate: null });
    // exactly at the horizon still gets a date: 1,200 a year → 100 years for 120,000
    expect(projectReach(months(12, 100), 0, 100 * 12 * 100, '2026-11-26').projectedReachDate).toBe('2126-11-01');
  });
});
