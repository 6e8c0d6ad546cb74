import { recount } from '../src/stats/recount';
import { completes } from '../src/completion/service';
import { auth, createTestApp, type TestApp } from './helpers/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the completion rule', () => {
  const s = [1, 2, 3, 4, 5];
  const of = (...statuses: (string | undefined)[]) => new Map(statuses.map((st, i) => [i + 1, st]).filter(([, st]) => st) as [number, never][]);
  it('completes at exactly 80%, counts late as attended and leaves excused sessions out', () => {
    expect(completes(s, of('present', 'present', 'late', 'present')).completed).toBe(true);
    expect(completes(s, of('present', 'present', 'late')).completed).toBe(false);
    expect(completes(s, of('excused', 'present', 'present', 'present', 'absent'))).toEqual({ attended: 3, counted: 4, completed: false });
    expect(completes(s, of('excused', 'present', 'present', 'present', 'present'))).toEqual({ attended: 4, counted: 4, completed: true });
    expect(completes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], of('present', 'present', 'present', 'present', 'present', 'present', 'present', 'present'))).toMatchObject({ completed: true });
  });
  it('does not complete someone excused from every session, or with no record at all', () => {
    expect(completes(s, of('excused', 'excused', 'excused', 'excused', 'excused'))).toEqual({ attended: 0, counted: 0, completed: false });
    expect(completes(s, undefined)).toEqual({ attended: 0, counted: 5, completed: false });
  });
});

describe('POST /api/classes/:id/complete', () => {
  it('awards hours and certificates to completers only, once, however often and however concurrently it is called', async () => {
    const { cls, sessions, trainerToken, people } = await t.classWithSessions(5, 5);
    const plan: string[][] = [
      ['present', 'present', 'late', 'present', 'absent'], // 80% → completes
      ['present', 'present', 'present', 'absent', 'absent'], // 60% → fails
      ['excused', 'present', 'present', 'present', 'absent'], // 3 of 4 → fails
      ['excused', 'present', 'present', 'present', 'present'], // 4 of 4 → completes
      ['excused', 'excused', 'excused', 'excused', 'excused'], // nothing attended → fails
    ];
    for (let p = 0; p < people.length; p++) {
      for (let i = 0; i < sessions.length; i++) {
        await t.request.put(`/api/sessions/${sessions[i].id}/attendance/${people[p].practitionerId}`).set(auth(trainerToken)).send({ status: plan[p][i] }).expect(200);
      }
    }
    // 结业 before the last session has ended is refused, and says why
    const early = await t.request.post(`/api/classes/${cls.id}/complete`).set(auth(trainerToken)).expect(409);
    expect(early.body.error.code).toBe('SESSIONS_NOT_OVER');
    expect((await t.request.get(`/api/classes/${cls.id}`).expect(200)).body).toMatchObject({ completable: false, lastSessionEndsAt: sessions[4].endsAt, status: 'open' });
    const results = await t.afterLastSession(cls.id, async () => {
      expect((await t.request.get(`/api/classes/${cls.id}`).expect(200)).body.completable).toBe(true);
      return Promise.all(Array.from({ length: 4 }, () => t.request.post(`/api/classes/${cls.id}/complete`).set(auth(trainerToken))));
    });
    for (const r of results) expect(r.status).toBe(200);
    const report = results[0].body;
    expect(report).toMatchObject({ completed: 2, failed: 3 });
    expect(report.certificates.map((c: { practitionerId: number }) => c.practitionerId).sort()).toEqual([people[0].practitionerId, people[3].practitionerId].sort());
    for (const r of results) expect(r.body).toEqual(report);
    const later = await t.request.post(`/api/classes/${cls.id}/complete`).set(auth(trainerToken)).expect(200);
    expect((await t.request.get(`/api/classes/${cls.id}`).expect(200)).body.completable).toBe(false);
    expect(later.body).toEqual(report);

    const credits = await t.request.get('/api/me/credits?year=2026').set(auth(people[0].token)).expect(200);
    expect(credits.body.records).toEqual([
      expect.objectContaining({ hours: 32, category: 'professional', source: 'class', date: '2026-03-29', certificateCode: report.certificates.find((c: { practitionerId: number }) => c.practitionerId === people[0].practitionerId).code }),
    ]);
    const failed = await t.request.get('/api/me/credits?year=2026').set(auth(people[1].token)).expect(200);
    expect(failed.body.records).toEqual([]);
    const mine = await t.request.get('/api/me/certificates').set(auth(people[3].token)).expect(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ hours: 32, courseTitle: expect.any(String), verifyUrl: expect.stringMatching(/\/verify\/[0-9A-Z]{16}$/) });

    const view = await t.request.get(`/api/classes/${cls.id}`).expect(200);
    expect(view.body.status).toBe('completed');
    const [late] = await t.seedPractitioners(1);
    const closed = await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(late.token)).expect(409);
    expect(closed.body.error.code).toBe('ENROLLMENT_CLOSED');
    await t.request.post(`/api/sessions/${sessions[0].id}/checkin-token`).set(auth(trainerToken)).expect(409);
  });

  it('refuses a class without sessions, a cancelled class, and non-trainers', async () => {
    const { cls, trainerToken } = await t.classWithSessions(0, 1);
    const res = await t.request.post(`/api/classes/${cls.id}/complete`).set(auth(trainerToken)).expect(409);
    expect(res.body.error.code).toBe('NO_SESSIONS');
    const practitioner = await t.registerPractitioner();
    await t.request.post(`/api/classes/${cls.id}/complete`).set(auth(practitioner.token)).expect(403);
    await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ status: 'cancelled' }).expect(200);
    await t.request.post(`/api/classes/${cls.id}/complete`).set(auth(trainerToken)).expect(409);
    await t.request.post('/api/classes/999999/complete').set(auth(trainerToken)).expect(404);
  });
});

describe('POST /api/classes/:id/completion/undo', () => {
  it('lets an admin undo a completion within the bound: hours withdrawn by correcting lines, certificates void, audited, and completing again awards anew', async () => {
    const { cls, sessions, trainerToken, people } = await t.classWithSessions(1, 2);
    for (const p of people) await t.request.put(`/api/sessions/${sessions[0].id}/attendance/${p.practitionerId}`).set(auth(trainerToken)).send({ status: 'present' }).expect(200);
    const done = await t.afterLastSession(cls.id, () => t.request.post(`/api/classes/${cls.id}/complete`).set(auth(trainerToken)).expect(200));
    const code = done.body.certificates[0].code as string;
    const hours = (await t.request.get('/api/me/credits?year=2026').set(auth(people[0].token)).expect(200)).body.earnedHours as number;
    expect(hours).toBeGreaterThan(0);
    const admin = await t.userWithRole('admin');
    const office = await t.userWithRole('office');
    const before = (await t.request.get('/api/stats/overview').set(auth(office.token)).expect(200)).body.training;

    // not for the trainer; a reason is required
    await t.request.post(`/api/classes/${cls.id}/completion/undo`).set(auth(trainerToken)).send({ reason: '考勤录错' }).expect(403);
    await t.request.post(`/api/classes/${cls.id}/completion/undo`).set(auth(admin.token)).send({}).expect(400);
    expect((await t.request.get(`/api/classes/${cls.id}`).expect(200)).body.completionUndoableUntil).not.toBeNull();

    const undone = await t.request.post(`/api/classes/${cls.id}/completion/undo`).set(auth(admin.token)).send({ reason: '考勤录错' }).expect(200);
    expect(undone.body).toEqual({ withdrawn: 2, certificatesRevoked: 2 });
    const credits = (await t.request.get('/api/me/credits?year=2026').set(auth(people[0].token)).expect(200)).body;
    expect(credits.earnedHours).toBe(0);
    expect(credits.records.map((r: { hours: number }) => r.hours).sort()).toEqual([-hours, hours].sort());
    expect((await t.request.get(`/api/certificates/${code}`).expect(200)).body).toMatchObject({ valid: false, revokedAt: expect.any(String) });
    expect((await t.request.get(`/api/certificates/${code}/pdf`).set(auth(people[0].token)).expect(409)).body.error.code).toBe('CERTIFICATE_REVOKED');
    const view = (await t.request.get(`/api/classes/${cls.id}`).expect(200)).body;
    expect(view).toMatchObject({ completedAt: null, completionUndoableUntil: null });
    const after = (await t.request.get('/api/stats/overview').set(auth(office.token)).expect(200)).body.training;
    expect(after).toMatchObject({ completions: before.completions - 2, hoursAwarded: before.hoursAwarded - 2 * hours });
    const audit = await t.request.get('/api/audit?action=class.completion.undo').set(auth(admin.token)).expect(200);
    expect(audit.body.items[0]).toMatchObject({ entityId: String(cls.id), actorId: admin.user.id });
    // twice is refused: it is no longer completed
    expect((await t.request.post(`/api/classes/${cls.id}/completion/undo`).set(auth(admin.token)).send({ reason: '再来一次' }).expect(409)).body.error.code).toBe('NOT_COMPLETED');

    // completing again (one now absent) awards anew, once, and the certificate stands again with its code
    await t.request.put(`/api/sessions/${sessions[0].id}/attendance/${people[1].practitionerId}`).set(auth(trainerToken)).send({ status: 'absent' }).expect(200);
    const again = await t.afterLastSession(cls.id, () => t.request.post(`/api/classes/${cls.id}/complete`).set(auth(trainerToken)).expect(200));
    expect(again.body).toMatchObject({ completed: 1, failed: 1 });
    expect((await t.request.get('/api/me/credits?year=2026').set(auth(people[0].token)).expect(200)).body.earnedHours).toBe(hours);
    expect((await t.request.get('/api/me/credits?year=2026').set(auth(people[1].token)).expect(200)).body.earnedHours).toBe(0);
    const reissued = again.body.certificates.find((c: { practitionerId: number }) => c.practitionerId === people[0].practitionerId);
    expect(reissued.code).toBe(done.body.certificates.find((c: { practitionerId: number }) => c.practitionerId === people[0].practitionerId).code);
    expect((await t.request.get(`/api/certificates/${reissued.code}`).expect(200)).body.valid).toBe(true);
    expect(await recount(t.db)).toEqual([]);
  });

  it('refuses after the bound: corrections are then adjustments', async () => {
    const { cls, sessions, trainerToken, people } = await t.classWithSessions(1, 1);
    await t.request.put(`/api/sessions/${sessions[0].id}/attendance/${people[0].practitionerId}`).set(auth(trainerToken)).send({ status: 'present' }).expect(200);
    await t.afterLastSession(cls.id, async () => {
      await t.request.post(`/api/classes/${cls.id}/complete`).set(auth(trainerToken)).expect(200);
      t.clock.advance(31 * 24 * 60 * 60 * 1000);
      const admin = await t.userWithRole('admin');
      const res = await t.request.post(`/api/classes/${cls.id}/completion/undo`).set(auth(admin.token)).send({ reason: '太晚了' }).expect(409);
      expect(res.body.error.code).toBe('UNDO_WINDOW_PASSED');
      expect((await t.request.get(`/api/classes/${cls.id}`).expect(200)).body.completionUndoableUntil).toBeNull();
    });
  });
});
