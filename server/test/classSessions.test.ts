import { auth, createTestApp, type TestApp } from './helpers/testApp';
import { sessionChangeRefusal } from '../src/classes/service';

/** Changing and deleting a session (课次): PATCH / DELETE /api/sessions/:id. */

let t: TestApp;
let adminToken: string;
beforeAll(async () => {
  t = await createTestApp();
  adminToken = (await t.userWithRole('admin')).token;
});
afterAll(() => t.close());

const sessionsOf = async (classId: number) => (await t.request.get(`/api/classes/${classId}/sessions`).expect(200)).body.items as { id: number; topic: string; startsAt: string; endsAt: string }[];
const auditOf = async (action: string, classId: number) =>
  (await t.request.get(`/api/audit?entity=class&entityId=${classId}&action=${action}`).set(auth(adminToken)).expect(200)).body.items as { before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];

async function checkIn(sessionId: number, trainerToken: string, practitionerToken: string) {
  const { token } = (await t.request.post(`/api/sessions/${sessionId}/checkin-token`).set(auth(trainerToken)).expect(200)).body;
  return t.request.post('/api/checkins').set(auth(practitionerToken)).send({ token });
}

describe('the rule', () => {
  it('refuses a session of a class that is not scheduled, or that someone checked in to', () => {
    expect(sessionChangeRefusal('scheduled', [])).toBeNull();
    expect(sessionChangeRefusal('scheduled', ['absent', 'excused'])).toBeNull();
    expect(sessionChangeRefusal('scheduled', ['absent', 'present'])?.code).toBe('SESSION_HAS_CHECKINS');
    expect(sessionChangeRefusal('scheduled', ['late'])?.code).toBe('SESSION_HAS_CHECKINS');
    expect(sessionChangeRefusal('completed', [])?.code).toBe('CLASS_COMPLETED');
    expect(sessionChangeRefusal('cancelled', [])?.code).toBe('CLASS_CANCELLED');
  });
});

describe('changing a session', () => {
  it('moves and renames a session, answers the session, and audits before and after', async () => {
    const { cls, trainerToken, sessions } = await t.classWithSessions(2, 0);
    const res = await t.request
      .patch(`/api/sessions/${sessions[0].id}`)
      .set(auth(trainerToken))
      .send({ startsAt: '2026-03-21T14:00:00+08:00', endsAt: '2026-03-21T17:00:00+08:00', topic: '审查意见答复（调整）' })
      .expect(200);
    expect(res.body).toEqual({ id: sessions[0].id, classId: cls.id, startsAt: '2026-03-21T06:00:00.000Z', endsAt: '2026-03-21T09:00:00.000Z', topic: '审查意见答复（调整）' });
    // listed in time order: the moved session is now second
    expect((await sessionsOf(cls.id)).map((s) => s.id)).toEqual([sessions[1].id, sessions[0].id]);
    const topicOnly = await t.request.patch(`/api/sessions/${sessions[1].id}`).set(auth(trainerToken)).send({ topic: '新主题' }).expect(200);
    expect(topicOnly.body).toMatchObject({ topic: '新主题', startsAt: new Date(sessions[1].startsAt).toISOString() });
    const [entry] = await auditOf('session.update', cls.id);
    expect(entry.before).toMatchObject({ sessionId: sessions[1].id, topic: '第 2 讲' });
    expect(entry.after).toMatchObject({ sessionId: sessions[1].id, topic: '新主题' });
  });

  it('checks the change like a new session: 400 in the contract’s error shape', async () => {
    const { trainerToken, sessions } = await t.classWithSessions(1, 0);
    const id = sessions[0].id;
    const backwards = await t.request.patch(`/api/sessions/${id}`).set(auth(trainerToken)).send({ startsAt: '2026-03-20T12:00:00+08:00', endsAt: '2026-03-20T09:00:00+08:00' }).expect(400);
    expect(backwards.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String), details: [{ path: 'endsAt', message: '结束时间须晚于开始时间' }] } });
    // only endsAt given, before the session's stored start: the merged result is checked
    const merged = await t.request.patch(`/api/sessions/${id}`).set(auth(trainerToken)).send({ endsAt: '2026-03-20T08:00:00+08:00' }).expect(400);
    expect(merged.body.error.details).toEqual([{ path: 'endsAt', message: '结束时间须晚于开始时间' }]);
    const outside = await t.request.patch(`/api/sessions/${id}`).set(auth(trainerToken)).send({ startsAt: '2026-04-01T09:00:00+08:00', endsAt: '2026-04-01T10:00:00+08:00' }).expect(400);
    expect(outside.body.error.details.map((d: { path: string }) => d.path)).toEqual(['startsAt']);
    const empty = await t.request.patch(`/api/sessions/${id}`).set(auth(trainerToken)).send({}).expect(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    await t.request.patch(`/api/sessions/${id}`).set(auth(trainerToken)).send({ topic: '' }).expect(400);
    await t.request.patch(`/api/sessions/${id}`).set(auth(trainerToken)).send({ startsAt: '2026-03-20 09:00' }).expect(400);
    await t.request.patch('/api/sessions/abc').set(auth(trainerToken)).send({ topic: '主题' }).expect(400);
    // nothing changed
    expect((await sessionsOf((await t.request.get(`/api/sessions/${id}/attendance`).set(auth(trainerToken)).expect(200)).body.session.classId))[0]).toMatchObject({ topic: '第 1 讲' });
  });
});

describe('deleting a session', () => {
  it('removes the session with its absent/excused marks, and audits what was removed', async () => {
    const { cls, trainerToken, sessions, people } = await t.classWithSessions(2, 2);
    await t.request.put(`/api/sessions/${sessions[0].id}/attendance/${people[0].practitionerId}`).set(auth(trainerToken)).send({ status: 'excused' }).expect(200);
    await t.request.put(`/api/sessions/${sessions[0].id}/attendance/${people[1].practitionerId}`).set(auth(trainerToken)).send({ status: 'absent' }).expect(200);
    await t.request.post(`/api/sessions/${sessions[0].id}/checkin-token`).set(auth(trainerToken)).expect(200);
    const res = await t.request.delete(`/api/sessions/${sessions[0].id}`).set(auth(trainerToken)).expect(204);
    expect(res.text).toBe('');
    expect((await sessionsOf(cls.id)).map((s) => s.id)).toEqual([sessions[1].id]);
    await t.request.get(`/api/sessions/${sessions[0].id}/attendance`).set(auth(trainerToken)).expect(404);
    const [entry] = await auditOf('session.delete', cls.id);
    expect(entry.before).toMatchObject({
      sessionId: sessions[0].id,
      topic: '第 1 讲',
      marksRemoved: [
        { practitionerId: people[0].practitionerId, status: 'excused' },
        { practitionerId: people[1].practitionerId, status: 'absent' },
      ],
    });
    await t.request.delete(`/api/sessions/${sessions[0].id}`).set(auth(trainerToken)).expect(404);
  });

  it('refuses a check-in with a token of a deleted session', async () => {
    const { trainerToken, sessions, people } = await t.classWithSessions(1, 1);
    const { token } = (await t.request.post(`/api/sessions/${sessions[0].id}/checkin-token`).set(auth(trainerToken)).expect(200)).body;
    await t.request.delete(`/api/sessions/${sessions[0].id}`).set(auth(trainerToken)).expect(204);
    const res = await t.request.post('/api/checkins').set(auth(people[0].token)).send({ token }).expect(400);
    expect(res.body.error.code).toBe('CHECKIN_TOKEN_INVALID');
  });
});

describe('refusals', () => {
  it('409 SESSION_HAS_CHECKINS once someone checked in (or was marked late), for a change and a deletion', async () => {
    const { cls, trainerToken, sessions, people } = await t.classWithSessions(2, 2);
    await checkIn(sessions[0].id, trainerToken, people[0].token).then((r) => expect(r.status).toBe(201));
    const patch = await t.request.patch(`/api/sessions/${sessions[0].id}`).set(auth(trainerToken)).send({ topic: '改个名' }).expect(409);
    expect(patch.body).toEqual({ error: { code: 'SESSION_HAS_CHECKINS', message: expect.stringContaining('签到') } });
    const del = await t.request.delete(`/api/sessions/${sessions[0].id}`).set(auth(trainerToken)).expect(409);
    expect(del.body.error.code).toBe('SESSION_HAS_CHECKINS');
    await t.request.put(`/api/sessions/${sessions[1].id}/attendance/${people[1].practitionerId}`).set(auth(trainerToken)).send({ status: 'late' }).expect(200);
    expect((await t.request.delete(`/api/sessions/${sessions[1].id}`).set(auth(trainerToken)).expect(409)).body.error.code).toBe('SESSION_HAS_CHECKINS');
    expect((await sessionsOf(cls.id)).map((s) => s.topic)).toEqual(['第 1 讲', '第 2 讲']);
  });

  it('409 for sessions of a completed or cancelled class', async () => {
    const done = await t.classWithSessions(1, 1);
    await t.afterLastSession(done.cls.id, () => t.request.post(`/api/classes/${done.cls.id}/complete`).set(auth(done.trainerToken)).expect(200));
    const completed = await t.request.patch(`/api/sessions/${done.sessions[0].id}`).set(auth(done.trainerToken)).send({ topic: '改个名' }).expect(409);
    expect(completed.body.error.code).toBe('CLASS_COMPLETED');
    const gone = await t.classWithSessions(1, 0);
    await t.request.patch(`/api/classes/${gone.cls.id}`).set(auth(gone.trainerToken)).send({ status: 'cancelled' }).expect(200);
    const cancelled = await t.request.delete(`/api/sessions/${gone.sessions[0].id}`).set(auth(gone.trainerToken)).expect(409);
    expect(cancelled.body.error.code).toBe('CLASS_CANCELLED');
  });

  it('404 for an unknown session; 403 for a practitioner; 401 anonymous', async () => {
    const { trainerToken, sessions, people } = await t.classWithSessions(1, 1);
    const missing = await t.request.patch('/api/sessions/999999').set(auth(trainerToken)).send({ topic: '主题' }).expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    await t.request.delete('/api/sessions/999999').set(auth(trainerToken)).expect(404);
    const refused = await t.request.patch(`/api/sessions/${sessions[0].id}`).set(auth(people[0].token)).send({ topic: '主题' }).expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    await t.request.delete(`/api/sessions/${sessions[0].id}`).set(auth(people[0].token)).expect(403);
    await t.request.delete(`/api/sessions/${sessions[0].id}`).expect(401);
    expect(await sessionsOf((await t.request.get(`/api/sessions/${sessions[0].id}/attendance`).set(auth(trainerToken)).expect(200)).body.session.classId)).toHaveLength(1);
  });

  it('a deletion racing check-ins: either the session goes and no check-in stays, or it stays with them', async () => {
    for (let round = 0; round < 3; round++) {
      const { trainerToken, sessions, people } = await t.classWithSessions(1, 6);
      const { token } = (await t.request.post(`/api/sessions/${sessions[0].id}/checkin-token`).set(auth(trainerToken)).expect(200)).body;
      // the deletion sent first, in the middle, or last among the scans
      const requests = people.map((p) => t.request.post('/api/checkins').set(auth(p.token)).send({ token }));
      const at = round * 3;
      requests.splice(at, 0, t.request.delete(`/api/sessions/${sessions[0].id}`).set(auth(trainerToken)));
      const answers = await Promise.all(requests);
      const [del] = answers.splice(at, 1);
      const scans = answers;
      const sheet = await t.request.get(`/api/sessions/${sessions[0].id}/attendance`).set(auth(trainerToken));
      if (del.status === 204) {
        expect(sheet.status).toBe(404);
        // every scan that answered 201 came before the deletion looked, so none may have: the deletion would have been refused
        expect(scans.every((s) => s.status === 400)).toBe(true);
      } else {
        expect(del.status).toBe(409);
        expect(del.body.error.code).toBe('SESSION_HAS_CHECKINS');
        const present = sheet.body.items.filter((e: { status: string | null }) => e.status === 'present' || e.status === 'late').length;
        expect(present).toBe(scans.filter((s) => s.status === 201).length);
        expect(present).toBeGreaterThan(0);
      }
    }
  });
});
