import ExcelJS from 'exceljs';
import { QueryTypes } from 'sequelize';
import { creditCodeCheckChar } from '../src/agencies/creditCode';
import { ManualClock } from '../src/platform/clock';
import { auth, binary, createTestApp, type TestApp } from './helpers/testApp';

let t: TestApp;
let office: { token: string; user: { id: number } };
let yubei: { token: string; user: { id: number } };
beforeAll(async () => {
  t = await createTestApp();
  office = await t.userWithRole('office');
  yubei = await t.userWithRole('district', '渝北区工作人员', '500112');
});
afterAll(() => t.close());

/** Valid codes, built (region 500112 or others, sequence n) rather than copied from real companies. */
let seq = 0;
function creditCode(region = '500112'): string {
  const first17 = `91${region}MA${String(++seq).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}
const body = (overrides: Record<string, unknown> = {}) => ({ name: '重庆某知识产权代理有限公司', creditCode: creditCode(), serviceTypes: ['agency', 'consulting'], district: '500112', address: '渝北区某路 1 号', contactName: '李四', contactPhone: '023-67001234', annualRevenue: { year: 2025, amountYuan: 3_500_000 }, ...overrides });
const create = (overrides: Record<string, unknown> = {}, token = office.token) => t.request.post('/api/agencies').set(auth(token)).send(body(overrides));
const auditOf = async (id: number) => (await t.request.get(`/api/audit?entity=agency&entityId=${id}`).set(auth(office.token)).expect(200)).body.items as { action: string; actorId: number; before: Record<string, unknown> | null; after: Record<string, unknown> }[];

describe('the agency registry', () => {
  it('creates (pending), verifies, rejects, edits and deactivates, each audited', async () => {
    const created = await create({ name: '重庆甲代理有限公司' }).expect(201);
    expect(created.body).toMatchObject({ name: '重庆甲代理有限公司', status: 'pending', source: 'office', district: '500112', districtName: '渝北区', serviceTypes: ['agency', 'consulting'], annualRevenue: { year: 2025, amountYuan: 3_500_000 }, practitionerCount: 0 });
    const id = created.body.id as number;

    const verified = await t.request.post(`/api/agencies/${id}/verify`).set(auth(office.token)).expect(200);
    expect(verified.body).toMatchObject({ status: 'verified', rejectReason: null });
    expect(verified.body.verifiedAt).not.toBeNull();
    const rejected = await t.request.post(`/api/agencies/${id}/reject`).set(auth(office.token)).send({ reason: '营业执照与名称不符' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '营业执照与名称不符', verifiedAt: null });
    const edited = await t.request.patch(`/api/agencies/${id}`).set(auth(office.token)).send({ name: '重庆甲知识产权代理有限公司', serviceTypes: ['legal'], annualRevenue: null }).expect(200);
    expect(edited.body).toMatchObject({ name: '重庆甲知识产权代理有限公司', serviceTypes: ['legal'], annualRevenue: null, status: 'rejected' });
    await t.request.post(`/api/agencies/${id}/verify`).set(auth(office.token)).expect(200);
    const inactive = await t.request.patch(`/api/agencies/${id}`).set(auth(office.token)).send({ status: 'inactive' }).expect(200);
    expect(inactive.body.status).toBe('inactive');
    const refused = await t.request.post(`/api/agencies/${id}/reject`).set(auth(office.token)).send({ reason: '重复登记' }).expect(409);
    expect(refused.body.error.code).toBe('AGENCY_INACTIVE');

    const trail = await auditOf(id);
    expect(trail.map((e) => e.action).reverse()).toEqual(['agency.create', 'agency.verify', 'agency.reject', 'agency.update', 'agency.verify', 'agency.deactivate']);
    expect(trail.every((e) => e.actorId === office.user.id)).toBe(true);
    const update = trail.find((e) => e.action === 'agency.update')!;
    expect(update.before).toMatchObject({ name: '重庆甲代理有限公司', serviceTypes: ['agency', 'consulting'], revenueYuan: 3_500_000 });
    expect(update.after).toMatchObject({ name: '重庆甲知识产权代理有限公司', serviceTypes: ['legal'], revenueYuan: null });

    // Verifying a verified agency again changes nothing and writes nothing.
    await t.request.post(`/api/agencies/${id}/verify`).set(auth(office.token)).expect(200);
    await t.request.post(`/api/agencies/${id}/verify`).set(auth(office.token)).expect(200);
    expect((await auditOf(id)).length).toBe(7);
  });

  it('refuses a credit code already registered with 409 CREDIT_CODE_TAKEN, also when two race for it', async () => {
    const code = creditCode();
    await create({ creditCode: code }).expect(201);
    const taken = await create({ creditCode: code.toLowerCase() }).expect(409);
    expect(taken.body.error).toMatchObject({ code: 'CREDIT_CODE_TAKEN', details: [{ path: 'creditCode' }] });

    const raced = creditCode();
    const answers = await Promise.all([create({ creditCode: raced }), create({ creditCode: raced }), create({ creditCode: raced })]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of answers.filter((a) => a.status === 409)) expect(r.body.error.code).toBe('CREDIT_CODE_TAKEN');

    const other = await create().expect(201);
    const patched = await t.request.patch(`/api/agencies/${other.body.id}`).set(auth(office.token)).send({ creditCode: code }).expect(409);
    expect(patched.body.error.code).toBe('CREDIT_CODE_TAKEN');
  });

  it('names the field of bad input: the credit code, the service types, the revenue', async () => {
    const code = creditCode();
    const bad = await create({ creditCode: code.slice(0, 17) + (code[17] === '0' ? '1' : '0') }).expect(400);
    expect(bad.body.error.details).toEqual([{ path: 'creditCode', message: expect.stringContaining('校验位') }]);
    const letter = await create({ creditCode: '91500000MA5U7G0F2O' }).expect(400);
    expect(letter.body.error.details[0]).toMatchObject({ path: 'creditCode', message: expect.stringContaining('「O」') });
    const type = await create({ serviceTypes: ['agency', 'magic'] }).expect(400);
    expect(type.body.error.details).toEqual([{ path: 'serviceTypes.1', message: '无法识别的服务类型' }]);
    const none = await create({ serviceTypes: [] }).expect(400);
    expect(none.body.error.details[0].path).toBe('serviceTypes');
    const money = await create({ annualRevenue: { year: 2025, amountYuan: 1.5 } }).expect(400);
    expect(money.body.error.details[0].path).toBe('annualRevenue.amountYuan');
    await t.request.patch('/api/agencies/1').set(auth(office.token)).send({}).expect(400);
  });

  it('keeps district staff to their district: another district is not found, and cannot be created there', async () => {
    const elsewhere = await create({ district: '500103', name: '渝中区某机构' }).expect(201);
    const own = await create({ name: '渝北区某机构' }, yubei.token).expect(201);
    expect(own.body.district).toBe('500112');

    const outside = await create({ district: '500103' }, yubei.token).expect(400);
    expect(outside.body.error.details).toEqual([{ path: 'district', message: expect.stringContaining('渝北区') }]);
    for (const path of [`/api/agencies/${elsewhere.body.id}`, `/api/agencies/${elsewhere.body.id}/practitioners`]) {
      await t.request.get(path).set(auth(yubei.token)).expect(404);
    }
    await t.request.post(`/api/agencies/${elsewhere.body.id}/verify`).set(auth(yubei.token)).expect(404);
    await t.request.patch(`/api/agencies/${elsewhere.body.id}`).set(auth(yubei.token)).send({ status: 'inactive' }).expect(404);
    const moved = await t.request.patch(`/api/agencies/${own.body.id}`).set(auth(yubei.token)).send({ district: '500103' }).expect(400);
    expect(moved.body.error.details[0].path).toBe('district');
    await t.request.post(`/api/agencies/${own.body.id}/verify`).set(auth(yubei.token)).expect(200);

    const list = await t.request.get('/api/agencies?pageSize=100').set(auth(yubei.token)).expect(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((a: { district: string }) => a.district === '500112')).toBe(true);
    const asked = await t.request.get('/api/agencies?district=500103').set(auth(yubei.token)).expect(200);
    expect(asked.body.total).toBe(0);
    const city = await t.request.get('/api/agencies?district=500103').set(auth(office.token)).expect(200);
    expect(city.body.items.map((a: { id: number }) => a.id)).toContain(elsewhere.body.id);
    const trail = await auditOf(own.body.id);
    expect(trail.map((e) => e.actorId)).toEqual([yubei.user.id, yubei.user.id]);
  });

  it('shows anyone else only verified agencies, and only their public fields', async () => {
    const code = creditCode('500105');
    const shown = await create({ name: '公开名录测试机构', creditCode: code, district: '500105' }).expect(201);
    await create({ name: '公开名录待审机构', district: '500105' }).expect(201);
    const gone = await create({ name: '公开名录停用机构', district: '500105' }).expect(201);
    await t.request.post(`/api/agencies/${shown.body.id}/verify`).set(auth(office.token)).expect(200);
    await t.request.post(`/api/agencies/${gone.body.id}/verify`).set(auth(office.token)).expect(200);
    await t.request.patch(`/api/agencies/${gone.body.id}`).set(auth(office.token)).send({ status: 'inactive' }).expect(200);

    const practitioner = await t.registerPractitioner();
    for (const token of [null, practitioner.token]) {
      let req = t.request.get('/api/agencies?q=公开名录&status=pending');
      if (token) req = req.set(auth(token));
      const res = await req.expect(200);
      expect(res.body.items).toEqual([{ name: '公开名录测试机构', creditCode: code, serviceTypes: ['agency', 'consulting'], district: '500105', districtName: '江北区', status: 'verified' }]);
      expect(res.text).not.toContain('李四');
      expect(res.text).not.toContain('023-67001234');
    }
    const byType = await t.request.get('/api/agencies?q=公开名录&serviceType=legal').expect(200);
    expect(byType.body.total).toBe(0);
    const byCode = await t.request.get(`/api/agencies?q=${code.slice(4, 14).toLowerCase()}`).expect(200);
    expect(byCode.body.items.map((a: { name: string }) => a.name)).toEqual(['公开名录测试机构']);
    await t.request.get(`/api/agencies/${shown.body.id}`).expect(401);
    await t.request.get(`/api/agencies/${shown.body.id}`).set(auth(practitioner.token)).expect(403);
  });

  it("lists an agency's verified practitioners with this year's hours and compliance, and counts them", async () => {
    const code = creditCode();
    const agency = await create({ creditCode: code }).expect(201);
    const people = await t.seedPractitioners(3);
    await t.db.sequelize.query(`UPDATE practitioners SET agency_credit_code = ? WHERE id IN (?, ?, ?)`, { replacements: [code, ...people.map((p) => p.practitionerId)] });
    await t.db.sequelize.query(`UPDATE practitioners SET status = 'inactive' WHERE id = ?`, { replacements: [people[2].practitionerId] });
    await t.db.sequelize.query(`INSERT INTO credit_year_totals (practitioner_id, year, hours, professional_hours, class_hours, counted) VALUES (?, 2026, 90, 60, 90, 1), (?, 2026, 30, 30, 0, 1)`, {
      replacements: [people[0].practitionerId, people[1].practitionerId],
      type: QueryTypes.INSERT,
    });
    const one = await t.request.get(`/api/agencies/${agency.body.id}`).set(auth(office.token)).expect(200);
    expect(one.body.practitionerCount).toBe(2);
    const list = await t.request.get(`/api/agencies?q=${code}`).set(auth(office.token)).expect(200);
    expect(list.body.items[0].practitionerCount).toBe(2);

    const members = await t.request.get(`/api/agencies/${agency.body.id}/practitioners`).set(auth(office.token)).expect(200);
    expect(members.body.total).toBe(2);
    const byId = new Map(members.body.items.map((m: { practitionerId: number }) => [m.practitionerId, m]));
    expect(byId.get(people[0].practitionerId)).toMatchObject({ name: people[0].name, category: 'agent', titleLevel: 'intermediate', year: 2026, earnedHours: 90, professionalHours: 60, compliant: true });
    expect(byId.get(people[1].practitionerId)).toMatchObject({ earnedHours: 30, compliant: false });
    const lastYear = await t.request.get(`/api/agencies/${agency.body.id}/practitioners?year=2025`).set(auth(office.token)).expect(200);
    expect(lastYear.body.items.every((m: { earnedHours: number; compliant: boolean }) => m.earnedHours === 0 && !m.compliant)).toBe(true);
  });
});

describe('importing and exporting agencies', () => {
  const HEADER = '机构名称,统一社会信用代码,服务类型,区县,联系人,营收年度,营业收入（元）,审核状态';
  const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\n'));
  const upload = (content: Buffer, { dryRun = false, token = office.token, name = 'agencies.csv' } = {}) => t.request.post(`/api/agencies/import${dryRun ? '?dryRun=true' : ''}`).set(auth(token)).attach('file', content, name);
  const Agency = () => t.db.sequelize.model('ServiceAgency');

  it('reports bad rows by row and column, applies the good ones, a dry run changes nothing, and a second import creates nothing', async () => {
    const [a, b, c] = [creditCode(), creditCode('500103'), creditCode()];
    const file = csv(
      `导入甲机构,${a},代理、咨询,渝北区,王五,2025,"1,200,000",`,
      `导入乙机构,${b},legal,500103,,,,待审核`,
      `导入丙机构,${c.slice(0, 17)}${c[17] === 'Y' ? 'X' : 'Y'},代理,渝北区,,,,`,
      `导入丁机构,${creditCode()},魔法,渝北区,,,,`,
      `导入戊机构,${creditCode()},代理,北京市,,2025,,`,
      `导入甲机构重复,${a.toLowerCase()},代理,渝北区,,,,`,
      `,${creditCode()},代理,渝北区,,,,已停用`,
    );
    const before = await Agency().count();
    const dry = await upload(file, { dryRun: true }).expect(200);
    expect(dry.body).toMatchObject({ created: 2, updated: 0, unchanged: 0, dryRun: true, errorCount: 7 });
    expect(await Agency().count()).toBe(before);

    const res = await upload(file).expect(200);
    expect(res.body).toMatchObject({ created: 2, updated: 0, unchanged: 0, dryRun: false, errorCount: 7 });
    expect(res.body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(['4:统一社会信用代码', '5:服务类型', '6:区县', '6:营业收入（元）', '7:统一社会信用代码', '8:机构名称', '8:审核状态']);
    expect(res.body.errors.find((e: { row: number }) => e.row === 7).message).toMatch(/第 2 行/);
    expect(res.body.errors.find((e: { row: number }) => e.row === 5).message).toMatch(/魔法/);
    expect(await Agency().count()).toBe(before + 2);

    const jia = await t.request.get(`/api/agencies?q=${a}`).set(auth(office.token)).expect(200);
    expect(jia.body.items[0]).toMatchObject({ name: '导入甲机构', status: 'verified', source: 'import', serviceTypes: ['agency', 'consulting'], contactName: '王五', annualRevenue: { year: 2025, amountYuan: 1_200_000 } });
    const yi = await t.request.get(`/api/agencies?q=${b}`).set(auth(office.token)).expect(200);
    expect(yi.body.items[0]).toMatchObject({ status: 'pending', district: '500103', serviceTypes: ['legal'] });

    const again = await upload(file).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await Agency().count()).toBe(before + 2);

    const changed = await upload(csv(`导入甲机构（新名）,${a},代理,渝北区,王五,2025,1200000,待审核`)).expect(200);
    expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const renamed = await t.request.get(`/api/agencies?q=${a}`).set(auth(office.token)).expect(200);
    expect(renamed.body.items[0]).toMatchObject({ name: '导入甲机构（新名）', status: 'verified', serviceTypes: ['agency'] });

    const audit = await t.request.get('/api/audit?action=agency.import').set(auth(office.token)).expect(200);
    expect(audit.body.items[0]).toMatchObject({ actorId: office.user.id, after: { created: 0, updated: 1 } });
  });

  it("keeps district staff's imports to their district", async () => {
    const theirs = creditCode('500103');
    await create({ creditCode: theirs, district: '500103' }).expect(201);
    const res = await upload(csv(`区县导入甲,${creditCode()},代理,渝北区,,,,`, `区县导入乙,${creditCode('500103')},代理,渝中区,,,,`, `区县导入丙,${theirs},代理,渝北区,,,,`), { token: yubei.token }).expect(200);
    expect(res.body).toMatchObject({ created: 1, errorCount: 2 });
    expect(res.body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(['3:区县', '4:统一社会信用代码']);
  });

  it('refuses files that cannot be imported, as a whole', async () => {
    const missing = await upload(Buffer.from('机构名称,区县\n某机构,渝北区')).expect(400);
    expect(missing.body.error.details.map((d: { path: string }) => d.path)).toEqual(['统一社会信用代码', '服务类型']);
    const empty = await upload(csv()).expect(400);
    expect(empty.body.error.message).toMatch(/没有数据行/);
    await upload(Buffer.alloc(0), { name: 'empty.csv' }).expect(400);
  });

  it('imports its own template and exports what the search finds, formulas escaped', async () => {
    const template = await binary(t.request.get('/api/agencies/import-template?format=xlsx').set(auth(office.token))).expect(200);
    const fromTemplate = await upload(template.body, { name: 'template.xlsx' }).expect(200);
    expect(fromTemplate.body).toMatchObject({ created: 1, errors: [] });
    const csvTemplate = await t.request.get('/api/agencies/import-template?format=csv').set(auth(office.token)).expect(200);
    expect(csvTemplate.text).toContain('统一社会信用代码');

    await create({ name: '=HYPERLINK("http://evil.example")', district: '500120' }).expect(201);
    const out = await t.request.get('/api/agencies/export?format=csv&district=500120').set(auth(office.token)).expect(200);
    expect(out.headers['content-type']).toMatch(/text\/csv/);
    const lines = out.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toMatch(/^机构名称,统一社会信用代码,服务类型,区县/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK`);
    expect(lines[1]).toContain('璧山区');
    const xlsx = await binary(t.request.get('/api/agencies/export').set(auth(office.token))).expect(200);
    expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');
    const scoped = await t.request.get('/api/agencies/export?format=csv&district=500120').set(auth(yubei.token)).expect(200);
    expect(scoped.text.replace(/^\uFEFF/, '').trim().split('\n')).toHaveLength(1);
  });
});

describe('the figures', () => {
  it('counts verified agencies (not inactive ones) by service type and district, and the latest year of revenue', async () => {
    const fresh = await createTestApp();
    try {
      const staff = await fresh.userWithRole('office');
      const make = async (overrides: Record<string, unknown>, then?: 'verify' | 'deactivate') => {
        const res = await fresh.request.post('/api/agencies').set(auth(staff.token)).send(body(overrides)).expect(201);
        if (then) await fresh.request.post(`/api/agencies/${res.body.id}/verify`).set(auth(staff.token)).expect(200);
        if (then === 'deactivate') await fresh.request.patch(`/api/agencies/${res.body.id}`).set(auth(staff.token)).send({ status: 'inactive' }).expect(200);
      };
      const empty = await fresh.request.get('/api/agencies/figures').set(auth(staff.token)).expect(200);
      expect(empty.body).toMatchObject({ target: { count: 200 }, verified: 0, revenue: { year: 2026, totalYuan: 0, targetYuan: 500_000_000 } });
      expect(empty.body.byDistrict).toHaveLength(38);

      await make({ serviceTypes: ['agency', 'legal'], annualRevenue: { year: 2025, amountYuan: 1_000_000 } }, 'verify');
      await make({ serviceTypes: ['agency'], district: '500103', annualRevenue: { year: 2025, amountYuan: 2_500_000 } }, 'verify');
      await make({ serviceTypes: ['training'], annualRevenue: { year: 2024, amountYuan: 9_000_000 } }, 'verify');
      await make({ serviceTypes: ['agency'], annualRevenue: { year: 2025, amountYuan: 7_000_000 } }, 'deactivate');
      await make({ serviceTypes: ['agency'], annualRevenue: { year: 2026, amountYuan: 7_000_000 } });

      const figures = await fresh.request.get('/api/agencies/figures').set(auth(staff.token)).expect(200);
      expect(figures.body).toMatchObject({ verified: 3, revenue: { year: 2025, totalYuan: 3_500_000, targetYuan: 500_000_000 } });
      const types = Object.fromEntries(figures.body.byServiceType.map((s: { value: string; count: number }) => [s.value, s.count]));
      expect(types).toEqual({ agency: 2, legal: 1, information: 0, commercialization: 0, consulting: 0, training: 1, evaluation: 0 });
      expect(figures.body.byServiceType[0]).toEqual({ value: 'agency', label: '代理', count: 2 });
      const districts = Object.fromEntries(figures.body.byDistrict.filter((d: { count: number }) => d.count > 0).map((d: { code: string; count: number }) => [d.code, d.count]));
      expect(districts).toEqual({ '500112': 2, '500103': 1 });

      const district = await fresh.userWithRole('district', '渝中区工作人员', '500103');
      const theirs = await fresh.request.get('/api/agencies/figures').set(auth(district.token)).expect(200);
      expect(theirs.body).toMatchObject({ verified: 1, revenue: { year: 2025, totalYuan: 2_500_000 } });
      expect(await fresh.app.services.agencies.figures(null)).toMatchObject({ verified: 3 });
    } finally {
      await fresh.close();
    }
  });

  it('are in the dashboard, the district league table and the annual report; a past year counts the agencies verified by its end and that year\'s revenue', async () => {
    const clock = new ManualClock('2025-06-01T10:00:00+08:00');
    const fresh = await createTestApp({ clock });
    try {
      const staff = await fresh.userWithRole('office');
      const make = async (overrides: Record<string, unknown>) => {
        const res = await fresh.request.post('/api/agencies').set(auth(staff.token)).send(body(overrides)).expect(201);
        await fresh.request.post(`/api/agencies/${res.body.id}/verify`).set(auth(staff.token)).expect(200);
      };
      await make({ serviceTypes: ['agency'], district: '500103', annualRevenue: { year: 2025, amountYuan: 2_000_000 } });
      clock.set('2026-03-01T10:00:00+08:00');
      await make({ serviceTypes: ['legal'], annualRevenue: { year: 2026, amountYuan: 5_000_000 } });
      await make({ serviceTypes: ['consulting'], district: '500103', annualRevenue: { year: 2026, amountYuan: 1_000_000 } });

      const now = await fresh.request.get('/api/stats/overview').set(auth(staff.token)).expect(200);
      expect(now.body.agencies).toMatchObject({ target: { count: 200 }, verified: 3, revenue: { year: 2026, totalYuan: 6_000_000, targetYuan: 500_000_000 } });
      const past = await fresh.request.get('/api/stats/overview?year=2025').set(auth(staff.token)).expect(200);
      expect(past.body.agencies).toMatchObject({ verified: 1, revenue: { year: 2025, totalYuan: 2_000_000 } });

      const district = await fresh.userWithRole('district', '渝中区工作人员', '500103');
      const theirs = await fresh.request.get('/api/stats/overview').set(auth(district.token)).expect(200);
      expect(theirs.body.agencies).toMatchObject({ verified: 2, revenue: { totalYuan: 1_000_000 }, byDistrict: [{ code: '500103', count: 2 }] });

      const league = await fresh.request.get('/api/stats/districts').set(auth(staff.token)).expect(200);
      const agenciesBy = Object.fromEntries(league.body.items.filter((d: { agencies: number }) => d.agencies > 0).map((d: { code: string; agencies: number }) => [d.code, d.agencies]));
      expect(agenciesBy).toEqual({ '500103': 2, '500112': 1 });

      const report = await fresh.request.get('/api/stats/report?year=2026&format=json').set(auth(staff.token)).expect(200);
      expect(report.body.agencies).toMatchObject({ verified: 3, revenue: { year: 2026, totalYuan: 6_000_000 } });
      const xlsx = await binary(fresh.request.get('/api/stats/report?year=2026&format=xlsx').set(auth(staff.token))).expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body);
      const sheet = wb.getWorksheet('服务机构')!;
      const cells = new Map<string, unknown>();
      sheet.eachRow((row) => cells.set(String(row.getCell(1).value), row.getCell(2).value));
      expect(cells.get('已认证服务机构')).toBe(3);
      expect(cells.get('营业收入合计（元）')).toBe(6_000_000);
      expect(cells.get('服务类型：法律')).toBe(1);
      expect(wb.getWorksheet('服务机构区县分布')!.rowCount).toBe(39);
    } finally {
      await fresh.close();
    }
  });
});
