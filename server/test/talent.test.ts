import fs from 'node:fs';
import path from 'node:path';
import { DISTRICTS } from '../src/reference/districts';
import { hashIdNumber, maskIdNumber } from '../src/talent/idNumber';
import { auth, createTestApp, makeIdNumber, profileBody, type TestApp } from './helpers/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Everything in every table, as text: to prove what is and is not stored. */
async function dumpDatabase(): Promise<string> {
  const tables = ['users', 'practitioners', 'audit_entries', 'login_failures'];
  const out: unknown[] = [];
  for (const table of tables) out.push(await t.db.sequelize.query(`SELECT * FROM ${table}`, { type: 'SELECT' }));
  return JSON.stringify(out);
}

const Practitioner = () => t.db.sequelize.model('Practitioner');

describe('reference data', () => {
  it('serves the 38 districts and counties of Chongqing, equal to the shared reference list', async () => {
    const res = await t.request.get('/api/reference').expect(200);
    expect(res.body.districts).toHaveLength(38);
    const csvPath = path.resolve(__dirname, '../../../shared/reference/chongqing-districts.csv');
    const source = fs.existsSync(csvPath)
      ? fs.readFileSync(csvPath, 'utf8').trim().split('\n').slice(1).map((line) => {
          const [code, name, kind] = line.trim().split(',');
          return { code, name, kind };
        })
      : [...DISTRICTS];
    expect(res.body.districts).toEqual(source);
    expect(res.body.districts).toContainEqual({ code: '500103', name: '渝中区', kind: 'district' });
    expect(res.body.districts).toContainEqual({ code: '500243', name: '彭水苗族土家族自治县', kind: 'autonomous_county' });
  });

  it('serves every enum of the record with Chinese labels', async () => {
    const res = await t.request.get('/api/reference').expect(200);
    expect(res.body.orgTypes.map((o: { value: string }) => o.value)).toEqual(['enterprise', 'university', 'research_institute', 'service_agency', 'law_firm', 'government', 'other']);
    expect(res.body.categories).toHaveLength(10);
    expect(res.body.categories).toContainEqual({ value: 'agent', label: '知识产权代理' });
    expect(res.body.ipFields.map((o: { value: string }) => o.value)).toEqual(['patent', 'trademark', 'copyright', 'plant_variety', 'geographical_indication', 'trade_secret', 'ic_layout']);
    expect(res.body.titleLevels.map((o: { value: string }) => o.value)).toEqual(['none', 'junior', 'intermediate', 'associate_senior', 'senior']);
    expect(res.body.tiers.map((o: { value: string }) => o.value)).toEqual(['none', 'leading', 'high_level', 'senior_engineer']);
    expect(res.body.recordStatuses).toContainEqual({ value: 'pending', label: '待审核' });
  });

  it('serves the training vocabularies too, each value the API speaks with its label', async () => {
    const res = await t.request.get('/api/reference').expect(200);
    const values = (name: string) => res.body[name].map((o: { value: string }) => o.value);
    expect(values('courseCategories')).toEqual(['professional', 'public']);
    expect(values('classStatuses')).toEqual(['open', 'closed', 'completed', 'cancelled']);
    expect(values('enrollmentStatuses')).toEqual(['enrolled', 'waitlisted', 'pending', 'cancelled', 'rejected']);
    expect(values('attendanceStatuses')).toEqual(['present', 'late', 'absent', 'excused']);
    expect(values('creditSources')).toEqual(['class', 'external', 'adjustment']);
    expect(values('claimStatuses')).toEqual(['pending', 'approved', 'rejected']);
    expect(res.body.enrollmentStatuses).toContainEqual({ value: 'waitlisted', label: '候补' });
    expect(res.body.deliveryModes).toContainEqual({ value: 'blended', label: '线上线下结合' });
  });
});

describe('PUT /api/me/profile', () => {
  it('creates the record as pending, with the ID number masked and birth date and gender read from it', async () => {
    const p = await t.registerPractitioner();
    const idNumber = makeIdNumber('500103', '19900101', 246);
    const res = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ idNumber, ipFields: ['patent', 'patent', 'copyright'] })).expect(200);
    expect(res.body).toMatchObject({
      name: '张三',
      idNumberMasked: maskIdNumber(idNumber),
      gender: 'female',
      birthDate: '1990-01-01',
      district: '500103',
      districtName: '渝中区',
      ipFields: ['patent', 'copyright'],
      tier: 'none',
      status: 'pending',
    });
    expect(res.body).not.toHaveProperty('idHash');
    const me = await t.request.get('/api/me').set(auth(p.token)).expect(200);
    expect(me.body.practitioner).toEqual(res.body);
  });

  it('never stores, logs or returns the raw ID number', async () => {
    const p = await t.registerPractitioner();
    const idNumber = makeIdNumber('500112', '19851111', 777);
    const saved = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ idNumber })).expect(200);
    const me = await t.request.get('/api/me').set(auth(p.token)).expect(200);
    const stored = await dumpDatabase();
    expect(stored).toContain(hashIdNumber(idNumber, t.config.idHashKey));
    for (const text of [stored, JSON.stringify(saved.body), JSON.stringify(me.body), t.logLines.join('\n')]) {
      expect(text).not.toContain(idNumber);
      expect(text).not.toContain(idNumber.slice(0, 14));
    }
  });

  it('reports each bad field and saves nothing', async () => {
    const p = await t.registerPractitioner();
    const res = await t.request
      .put('/api/me/profile')
      .set(auth(p.token))
      .send({ name: '', idNumber: '110105194912310021', district: '110101', orgName: 'x', orgType: 'startup', category: 'agent', ipFields: [], titleLevel: 'expert', email: 'not-an-email' })
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const byPath = Object.fromEntries(res.body.error.details.map((d: { path: string; message: string }) => [d.path, d.message]));
    expect(Object.keys(byPath).sort()).toEqual(['district', 'email', 'idNumber', 'ipFields', 'name', 'orgType', 'titleLevel']);
    expect(byPath.idNumber).toBe('身份证号码校验位不正确，请核对');
    expect(byPath.district).toBe('请选择重庆市的区县');
    const me = await t.request.get('/api/me').set(auth(p.token)).expect(200);
    expect(me.body.practitioner).toBeNull();
  });

  it('refuses a gender that contradicts the ID number and wrong types', async () => {
    const p = await t.registerPractitioner();
    const res = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ gender: 'female' })).expect(400);
    expect(res.body.error.details).toEqual([{ path: 'gender', message: '性别与身份证号码不符' }]);
    const types = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ ipFields: 'patent', qualifications: 'x' })).expect(400);
    expect(types.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['ipFields', 'qualifications']);
  });

  it('needs a signed-in practitioner', async () => {
    await t.request.put('/api/me/profile').send(profileBody()).expect(401);
    const trainer = await t.userWithRole('trainer');
    await t.request.put('/api/me/profile').set(auth(trainer.token)).send(profileBody({ idNumber: makeIdNumber('500101', '19800101', 11) })).expect(403);
  });

  it('keeps a verified record verified on ordinary edits and sends it back to pending when name or ID number change', async () => {
    const p = await t.registerPractitioner();
    const idNumber = makeIdNumber('500105', '19790303', 135);
    const first = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ idNumber })).expect(200);
    // Verification is the office's (issue 6); set it directly here.
    await Practitioner().update({ status: 'verified', verifiedAt: new Date() }, { where: { id: first.body.id } });
    const edited = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ idNumber, orgName: '新单位', titleLevel: 'senior' })).expect(200);
    expect(edited.body).toMatchObject({ status: 'verified', orgName: '新单位', titleLevel: 'senior' });
    const renamed = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ idNumber, name: '张三丰' })).expect(200);
    expect(renamed.body).toMatchObject({ status: 'pending', verifiedAt: null });
    await Practitioner().update({ status: 'verified', verifiedAt: new Date() }, { where: { id: first.body.id } });
    const newId = makeIdNumber('500105', '19790303', 137);
    const reIded = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ idNumber: newId, name: '张三丰' })).expect(200);
    expect(reIded.body).toMatchObject({ status: 'pending', idNumberMasked: maskIdNumber(newId), id: first.body.id });
  });

  it('sends a rejected record back to pending when resubmitted', async () => {
    const p = await t.registerPractitioner();
    const idNumber = makeIdNumber('500106', '19820202', 159);
    const first = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ idNumber })).expect(200);
    await Practitioner().update({ status: 'rejected', rejectReason: '单位信息不符' }, { where: { id: first.body.id } });
    const me = await t.request.get('/api/me').set(auth(p.token)).expect(200);
    expect(me.body.practitioner).toMatchObject({ status: 'rejected', rejectReason: '单位信息不符' });
    const again = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ idNumber, orgName: '更正后的单位' })).expect(200);
    expect(again.body).toMatchObject({ status: 'pending', rejectReason: null });
  });

  it('refuses an ID number held by another account with 409 ID_NUMBER_TAKEN', async () => {
    const a = await t.registerPractitioner();
    const b = await t.registerPractitioner();
    const idNumber = makeIdNumber('500107', '19750505', 191);
    await t.request.put('/api/me/profile').set(auth(a.token)).send(profileBody({ idNumber })).expect(200);
    const res = await t.request.put('/api/me/profile').set(auth(b.token)).send(profileBody({ idNumber })).expect(409);
    expect(res.body.error.code).toBe('ID_NUMBER_TAKEN');
    const me = await t.request.get('/api/me').set(auth(b.token)).expect(200);
    expect(me.body.practitioner).toBeNull();
  });

  it('lets only one of two accounts racing for the same ID number have it', async () => {
    const a = await t.registerPractitioner();
    const b = await t.registerPractitioner();
    const idNumber = makeIdNumber('500108', '19770707', 313);
    const results = await Promise.all([a, b].map((p) => t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ idNumber }))));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await Practitioner().count({ where: { idHash: hashIdNumber(idNumber, t.config.idHashKey) } })).toBe(1);
  });
});

describe('claiming an imported record', () => {
  async function importedRecord(idNumber: string, name: string, status = 'verified') {
    return Practitioner().create({
      userId: null,
      name,
      idHash: hashIdNumber(idNumber, t.config.idHashKey),
      idMasked: maskIdNumber(idNumber),
      gender: 'male',
      birthDate: '1980-01-01',
      district: '500112',
      orgName: '导入单位',
      orgType: 'enterprise',
      category: 'corporate_manager',
      ipFields: ['patent'],
      titleLevel: 'none',
      qualifications: [],
      email: null,
      tier: 'leading',
      status,
      rejectReason: null,
      verifiedAt: status === 'verified' ? new Date() : null,
      source: 'import',
    });
  }

  it('takes over the imported record of the same person: no second record, verification and tier kept', async () => {
    const idNumber = makeIdNumber('500112', '19800101', 355);
    const imported = await importedRecord(idNumber, '李华');
    const p = await t.registerPractitioner('李华');
    const res = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ idNumber, name: '李华', orgName: '自填单位' })).expect(200);
    expect(res.body).toMatchObject({ id: imported.get('id'), status: 'verified', tier: 'leading', orgName: '自填单位' });
    expect(await Practitioner().count({ where: { idHash: hashIdNumber(idNumber, t.config.idHashKey) } })).toBe(1);
  });

  it('sends a claimed record back to review when the name differs', async () => {
    const idNumber = makeIdNumber('500112', '19810101', 377);
    await importedRecord(idNumber, '王芳');
    const p = await t.registerPractitioner();
    const res = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ idNumber, name: '王小芳' })).expect(200);
    expect(res.body.status).toBe('pending');
  });

  it('folds the imported record into the account’s own record when the ID number is corrected to it', async () => {
    const idNumber = makeIdNumber('500112', '19820101', 399);
    const imported = await importedRecord(idNumber, '赵敏');
    const p = await t.registerPractitioner();
    const typo = makeIdNumber('500112', '19820101', 398);
    const own = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ idNumber: typo, name: '赵敏' })).expect(200);
    const fixed = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ idNumber, name: '赵敏' })).expect(200);
    // The account's record survives (it is the one that can carry enrollments and credits) and takes
    // over the office's verification and tier; the imported row is gone.
    expect(fixed.body).toMatchObject({ id: own.body.id, status: 'verified', tier: 'leading' });
    expect(await Practitioner().findByPk(imported.get('id') as number)).toBeNull();
    expect(await Practitioner().count({ where: { userId: p.user.id } })).toBe(1);
  });

  it('refuses a record another account has already claimed', async () => {
    const idNumber = makeIdNumber('500112', '19830101', 411);
    await importedRecord(idNumber, '钱进');
    const a = await t.registerPractitioner();
    const b = await t.registerPractitioner();
    await t.request.put('/api/me/profile').set(auth(a.token)).send(profileBody({ idNumber, name: '钱进' })).expect(200);
    const res = await t.request.put('/api/me/profile').set(auth(b.token)).send(profileBody({ idNumber, name: '钱进' })).expect(409);
    expect(res.body.error.code).toBe('ID_NUMBER_TAKEN');
  });
});
