import { assess } from '../src/credits/compliance';
import { LedgerIsAppendOnlyError } from '../src/credits/models';
import { auth, createTestApp, type TestApp } from './helpers/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
const PDF = Buffer.from('%PDF-1.4\n%fake but typed by content\n');

function claim(token: string, fields: Record<string, string | number> = {}, file: { content: Buffer; name: string } | null = { content: PNG, name: 'cert.png' }) {
  const req = t.request.post('/api/me/credit-claims').set(auth(token));
  const all = { title: '专利代理实务研修班', provider: '中华全国专利代理师协会', date: '2026-02-10', hours: 12, category: 'professional', ...fields };
  for (const [k, v] of Object.entries(all)) req.field(k, String(v));
  if (file) req.attach('evidence', file.content, file.name);
  return req;
}

describe('compliance arithmetic', () => {
  it('needs the total and the professional minimum', () => {
    const rule = { requiredHours: 90, minProfessionalHours: 60 };
    expect(assess({ earnedHours: 90, professionalHours: 60, publicHours: 30 }, rule)).toEqual({ missingHours: 0, missingProfessionalHours: 0, compliant: true });
    expect(assess({ earnedHours: 100, professionalHours: 50, publicHours: 50 }, rule)).toEqual({ missingHours: 0, missingProfessionalHours: 10, compliant: false });
    expect(assess({ earnedHours: 70.5, professionalHours: 70.5, publicHours: 0 }, rule)).toEqual({ missingHours: 19.5, missingProfessionalHours: 0, compliant: false });
  });
});

describe('annual rules', () => {
  it('defaults to 90 hours with 60 professional, and the office can change a year', async () => {
    const office = await t.userWithRole('office');
    const rule = await t.request.get('/api/credit-rules/2026').set(auth(office.token)).expect(200);
    expect(rule.body).toEqual({ year: 2026, requiredHours: 90, minProfessionalHours: 60, isDefault: true });
    const set = await t.request.put('/api/credit-rules/2025').set(auth(office.token)).send({ requiredHours: 72, minProfessionalHours: 48 }).expect(200);
    expect(set.body).toEqual({ year: 2025, requiredHours: 72, minProfessionalHours: 48, isDefault: false });
    const bad = await t.request.put('/api/credit-rules/2025').set(auth(office.token)).send({ requiredHours: 40, minProfessionalHours: 48 }).expect(400);
    expect(bad.body.error.details[0].path).toBe('minProfessionalHours');
    await t.request.put('/api/credit-rules/1800').set(auth(office.token)).send({ requiredHours: 40, minProfessionalHours: 20 }).expect(400);
    const [p] = await t.seedPractitioners(1);
    await t.request.put('/api/credit-rules/2025').set(auth(p.token)).send({ requiredHours: 1, minProfessionalHours: 0 }).expect(403);
    const mine = await t.request.get('/api/me/credits?year=2025').set(auth(p.token)).expect(200);
    expect(mine.body).toMatchObject({ year: 2025, requiredHours: 72, minProfessionalHours: 48, earnedHours: 0, missingHours: 72, compliant: false, records: [] });
  });
});

describe('claims for hours earned elsewhere', () => {
  it('goes pending, then approval (hours reduced) adds one external record; approving twice changes nothing', async () => {
    const [p] = await t.seedPractitioners(1);
    const office = await t.userWithRole('office');
    const submitted = await claim(p.token).expect(201);
    expect(submitted.body).toMatchObject({ status: 'pending', hours: 12, evidenceType: 'image/png', approvedHours: null });
    const pending = await t.request.get('/api/credit-claims?status=pending').set(auth(office.token)).expect(200);
    expect(pending.body.items.map((c: { id: number }) => c.id)).toContain(submitted.body.id);
    const evidence = await t.request.get(`/api/credit-claims/${submitted.body.id}/evidence`).set(auth(office.token)).expect(200);
    expect(evidence.headers['content-type']).toBe('image/png');

    const tooMany = await t.request.post(`/api/credit-claims/${submitted.body.id}/approve`).set(auth(office.token)).send({ hours: 13 }).expect(400);
    expect(tooMany.body.error.details[0].path).toBe('hours');
    const [a, b] = await Promise.all([
      t.request.post(`/api/credit-claims/${submitted.body.id}/approve`).set(auth(office.token)).send({ hours: 8 }),
      t.request.post(`/api/credit-claims/${submitted.body.id}/approve`).set(auth(office.token)).send({ hours: 8 }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toMatchObject({ status: 'approved', approvedHours: 8 });
    await t.request.post(`/api/credit-claims/${submitted.body.id}/approve`).set(auth(office.token)).send({}).expect(200);
    const credits = await t.request.get('/api/me/credits?year=2026').set(auth(p.token)).expect(200);
    expect(credits.body.records).toEqual([expect.objectContaining({ hours: 8, source: 'external', category: 'professional', date: '2026-02-10' })]);
    expect(credits.body).toMatchObject({ earnedHours: 8, professionalHours: 8, publicHours: 0 });
    const rejectAfter = await t.request.post(`/api/credit-claims/${submitted.body.id}/reject`).set(auth(office.token)).send({ reason: '材料不全' }).expect(409);
    expect(rejectAfter.body.error.code).toBe('CLAIM_DECIDED');
    const mine = await t.request.get('/api/me/credit-claims').set(auth(p.token)).expect(200);
    expect(mine.body.items[0]).toMatchObject({ status: 'approved', approvedHours: 8 });
  });

  it('rejects with a reason, adds nothing, and refuses approval afterwards', async () => {
    const [p] = await t.seedPractitioners(1);
    const office = await t.userWithRole('office');
    const submitted = await claim(p.token, { category: 'public', hours: 3.5 }, { content: PDF, name: 'proof.pdf' }).expect(201);
    expect(submitted.body.evidenceType).toBe('application/pdf');
    await t.request.post(`/api/credit-claims/${submitted.body.id}/reject`).set(auth(office.token)).send({}).expect(400);
    const rejected = await t.request.post(`/api/credit-claims/${submitted.body.id}/reject`).set(auth(office.token)).send({ reason: '非继续教育项目' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '非继续教育项目' });
    await t.request.post(`/api/credit-claims/${submitted.body.id}/approve`).set(auth(office.token)).send({}).expect(409);
    const credits = await t.request.get('/api/me/credits?year=2026').set(auth(p.token)).expect(200);
    expect(credits.body.records).toEqual([]);
    await t.request.post('/api/credit-claims/999999/approve').set(auth(office.token)).send({}).expect(404);
  });

  it('refuses bad hours, future dates, missing or wrongly typed evidence (400) and files over 5 MB (413)', async () => {
    const [p] = await t.seedPractitioners(1);
    for (const hours of [0, -1, 201, 1.3, 'abc']) {
      const res = await claim(p.token, { hours }).expect(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('hours');
    }
    const future = await claim(p.token, { date: '2026-03-03' }).expect(400);
    expect(future.body.error.details[0].path).toBe('date');
    const missing = await claim(p.token, {}, null).expect(400);
    expect(missing.body.error.details[0].path).toBe('evidence');
    const disguised = await claim(p.token, {}, { content: Buffer.from('MZ this is an exe, not a pdf at all'), name: 'proof.pdf' }).expect(400);
    expect(disguised.body.error.details[0].path).toBe('evidence');
    const huge = await claim(p.token, {}, { content: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), name: 'big.png' }).expect(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const mine = await t.request.get('/api/me/credit-claims').set(auth(p.token)).expect(200);
    expect(mine.body.items).toEqual([]);
  });
});

describe('the ledger', () => {
  it('is append-only: no update or delete gets through, corrections are adjustment records', async () => {
    const [p] = await t.seedPractitioners(1);
    const office = await t.userWithRole('office');
    await t.request.post('/api/credit-adjustments').set(auth(office.token)).send({ practitionerId: p.practitionerId, year: 2026, hours: 10, category: 'public', reason: '补录线下讲座' }).expect(201);
    await t.request.post('/api/credit-adjustments').set(auth(office.token)).send({ practitionerId: p.practitionerId, year: 2026, hours: -2.5, category: 'public', reason: '更正多计学时' }).expect(201);
    await t.request.post('/api/credit-adjustments').set(auth(office.token)).send({ practitionerId: p.practitionerId, year: 2026, hours: 0, category: 'public', reason: '无' }).expect(400);
    await t.request.post('/api/credit-adjustments').set(auth(office.token)).send({ practitionerId: 999999, year: 2026, hours: 1, category: 'public', reason: '不存在' }).expect(404);
    const credits = await t.request.get('/api/me/credits?year=2026').set(auth(p.token)).expect(200);
    expect(credits.body).toMatchObject({ earnedHours: 7.5, publicHours: 7.5 });
    expect(credits.body.records.map((r: { source: string; hours: number }) => [r.source, r.hours]).sort()).toEqual([['adjustment', -2.5], ['adjustment', 10]]);

    const CreditRecord = t.db.sequelize.model('CreditRecord');
    const row = (await CreditRecord.findOne({ where: { practitionerId: p.practitionerId } }))!;
    await expect(row.update({ hours: 100 })).rejects.toBeInstanceOf(LedgerIsAppendOnlyError);
    await expect(row.destroy()).rejects.toBeInstanceOf(LedgerIsAppendOnlyError);
    await expect(CreditRecord.update({ hours: 100 }, { where: { practitionerId: p.practitionerId } })).rejects.toBeInstanceOf(LedgerIsAppendOnlyError);
    await expect(CreditRecord.destroy({ where: { practitionerId: p.practitionerId } })).rejects.toBeInstanceOf(LedgerIsAppendOnlyError);
    expect(await CreditRecord.sum('hours', { where: { practitionerId: p.practitionerId } })).toBe(7.5);
  });
});
