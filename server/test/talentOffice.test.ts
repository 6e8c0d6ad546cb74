import { auth, createTestApp, makeIdNumber, profileBody, type TestApp } from './helpers/testApp';

let t: TestApp;
let office: { token: string; user: { id: number } };
beforeAll(async () => {
  t = await createTestApp();
  office = await t.userWithRole('office');
});
afterAll(() => t.close());

async function practitionerWithRecord(overrides: Record<string, unknown>) {
  const p = await t.registerPractitioner(String(overrides.name ?? '某人'));
  const res = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody(overrides)).expect(200);
  return { ...p, recordId: res.body.id as number };
}

describe('searching the talent database', () => {
  it('filters by every dimension, searches names and organisations, and finds a person by full ID number', async () => {
    const idNumber = makeIdNumber('500235', '19860606', 555);
    const a = await practitionerWithRecord({ name: '云阳律师', idNumber, district: '500235', category: 'lawyer', orgType: 'law_firm', orgName: '云阳某律师事务所', titleLevel: 'senior' });
    await practitionerWithRecord({ name: '渝中代理', idNumber: makeIdNumber('500103', '19900101', 557), district: '500103', category: 'agent' });
    const byDistrict = await t.request.get('/api/talents?district=500235').set(auth(office.token)).expect(200);
    expect(byDistrict.body.items.map((i: { id: number }) => i.id)).toEqual([a.recordId]);
    expect(byDistrict.body.items[0]).toMatchObject({ name: '云阳律师', districtName: '云阳县', source: 'self', claimed: true, phoneMasked: expect.stringMatching(/^\d{3}\*{4}\d{4}$/), status: 'pending' });
    expect(byDistrict.body.items[0]).not.toHaveProperty('idHash');
    for (const [key, value] of [['category', 'lawyer'], ['orgType', 'law_firm'], ['titleLevel', 'senior'], ['status', 'pending']]) {
      const res = await t.request.get(`/api/talents?${key}=${value}&pageSize=100`).set(auth(office.token)).expect(200);
      expect(res.body.items.every((i: Record<string, string>) => i[key] === value)).toBe(true);
      expect(res.body.items.map((i: { id: number }) => i.id)).toContain(a.recordId);
    }
    const byOrg = await t.request.get(`/api/talents?q=${encodeURIComponent('律师事务所')}`).set(auth(office.token)).expect(200);
    expect(byOrg.body.items.map((i: { id: number }) => i.id)).toEqual([a.recordId]);
    const byId = await t.request.get(`/api/talents?q=${idNumber}`).set(auth(office.token)).expect(200);
    expect(byId.body.items.map((i: { id: number }) => i.id)).toEqual([a.recordId]);
    await t.request.get('/api/talents?district=110101').set(auth(office.token)).expect(400);
    await t.request.get('/api/talents?tier=godlike').set(auth(office.token)).expect(400);
  });

  it('is for the office and admins only', async () => {
    const trainer = await t.userWithRole('trainer');
    await t.request.get('/api/talents').set(auth(trainer.token)).expect(403);
    const p = await t.registerPractitioner();
    await t.request.get('/api/talents').set(auth(p.token)).expect(403);
    const admin = await t.userWithRole('admin');
    await t.request.get('/api/talents').set(auth(admin.token)).expect(200);
  });
});

describe('one record', () => {
  it('comes with this year’s credit summary and enrollments', async () => {
    const p = await practitionerWithRecord({ name: '详情测试', idNumber: makeIdNumber('500101', '19800808', 559) });
    const { cls } = await t.openClass({ capacity: 5 });
    await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(201);
    const res = await t.request.get(`/api/talents/${p.recordId}`).set(auth(office.token)).expect(200);
    expect(res.body).toMatchObject({ id: p.recordId, name: '详情测试', credits: { year: 2026, requiredHours: 90, earnedHours: 0 } });
    expect(res.body.enrollments).toEqual([expect.objectContaining({ status: 'enrolled', class: expect.objectContaining({ id: cls.id }) })]);
    await t.request.get('/api/talents/999999').set(auth(office.token)).expect(404);
  });
});

describe('verify, reject, tier and deactivate', () => {
  it('change the status the practitioner sees, and every change is audited with before and after', async () => {
    const p = await practitionerWithRecord({ name: '审核测试', idNumber: makeIdNumber('500102', '19810101', 561) });
    const rejected = await t.request.post(`/api/talents/${p.recordId}/reject`).set(auth(office.token)).send({ reason: '工作单位无法核实' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '工作单位无法核实' });
    const seen = await t.request.get('/api/me').set(auth(p.token)).expect(200);
    expect(seen.body.practitioner).toMatchObject({ status: 'rejected', rejectReason: '工作单位无法核实' });
    await t.request.post(`/api/talents/${p.recordId}/reject`).set(auth(office.token)).send({}).expect(400);

    const verified = await t.request.post(`/api/talents/${p.recordId}/verify`).set(auth(office.token)).expect(200);
    expect(verified.body).toMatchObject({ status: 'verified', rejectReason: null, verifiedAt: expect.any(String) });
    const again = await t.request.post(`/api/talents/${p.recordId}/verify`).set(auth(office.token)).expect(200);
    expect(again.body.verifiedAt).toBe(verified.body.verifiedAt);

    const tier = await t.request.patch(`/api/talents/${p.recordId}`).set(auth(office.token)).send({ tier: 'leading' }).expect(200);
    expect(tier.body).toMatchObject({ tier: 'leading', status: 'verified' });
    const inactive = await t.request.patch(`/api/talents/${p.recordId}`).set(auth(office.token)).send({ status: 'inactive' }).expect(200);
    expect(inactive.body.status).toBe('inactive');
    await t.request.patch(`/api/talents/${p.recordId}`).set(auth(office.token)).send({ status: 'verified' }).expect(400);
    await t.request.patch(`/api/talents/${p.recordId}`).set(auth(office.token)).send({}).expect(400);
    await t.request.post('/api/talents/999999/verify').set(auth(office.token)).expect(404);

    const audit = await t.request.get(`/api/audit?entity=practitioner&entityId=${p.recordId}`).set(auth(office.token)).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['talent.deactivate', 'talent.tier', 'talent.verify', 'talent.reject']);
    expect(audit.body.items[1]).toMatchObject({ actorId: office.user.id, actorName: '工作人员', before: { tier: 'none' }, after: { tier: 'leading' } });
    expect(JSON.stringify(audit.body)).not.toMatch(/idHash|[0-9a-f]{64}/);
  });
});
