import { QueryTypes } from 'sequelize';
import { auth, createTestApp, type TestApp } from './helpers/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { CHECKIN_TOKEN_TTL_SECONDS: '60' } });
});
afterAll(() => t.close());
beforeEach(() => t.clock.set('2026-03-02T09:00:00+08:00'));

async function tokenFor(sessionId: number, trainerToken: string) {
  const res = await t.request.post(`/api/sessions/${sessionId}/checkin-token`).set(auth(trainerToken)).expect(200);
  return res.body as { token: string; expiresAt: string; shortCode: string };
}

describe('check-in by rotating QR token', () => {
  it('issues a token valid for the TTL, with a 6-digit code', async () => {
    const { sessions, trainerToken } = await t.classWithSessions(1, 1);
    t.clock.set('2026-03-20T08:50:00+08:00');
    const issued = await tokenFor(sessions[0].id, trainerToken);
    expect(issued.shortCode).toMatch(/^\d{6}$/);
    expect(new Date(issued.expiresAt).getTime() - t.clock.now().getTime()).toBe(60_000);
  });

  it('checks in present, the same scan again answers 200 with the same record, and late after 15 minutes', async () => {
    const { sessions, trainerToken, people } = await t.classWithSessions(1, 2);
    t.clock.set('2026-03-20T09:15:00+08:00');
    const { token } = await tokenFor(sessions[0].id, trainerToken);
    const first = await t.request.post('/api/checkins').set(auth(people[0].token)).send({ token }).expect(201);
    expect(first.body).toEqual({ sessionId: sessions[0].id, status: 'present', checkedInAt: '2026-03-20T01:15:00.000Z' });
    t.clock.advance(20_000);
    const again = await t.request.post('/api/checkins').set(auth(people[0].token)).send({ token }).expect(200);
    expect(again.body).toEqual(first.body);
    t.clock.set('2026-03-20T09:15:01+08:00');
    const late = await tokenFor(sessions[0].id, trainerToken);
    const res = await t.request.post('/api/checkins').set(auth(people[1].token)).send({ token: late.token }).expect(201);
    expect(res.body.status).toBe('late');
  });

  it('refuses expired, forged and malformed tokens with 400 CHECKIN_TOKEN_INVALID', async () => {
    const { sessions, trainerToken, people } = await t.classWithSessions(2, 1);
    t.clock.set('2026-03-20T09:00:00+08:00');
    const { token } = await tokenFor(sessions[0].id, trainerToken);
    t.clock.advance(60_000);
    const expired = await t.request.post('/api/checkins').set(auth(people[0].token)).send({ token }).expect(400);
    expect(expired.body.error.code).toBe('CHECKIN_TOKEN_INVALID');
    t.clock.advance(-30_000);
    const [sessionId, expiry, sig] = token.split('.');
    const otherSession = `${sessions[1].id}.${expiry}.${sig}`;
    const longer = `${sessionId}.${Number(expiry) + 3600}.${sig}`;
    const flipped = `${sessionId}.${expiry}.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [otherSession, longer, flipped, 'hello', '123.456']) {
      const res = await t.request.post('/api/checkins').set(auth(people[0].token)).send({ token: bad }).expect(400);
      expect(res.body.error.code).toBe('CHECKIN_TOKEN_INVALID');
    }
    await t.request.post('/api/checkins').set(auth(people[0].token)).send({ token }).expect(201);
  });

  it('accepts the typed 6-digit code while the token is valid, and not after', async () => {
    const { sessions, trainerToken, people } = await t.classWithSessions(1, 2);
    t.clock.set('2026-03-20T08:59:00+08:00');
    const { shortCode } = await tokenFor(sessions[0].id, trainerToken);
    const res = await t.request.post('/api/checkins').set(auth(people[0].token)).send({ token: shortCode }).expect(201);
    expect(res.body).toMatchObject({ sessionId: sessions[0].id, status: 'present' });
    t.clock.advance(61_000);
    const expired = await t.request.post('/api/checkins').set(auth(people[1].token)).send({ token: shortCode }).expect(400);
    expect(expired.body.error.code).toBe('CHECKIN_TOKEN_INVALID');
    const wrong = shortCode === '000000' ? '000001' : '000000';
    await t.request.post('/api/checkins').set(auth(people[1].token)).send({ token: wrong }).expect(400);
  });

  it('locks a practitioner out after 10 wrong codes in 10 minutes (guessing 6 digits), others unaffected', async () => {
    const { sessions, trainerToken, people } = await t.classWithSessions(1, 2);
    t.clock.set('2026-03-20T08:58:00+08:00');
    const { shortCode } = await tokenFor(sessions[0].id, trainerToken);
    const wrong = (i: number) => String((Number(shortCode) + 1 + i) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 10; i++) {
      const res = await t.request.post('/api/checkins').set(auth(people[0].token)).send({ token: wrong(i) }).expect(400);
      expect(res.body.error.code).toBe('CHECKIN_TOKEN_INVALID');
      t.clock.advance(1_000);
    }
    // now even the right code is refused until the first failure is 10 minutes old
    const locked = await t.request.post('/api/checkins').set(auth(people[0].token)).send({ token: shortCode }).expect(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBe(590);
    await t.request.post('/api/checkins').set(auth(people[1].token)).send({ token: shortCode }).expect(201);

    t.clock.advance(590_000);
    const fresh = await tokenFor(sessions[0].id, trainerToken);
    await t.request.post('/api/checkins').set(auth(people[0].token)).send({ token: fresh.shortCode }).expect(201);
  });

  it('lets a scanned QR token through the lockout (it cannot be guessed), while forged tokens count as wrong codes', async () => {
    const { sessions, trainerToken, people } = await t.classWithSessions(1, 2);
    t.clock.set('2026-03-20T08:58:00+08:00');
    const { token, shortCode } = await tokenFor(sessions[0].id, trainerToken);
    const wrong = (i: number) => String((Number(shortCode) + 1 + i) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 10; i++) await t.request.post('/api/checkins').set(auth(people[0].token)).send({ token: wrong(i) }).expect(400);
    await t.request.post('/api/checkins').set(auth(people[0].token)).send({ token: shortCode }).expect(429);
    // the QR on the screen proves presence: scanned, it checks in despite the typed-code lockout
    const scanned = await t.request.post('/api/checkins').set(auth(people[0].token)).send({ token }).expect(201);
    expect(scanned.body).toMatchObject({ sessionId: sessions[0].id, status: 'present' });

    // a token with a broken signature is a guess like a wrong code: ten of them lock the other person out
    const forged = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    for (let i = 0; i < 10; i++) {
      const res = await t.request.post('/api/checkins').set(auth(people[1].token)).send({ token: forged }).expect(400);
      expect(res.body.error.code).toBe('CHECKIN_TOKEN_INVALID');
    }
    await t.request.post('/api/checkins').set(auth(people[1].token)).send({ token: forged }).expect(429);
  });

  it('lets at most 10 of a burst of parallel guesses through to the code check', async () => {
    const { sessions, trainerToken, people } = await t.classWithSessions(1, 1);
    t.clock.set('2026-03-20T08:58:00+08:00');
    const { shortCode } = await tokenFor(sessions[0].id, trainerToken);
    const guesses = Array.from({ length: 40 }, (_, i) => String((Number(shortCode) + 1 + i) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(guesses.map((token) => t.request.post('/api/checkins').set(auth(people[0].token)).send({ token })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 400 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30);
    // refused attempts leave nothing behind: exactly the wrong codes that were checked are counted
    const rows = await t.db.sequelize.query('SELECT COUNT(*) AS n FROM checkin_failures WHERE practitioner_id = ?', {
      replacements: [people[0].practitionerId],
      type: QueryTypes.SELECT,
    });
    expect(Number((rows[0] as { n: number }).n)).toBe(statuses.filter((s) => s === 400).length);
  });

  it('refuses someone without a seat with 403, and tokens for cancelled classes', async () => {
    const { cls, sessions, trainerToken } = await t.classWithSessions(1, 1);
    const [waiting] = await t.seedPractitioners(1);
    await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(waiting.token)).expect(201);
    t.clock.set('2026-03-20T09:00:00+08:00');
    const { token } = await tokenFor(sessions[0].id, trainerToken);
    const res = await t.request.post('/api/checkins').set(auth(waiting.token)).send({ token }).expect(403);
    expect(res.body.error.code).toBe('NOT_ENROLLED');
    const [stranger] = await t.seedPractitioners(1);
    await t.request.post('/api/checkins').set(auth(stranger.token)).send({ token }).expect(403);
    await t.request.post('/api/checkins').set(auth(stranger.token)).send({}).expect(400);
    await t.request.post(`/api/sessions/${sessions[0].id}/checkin-token`).set(auth(stranger.token)).expect(403);
    await t.request.post('/api/sessions/999999/checkin-token').set(auth(trainerToken)).expect(404);
    await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ status: 'cancelled' }).expect(200);
    const cancelled = await t.request.post(`/api/sessions/${sessions[0].id}/checkin-token`).set(auth(trainerToken)).expect(409);
    expect(cancelled.body.error.code).toBe('CLASS_NOT_ACTIVE');
  });
});

describe('the trainer’s attendance sheet', () => {
  it('lists every enrolled person, lets the trainer set any status (audited), and a scan replaces absent', async () => {
    const { sessions, trainerToken, people } = await t.classWithSessions(1, 3);
    const sessionId = sessions[0].id;
    const empty = await t.request.get(`/api/sessions/${sessionId}/attendance`).set(auth(trainerToken)).expect(200);
    expect(empty.body.items.map((e: { status: unknown }) => e.status)).toEqual([null, null, null]);
    const marked = await t.request.put(`/api/sessions/${sessionId}/attendance/${people[0].practitionerId}`).set(auth(trainerToken)).send({ status: 'excused' }).expect(200);
    expect(marked.body).toMatchObject({ practitionerId: people[0].practitionerId, status: 'excused', markedByTrainer: true });
    await t.request.put(`/api/sessions/${sessionId}/attendance/${people[1].practitionerId}`).set(auth(trainerToken)).send({ status: 'absent' }).expect(200);
    t.clock.set('2026-03-20T09:05:00+08:00');
    const { token } = await tokenFor(sessionId, trainerToken);
    await t.request.post('/api/checkins').set(auth(people[1].token)).send({ token }).expect(201);
    const sheet = await t.request.get(`/api/sessions/${sessionId}/attendance`).set(auth(trainerToken)).expect(200);
    expect(sheet.body.items.map((e: { status: unknown }) => e.status)).toEqual(['excused', 'present', null]);
    await t.request.put(`/api/sessions/${sessionId}/attendance/${people[2].practitionerId}`).set(auth(trainerToken)).send({ status: 'sleeping' }).expect(400);
    const [outsider] = await t.seedPractitioners(1);
    await t.request.put(`/api/sessions/${sessionId}/attendance/${outsider.practitionerId}`).set(auth(trainerToken)).send({ status: 'present' }).expect(404);
    await t.request.get(`/api/sessions/${sessionId}/attendance`).set(auth(people[0].token)).expect(403);
    const admin = await t.userWithRole('admin');
    const audit = await t.request.get(`/api/audit?action=attendance.mark&entityId=${sessionId}`).set(auth(admin.token)).expect(200);
    expect(audit.body.total).toBe(2);
  });
});
