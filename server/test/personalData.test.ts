import { QueryTypes } from 'sequelize';
import { recount } from '../src/stats/recount';
import { auth, createTestApp, makeIdNumber, profileBody, type TestApp } from './helpers/testApp';

/** PIPL rights: a practitioner downloads everything held about them, and can delete the account. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
const sql = (q: string, replacements: unknown[] = []) => t.db.sequelize.query<Record<string, unknown>>(q, { replacements, type: QueryTypes.SELECT });

/** A practitioner with a verified record, a completed class (hours + certificate), a claim with evidence and an open sign-up. */
async function practitionerWithHistory(seq: number) {
  const office = await t.userWithRole('office');
  const p = await t.registerPractitioner('赵六');
  const idNumber = makeIdNumber('500112', '19850302', seq);
  const record = (await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ name: '赵六', idNumber, email: 'zhao@example.cn' })).expect(200)).body;
  await t.request.post(`/api/talents/${record.id}/verify`).set(auth(office.token)).expect(200);

  const { cls, trainerToken } = await t.openClass({ capacity: 1, startDate: '2026-03-20', endDate: '2026-03-20' });
  const session = (await t.request.post(`/api/classes/${cls.id}/sessions`).set(auth(trainerToken)).send({ startsAt: '2026-03-20T09:00:00+08:00', endsAt: '2026-03-20T12:00:00+08:00', topic: '专利实务' }).expect(201)).body;
  await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(201);
  await t.request.put(`/api/sessions/${session.id}/attendance/${record.id}`).set(auth(trainerToken)).send({ status: 'present' }).expect(200);
  await t.afterLastSession(cls.id, () => t.request.post(`/api/classes/${cls.id}/complete`).set(auth(trainerToken)).expect(200));

  const claim = await t.request
    .post('/api/me/credit-claims')
    .set(auth(p.token))
    .field('title', '商标实务研修')
    .field('provider', '某协会')
    .field('date', '2026-02-10')
    .field('hours', '6')
    .field('category', 'public')
    .attach('evidence', PNG, 'proof.png')
    .expect(201);
  await t.request.post(`/api/credit-claims/${claim.body.id}/approve`).set(auth(office.token)).send({}).expect(200);

  // An open class with one seat the practitioner holds and someone waiting for it.
  const { cls: upcoming } = await t.openClass({ capacity: 1 });
  await t.request.post(`/api/classes/${upcoming.id}/enrollments`).set(auth(p.token)).expect(201);
  const [waiting] = await t.seedPractitioners(1);
  await t.request.post(`/api/classes/${upcoming.id}/enrollments`).set(auth(waiting.token)).expect(201);
  return { ...p, idNumber, record, office, claimId: claim.body.id as number, upcomingId: upcoming.id, waiting };
}

describe('GET /api/me/data-export', () => {
  it('holds the account, the record, enrollments, attendance, hours, claims and certificates', async () => {
    const p = await practitionerWithHistory(901);
    const res = await t.request.get('/api/me/data-export').set(auth(p.token)).expect(200);
    const data = res.body;
    expect(data.account).toMatchObject({ id: p.user.id, phone: p.phone, name: '赵六', status: 'active' });
    expect(data.practitioner).toMatchObject({ id: p.record.id, name: '赵六', email: 'zhao@example.cn', status: 'verified' });
    expect(data.practitioner.idNumberMasked).toMatch(/^500\*+/);
    expect(JSON.stringify(data)).not.toContain(p.idNumber);
    expect(data.enrollments).toHaveLength(2);
    expect(data.attendance).toEqual([expect.objectContaining({ status: 'present', markedByTrainer: true })]);
    expect(data.creditRecords.map((r: { source: string; hours: number }) => [r.source, r.hours]).sort()).toEqual([
      ['class', 32],
      ['external', 6],
    ]);
    expect(data.claims).toEqual([expect.objectContaining({ id: p.claimId, status: 'approved' })]);
    expect(data.certificates).toHaveLength(1);
    expect(data.certificates[0].holderName).toBe('赵六');
    await t.request.get('/api/me/data-export').expect(401);
  });
});

describe('POST /api/me/account-deletion', () => {
  it('erases the person, keeps the hours and the trail detached, frees the seat, and ends every token', async () => {
    const p = await practitionerWithHistory(902);
    const before = (await t.request.get('/api/stats/overview').set(auth(p.office.token)).expect(200)).body;
    const [ledgerBefore] = await sql('SELECT COUNT(*) AS n, SUM(hours) AS h FROM credit_records WHERE practitioner_id = ?', [p.record.id]);

    const wrong = await t.request.post('/api/me/account-deletion').set(auth(p.token)).send({ password: 'not-my-password' }).expect(400);
    expect(wrong.body.error.details).toEqual([{ path: 'password', message: '密码不正确' }]);
    await t.request.post('/api/me/account-deletion').set(auth(p.token)).send({ password: 'password123' }).expect(204);

    // signed out everywhere, and the phone no longer signs in
    await t.request.get('/api/me').set(auth(p.token)).expect(401);
    await t.request.post('/api/auth/login').send({ phone: p.phone, password: 'password123' }).expect(401);
    const [user] = await sql('SELECT phone, name, password_hash, wechat_openid, status, erased_at FROM users WHERE id = ?', [p.user.id]);
    expect(user).toMatchObject({ phone: null, name: '已注销用户', password_hash: null, wechat_openid: null, status: 'disabled' });
    expect(user.erased_at).not.toBeNull();

    // the record: no name, ID, organisation or e-mail; detached; not counted
    const [row] = await sql('SELECT user_id, name, id_masked, org_name, email, birth_date, status FROM practitioners WHERE id = ?', [p.record.id]);
    expect(row).toMatchObject({ user_id: null, name: '已注销', id_masked: '已注销', org_name: '已注销', email: null, status: 'inactive' });
    expect(String(row.birth_date)).toMatch(/^1985-01-01/);
    const after = (await t.request.get('/api/stats/overview').set(auth(p.office.token)).expect(200)).body;
    expect(after.practitioners.verified).toBe(before.practitioners.verified - 1);
    expect(after.practitioners.inactive).toBe(before.practitioners.inactive + 1);

    // hours stay (past totals do not change), certificates verify without the name, evidence is gone
    const [ledgerAfter] = await sql('SELECT COUNT(*) AS n, SUM(hours) AS h FROM credit_records WHERE practitioner_id = ?', [p.record.id]);
    expect(ledgerAfter).toEqual(ledgerBefore);
    const [cert] = await sql('SELECT code, holder_name FROM certificates WHERE practitioner_id = ?', [p.record.id]);
    expect(cert.holder_name).toBe('已注销');
    expect((await t.request.get(`/api/certificates/${cert.code}`).expect(200)).body.holderName).not.toContain("赵");
    const evidence = await t.request.get(`/api/credit-claims/${p.claimId}/evidence`).set(auth(p.office.token)).expect(404);
    expect(evidence.body.error.message).toContain('注销');

    // the seat went to the one waiting
    const waiting = await t.request.get(`/api/classes/${p.upcomingId}`).set(auth(p.waiting.token)).expect(200);
    expect(waiting.body.myEnrollment.status).toBe('enrolled');

    // the trail stays, naming the erased account only by its id
    const admin = await t.userWithRole('admin');
    const audit = await t.request.get('/api/audit?action=user.erase').set(auth(admin.token)).expect(200);
    expect(audit.body.items).toEqual([expect.objectContaining({ entityId: String(p.user.id), actorName: '已注销用户' })]);

    // the same person may sign up again with the same ID number
    const again = await t.registerPractitioner('赵六');
    await t.request.put('/api/me/profile').set(auth(again.token)).send(profileBody({ name: '赵六', idNumber: p.idNumber })).expect(200);
    expect(await recount(t.db)).toEqual([]);
  });

  it('is for practitioners: staff accounts are disabled by an admin', async () => {
    const trainer = await t.userWithRole('trainer');
    const res = await t.request.post('/api/me/account-deletion').set(auth(trainer.token)).send({ password: 'password123' }).expect(403);
    expect(res.body.error.code).toBe('STAFF_ACCOUNT');
    await t.request.post('/api/me/account-deletion').set(auth(trainer.token)).send({}).expect(400);
  });
});
