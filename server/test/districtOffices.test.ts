import { auth, binary, createTestApp, makeIdNumber, profileBody } from './helpers/testApp';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const YUBEI = '500112'; // 渝北区
const YUZHONG = '500103'; // 渝中区

describe('district offices (区县)', () => {
  let t: TestApp;
  let office: { token: string };
  let yubei: { token: string };
  let yubeiRecord: { id: number };
  let yuzhongRecord: { id: number };
  const yuzhongId = makeIdNumber(YUZHONG, '19850101', 711);

  beforeAll(async () => {
    t = await createTestApp();
    office = await t.userWithRole('office');
    yubei = await t.userWithRole('district', '渝北区人才工作', YUBEI);
    const a = await t.registerPractitioner('渝北甲');
    yubeiRecord = (await t.request.put('/api/me/profile').set(auth(a.token)).send(profileBody({ name: '渝北甲', idNumber: makeIdNumber(YUBEI, '19900101', 701), district: YUBEI })).expect(200)).body;
    const b = await t.registerPractitioner('渝中乙');
    yuzhongRecord = (await t.request.put('/api/me/profile').set(auth(b.token)).send(profileBody({ name: '渝中乙', idNumber: yuzhongId, district: YUZHONG })).expect(200)).body;
  });
  afterAll(() => t.close());

  it('a district account needs its district, and only district accounts have one', async () => {
    const admin = await t.userWithRole('admin');
    const missing = await t.request.post('/api/admin/users').set(auth(admin.token)).send({ phone: '13712340001', password: 'password123', name: '无区县', role: 'district' }).expect(400);
    expect(missing.body.error.details).toEqual([expect.objectContaining({ path: 'districtCode' })]);
    const wrong = await t.request.post('/api/admin/users').set(auth(admin.token)).send({ phone: '13712340002', password: 'password123', name: '市级', role: 'office', districtCode: YUBEI }).expect(400);
    expect(wrong.body.error.details).toEqual([expect.objectContaining({ path: 'districtCode' })]);
    await t.request.post('/api/admin/users').set(auth(admin.token)).send({ phone: '13712340003', password: 'password123', name: '外省', role: 'district', districtCode: '110101' }).expect(400);
    const me = await t.request.get('/api/me').set(auth(yubei.token)).expect(200);
    expect(me.body.user).toMatchObject({ role: 'district', districtCode: YUBEI });

    // Moving a district account to another role drops its district; back again needs one.
    const list = await t.request.get('/api/admin/users?role=district').set(auth(admin.token)).expect(200);
    const id = list.body.items[0].id;
    const moved = await t.request.patch(`/api/admin/users/${id}`).set(auth(admin.token)).send({ role: 'office' }).expect(200);
    expect(moved.body).toMatchObject({ role: 'office', districtCode: null });
    await t.request.patch(`/api/admin/users/${id}`).set(auth(admin.token)).send({ role: 'district' }).expect(400);
    await t.request.patch(`/api/admin/users/${id}`).set(auth(admin.token)).send({ role: 'district', districtCode: YUBEI }).expect(200);
  });

  it('district staff see, verify, reject and tier only their district’s records: another district’s is not found', async () => {
    const page = await t.request.get('/api/talents').set(auth(yubei.token)).expect(200);
    expect(page.body.items.map((p: { name: string }) => p.name)).toEqual(['渝北甲']);
    const other = await t.request.get(`/api/talents?district=${YUZHONG}`).set(auth(yubei.token)).expect(200);
    expect(other.body).toMatchObject({ total: 0, items: [] });
    const byIdNumber = await t.request.get(`/api/talents?q=${yuzhongId}`).set(auth(yubei.token)).expect(200);
    expect(byIdNumber.body.total).toBe(0);

    await t.request.get(`/api/talents/${yuzhongRecord.id}`).set(auth(yubei.token)).expect(404);
    await t.request.post(`/api/talents/${yuzhongRecord.id}/verify`).set(auth(yubei.token)).expect(404);
    await t.request.post(`/api/talents/${yuzhongRecord.id}/reject`).set(auth(yubei.token)).send({ reason: '材料不全' }).expect(404);
    await t.request.patch(`/api/talents/${yuzhongRecord.id}`).set(auth(yubei.token)).send({ tier: 'leading' }).expect(404);
    const untouched = await t.request.get(`/api/talents/${yuzhongRecord.id}`).set(auth(office.token)).expect(200);
    expect(untouched.body).toMatchObject({ status: 'pending', tier: 'none' });

    const verified = await t.request.post(`/api/talents/${yubeiRecord.id}/verify`).set(auth(yubei.token)).expect(200);
    expect(verified.body.status).toBe('verified');
    await t.request.get(`/api/talents/${yubeiRecord.id}`).set(auth(yubei.token)).expect(200);

    const exported = await binary(t.request.get('/api/talents/export?format=csv').set(auth(yubei.token))).expect(200);
    const text = exported.body.toString('utf8');
    expect(text).toContain('渝北甲');
    expect(text).not.toContain('渝中乙');
  });

  it('district staff import only into their district: other districts’ rows are row errors', async () => {
    const header = '姓名,身份证号码,区县,工作单位,单位类型,人才类别,业务领域,职称,学历,职称系列';
    const rows = [
      `渝北丙,${makeIdNumber(YUBEI, '19910101', 721)},渝北区,丙单位,企业,知识产权代理,专利,中级,硕士,知识产权`,
      `渝中丁,${makeIdNumber(YUZHONG, '19920101', 722)},渝中区,丁单位,企业,知识产权代理,专利,中级,本科,工程`,
      // a person whose record another district holds, even when the row names this district
      `渝中乙,${yuzhongId},渝北区,乙单位,企业,知识产权代理,专利,中级,,`,
    ];
    const upload = (dryRun: boolean) =>
      t.request.post(`/api/talents/import?dryRun=${dryRun}`).set(auth(yubei.token)).attach('file', Buffer.from([header, ...rows].join('\n')), 'people.csv').expect(200);
    const dry = await upload(true);
    expect(dry.body).toMatchObject({ created: 1, updated: 0, errorCount: 2 });
    const real = await upload(false);
    expect(real.body).toMatchObject({ created: 1, updated: 0, errorCount: 2 });
    expect(real.body.errors).toEqual([
      { row: 3, column: '区县', message: expect.stringContaining('渝北区') },
      { row: 4, column: '身份证号码', message: expect.stringContaining('其他区县') },
    ]);
    const found = await t.request.get('/api/talents?q=渝北丙').set(auth(yubei.token)).expect(200);
    expect(found.body.items[0]).toMatchObject({ district: YUBEI, education: 'master', titleSeries: 'ip', titleName: '知识产权师' });
    const yuzhong = await t.request.get(`/api/talents/${yuzhongRecord.id}`).set(auth(office.token)).expect(200);
    expect(yuzhong.body).toMatchObject({ district: YUZHONG, orgName: profileBody().orgName });
    expect((await t.request.get('/api/talents?q=渝中丁').set(auth(office.token)).expect(200)).body.total).toBe(0);
  });

  it('their dashboard, compliance list and annual report are their district’s; the city sees all and the league table', async () => {
    await t.request.post(`/api/talents/${yuzhongRecord.id}/verify`).set(auth(office.token)).expect(200);
    const mine = await t.request.get('/api/stats/overview').set(auth(yubei.token)).expect(200);
    expect(mine.body.scope).toMatchObject({ district: YUBEI, districtName: '渝北区' });
    expect(mine.body.practitioners.verified).toBe(2); // 渝北甲 and 渝北丙
    expect(mine.body.byDistrict).toEqual([{ code: YUBEI, name: '渝北区', count: 2 }]);
    expect(mine.body.byEducation.find((b: { value: string }) => b.value === 'master').count).toBe(1);
    expect(mine.body.ipSeriesTitles.find((b: { value: string }) => b.value === 'intermediate')).toMatchObject({ label: '知识产权师', count: 1 });
    const city = await t.request.get('/api/stats/overview').set(auth(office.token)).expect(200);
    expect(city.body.practitioners.verified).toBe(3);
    expect(city.body.scope.district).toBeNull();

    const short = await t.request.get('/api/stats/compliance').set(auth(yubei.token)).expect(200);
    expect(short.body.items.map((i: { district: string }) => i.district)).toEqual([YUBEI, YUBEI]);
    await t.request.get(`/api/stats/compliance?district=${YUZHONG}`).set(auth(yubei.token)).expect(404);

    const report = await t.request.get('/api/stats/report?format=json').set(auth(yubei.token)).expect(200);
    expect(report.body).toMatchObject({ district: YUBEI, summary: { verified: 2 } });
    expect(report.body.districts).toEqual([expect.objectContaining({ code: YUBEI, count: 2, shortOfRule: 2 })]);
    await binary(t.request.get('/api/stats/report?format=xlsx').set(auth(yubei.token))).expect(200);

    await t.request.get('/api/stats/districts').set(auth(yubei.token)).expect(403);
    const league = await t.request.get('/api/stats/districts').set(auth(office.token)).expect(200);
    expect(league.body.items).toHaveLength(38);
    expect(league.body.items.find((d: { code: string }) => d.code === YUBEI)).toMatchObject({ verified: 2, growth12Months: 2, compliant: 0, complianceRate: 0 });
    expect(league.body.items.find((d: { code: string }) => d.code === YUZHONG)).toMatchObject({ verified: 1 });
  });

  it('nothing a district account can read names another district’s person', async () => {
    const reads = ['/api/talents', '/api/talents?q=渝中', '/api/stats/overview', '/api/stats/compliance', '/api/stats/report?format=json', '/api/audit'];
    for (const url of reads) {
      const res = await t.request.get(url).set(auth(yubei.token));
      expect([200, 403]).toContain(res.status);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain('渝中乙');
      expect(text).not.toContain(yuzhongId);
    }
  });
});
