import ExcelJS from 'exceljs';
import { auth, binary, classBody, createTestApp, type TestApp } from './helpers/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('opening classes', () => {
  it('lets a trainer open a class and shows it with counts and credit hours', async () => {
    const { cls } = await t.openClass();
    expect(cls).toMatchObject({
      courseCode: 'CQIP-PAT-101',
      creditHours: 32,
      category: 'professional',
      capacity: 20,
      enrolledCount: 0,
      seatsLeft: 20,
      waitlistCount: 0,
      status: 'open',
      requiresApproval: false,
      enrollOpensAt: '2026-02-28T16:00:00.000Z',
    });
  });

  it('reports bad dates, capacity and unknown courses', async () => {
    const trainer = await t.userWithRole('trainer');
    const bad = await t.request
      .post('/api/classes')
      .set(auth(trainer.token))
      .send(classBody({ endDate: '2026-03-19', capacity: 0, enrollClosesAt: '2026-02-01T00:00:00+08:00', startDate: '2026-3-20' }))
      .expect(400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['capacity', 'startDate']));
    const dates = await t.request.post('/api/classes').set(auth(trainer.token)).send(classBody({ endDate: '2026-03-19', enrollClosesAt: '2026-02-01T00:00:00+08:00' })).expect(400);
    expect(dates.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['endDate', 'enrollClosesAt']);
    await t.request.post('/api/classes').set(auth(trainer.token)).send(classBody({ courseCode: 'CQIP-NOPE-1' })).expect(404);
    const practitioner = await t.registerPractitioner();
    await t.request.post('/api/classes').set(auth(practitioner.token)).send(classBody()).expect(403);
  });

  it('derives open and closed from the window, and filters by them', async () => {
    const { cls: future } = await t.openClass({ enrollOpensAt: '2026-04-01T00:00:00+08:00', enrollClosesAt: '2026-04-10T00:00:00+08:00', startDate: '2026-04-20', endDate: '2026-04-21' });
    const one = await t.request.get(`/api/classes/${future.id}`).expect(200);
    expect(one.body.status).toBe('closed');
    const open = await t.request.get('/api/classes?status=open&pageSize=100').expect(200);
    expect(open.body.items.every((c: { status: string }) => c.status === 'open')).toBe(true);
    const closed = await t.request.get('/api/classes?status=closed&pageSize=100').expect(200);
    expect(closed.body.items.map((c: { id: number }) => c.id)).toContain(future.id);
    const april = await t.request.get('/api/classes?from=2026-04-01&to=2026-04-30').expect(200);
    expect(april.body.items.map((c: { id: number }) => c.id)).toEqual([future.id]);
    expect(april.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    await t.request.get('/api/classes/999999').expect(404);
    await t.request.get('/api/classes/abc').expect(400);
    await t.request.get('/api/classes?pageSize=101').expect(400);
  });
});

describe('sessions', () => {
  it('schedules sessions inside the class dates, listed in time order', async () => {
    const { cls, trainerToken } = await t.openClass();
    const second = { startsAt: '2026-03-21T09:00:00+08:00', endsAt: '2026-03-21T12:00:00+08:00', topic: '审查意见答复' };
    const first = { startsAt: '2026-03-20T09:00:00+08:00', endsAt: '2026-03-20T12:00:00+08:00', topic: '权利要求书撰写' };
    await t.request.post(`/api/classes/${cls.id}/sessions`).set(auth(trainerToken)).send(second).expect(201);
    await t.request.post(`/api/classes/${cls.id}/sessions`).set(auth(trainerToken)).send(first).expect(201);
    const list = await t.request.get(`/api/classes/${cls.id}/sessions`).expect(200);
    expect(list.body.items.map((s: { topic: string }) => s.topic)).toEqual(['权利要求书撰写', '审查意见答复']);
    const outside = await t.request.post(`/api/classes/${cls.id}/sessions`).set(auth(trainerToken)).send({ ...first, startsAt: '2026-03-25T09:00:00+08:00', endsAt: '2026-03-25T10:00:00+08:00' }).expect(400);
    expect(outside.body.error.details[0].path).toBe('startsAt');
    const backwards = await t.request.post(`/api/classes/${cls.id}/sessions`).set(auth(trainerToken)).send({ ...first, endsAt: '2026-03-20T08:00:00+08:00' }).expect(400);
    expect(backwards.body.error.details[0].path).toBe('endsAt');
    await t.request.post('/api/classes/999999/sessions').set(auth(trainerToken)).send(first).expect(404);
  });
});

describe('opening a class with its sessions', () => {
  const sessions = [
    { startsAt: '2026-03-20T09:00:00+08:00', endsAt: '2026-03-20T12:00:00+08:00', topic: '权利要求书撰写' },
    { startsAt: '2026-03-21T14:00:00+08:00', endsAt: '2026-03-21T17:00:00+08:00', topic: '审查意见答复' },
  ];
  const classCount = async () => (await t.request.get('/api/classes?pageSize=100').expect(200)).body.total as number;

  it('schedules them in the same request', async () => {
    const trainer = await t.userWithRole('trainer');
    const res = await t.request.post('/api/classes').set(auth(trainer.token)).send(classBody({ sessions })).expect(201);
    const list = await t.request.get(`/api/classes/${res.body.id}/sessions`).expect(200);
    expect(list.body.items.map((s: { topic: string }) => s.topic)).toEqual(['权利要求书撰写', '审查意见答复']);
  });

  it('creates nothing when one session is wrong, and names it', async () => {
    const trainer = await t.userWithRole('trainer');
    const before = await classCount();
    const outside = await t.request
      .post('/api/classes')
      .set(auth(trainer.token))
      .send(classBody({ sessions: [sessions[0], { ...sessions[1], startsAt: '2026-03-25T09:00:00+08:00', endsAt: '2026-03-25T10:00:00+08:00' }] }))
      .expect(400);
    expect(outside.body.error.details).toEqual([{ path: 'sessions.1.startsAt', message: expect.stringContaining('2026-03-20') }]);
    const backwards = await t.request
      .post('/api/classes')
      .set(auth(trainer.token))
      .send(classBody({ sessions: [{ ...sessions[0], endsAt: '2026-03-20T08:00:00+08:00' }] }))
      .expect(400);
    expect(backwards.body.error.details.map((d: { path: string }) => d.path)).toEqual(['sessions.0.endsAt']);
    expect(await classCount()).toBe(before);
  });
});

describe('enrollment rules', () => {
  it('needs a talent record, with a message that says so', async () => {
    const { cls } = await t.openClass();
    const p = await t.registerPractitioner();
    const res = await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(403);
    expect(res.body.error.code).toBe('PROFILE_REQUIRED');
    expect(res.body.error.message).toMatch(/人才档案/);
  });

  it('enrolls, answers a repeat with 200 and the same enrollment, then waitlists with positions', async () => {
    const { cls } = await t.openClass({ capacity: 2 });
    const [a, b, c, d] = await t.seedPractitioners(4);
    const first = await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(a.token)).expect(201);
    expect(first.body).toEqual({ id: expect.any(Number), classId: cls.id, status: 'enrolled' });
    const again = await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(a.token)).expect(200);
    expect(again.body).toEqual(first.body);
    await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(b.token)).expect(201);
    const w1 = await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(c.token)).expect(201);
    expect(w1.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const w2 = await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(d.token)).expect(201);
    expect(w2.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    const view = await t.request.get(`/api/classes/${cls.id}`).set(auth(d.token)).expect(200);
    expect(view.body).toMatchObject({ enrolledCount: 2, seatsLeft: 0, waitlistCount: 2, myEnrollment: { status: 'waitlisted', waitlistPosition: 2 } });
  });

  it('gives a freed seat at once to the earliest waitlisted, and moves the others up', async () => {
    const { cls } = await t.openClass({ capacity: 1 });
    const [a, b, c] = await t.seedPractitioners(3);
    for (const p of [a, b, c]) await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(201);
    await t.request.delete(`/api/classes/${cls.id}/enrollments/me`).set(auth(a.token)).expect(200, { status: 'cancelled' });
    const bView = await t.request.get(`/api/classes/${cls.id}`).set(auth(b.token)).expect(200);
    expect(bView.body.myEnrollment).toEqual({ id: expect.any(Number), status: 'enrolled' });
    const cView = await t.request.get(`/api/classes/${cls.id}`).set(auth(c.token)).expect(200);
    expect(cView.body.myEnrollment).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // Cancelling twice: nothing left to cancel.
    await t.request.delete(`/api/classes/${cls.id}/enrollments/me`).set(auth(a.token)).expect(404);
    // Signing up again after cancelling joins the end of the queue.
    const back = await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(a.token)).expect(201);
    expect(back.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    const mine = await t.request.get('/api/me/enrollments').set(auth(a.token)).expect(200);
    expect(mine.body.items.map((i: { status: string }) => i.status)).toEqual(['waitlisted', 'cancelled']);
    expect(mine.body.items[0].class).toMatchObject({ id: cls.id, courseCode: 'CQIP-PAT-101' });
  });

  it('records when a sign-up was made to the millisecond, on either database', async () => {
    const { cls } = await t.openClass();
    const [p] = await t.seedPractitioners(1);
    const before = Date.now();
    await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(201);
    const after = Date.now();
    const mine = await t.request.get('/api/me/enrollments').set(auth(p.token)).expect(200);
    const at = new Date(mine.body.items[0].createdAt).getTime();
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(after);
  });

  it('refuses sign-up outside the window and in cancelled classes with ENROLLMENT_CLOSED', async () => {
    const { cls, trainerToken } = await t.openClass({ enrollOpensAt: '2026-03-05T00:00:00+08:00' });
    const [p] = await t.seedPractitioners(1);
    const early = await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(409);
    expect(early.body.error.code).toBe('ENROLLMENT_CLOSED');
    t.clock.set('2026-03-06T10:00:00+08:00');
    await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(201);
    await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ status: 'cancelled' }).expect(200);
    const [q] = await t.seedPractitioners(1);
    const cancelled = await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(q.token)).expect(409);
    expect(cancelled.body.error.code).toBe('ENROLLMENT_CLOSED');
    t.clock.set('2026-03-15T00:00:00+08:00');
    const { cls: closedNow } = await t.openClass({ enrollOpensAt: '2026-03-01T00:00:00+08:00', enrollClosesAt: '2026-03-15T00:00:00+08:00' });
    const late = await t.request.post(`/api/classes/${closedNow.id}/enrollments`).set(auth(q.token)).expect(409);
    expect(late.body.error.code).toBe('ENROLLMENT_CLOSED');
    t.clock.set('2026-03-02T09:00:00+08:00');
    await t.request.post('/api/classes/999999/enrollments').set(auth(q.token)).expect(404);
  });

  it('refuses cancelling after the cancel deadline', async () => {
    const { cls } = await t.openClass();
    const [p] = await t.seedPractitioners(1);
    await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(201);
    t.clock.set('2026-03-10T00:00:01+08:00');
    const res = await t.request.delete(`/api/classes/${cls.id}/enrollments/me`).set(auth(p.token)).expect(409);
    expect(res.body.error.code).toBe('CANCEL_DEADLINE_PASSED');
    t.clock.set('2026-03-02T09:00:00+08:00');
  });

  it('holds no seat for pending enrollments until approved; rejecting frees nothing', async () => {
    const { cls, trainerToken } = await t.openClass({ capacity: 1, requiresApproval: true });
    const [a, b, c] = await t.seedPractitioners(3);
    const pa = await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(a.token)).expect(201);
    const pb = await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(b.token)).expect(201);
    const pc = await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(c.token)).expect(201);
    expect([pa, pb, pc].map((r) => r.body.status)).toEqual(['pending', 'pending', 'pending']);
    let view = await t.request.get(`/api/classes/${cls.id}`).expect(200);
    expect(view.body).toMatchObject({ enrolledCount: 0, seatsLeft: 1, pendingCount: 3 });

    const approvedB = await t.request.post(`/api/enrollments/${pb.body.id}/approve`).set(auth(trainerToken)).expect(200);
    expect(approvedB.body.status).toBe('enrolled');
    const approvedA = await t.request.post(`/api/enrollments/${pa.body.id}/approve`).set(auth(trainerToken)).expect(200);
    expect(approvedA.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const twice = await t.request.post(`/api/enrollments/${pa.body.id}/approve`).set(auth(trainerToken)).expect(200);
    expect(twice.body).toEqual(approvedA.body);
    const rejected = await t.request.post(`/api/enrollments/${pc.body.id}/reject`).set(auth(trainerToken)).send({ reason: '不符合报名条件' }).expect(200);
    expect(rejected.body).toEqual({ id: pc.body.id, status: 'rejected' });
    await t.request.post(`/api/enrollments/${pc.body.id}/approve`).set(auth(trainerToken)).expect(409);
    view = await t.request.get(`/api/classes/${cls.id}`).expect(200);
    expect(view.body).toMatchObject({ enrolledCount: 1, seatsLeft: 0, waitlistCount: 1, pendingCount: 0 });
    const audit = await t.request.get('/api/audit?entity=enrollment').set(auth((await t.userWithRole('admin')).token)).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['enrollment.approve', 'enrollment.reject']));
    await t.request.post('/api/enrollments/999999/approve').set(auth(trainerToken)).expect(404);
    await t.request.post(`/api/enrollments/${pa.body.id}/approve`).set(auth(a.token)).expect(403);
  });
});

describe('changing a class', () => {
  it('promotes the waitlist when capacity grows and refuses capacity below the enrolled count', async () => {
    const { cls, trainerToken } = await t.openClass({ capacity: 2 });
    const people = await t.seedPractitioners(5);
    for (const p of people) await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(201);
    const tooSmall = await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ capacity: 1 }).expect(409);
    expect(tooSmall.body.error.code).toBe('CAPACITY_BELOW_ENROLLED');
    const bigger = await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ capacity: 4 }).expect(200);
    expect(bigger.body).toMatchObject({ capacity: 4, enrolledCount: 4, waitlistCount: 1 });
    const last = await t.request.get(`/api/classes/${cls.id}`).set(auth(people[4].token)).expect(200);
    expect(last.body.myEnrollment).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const third = await t.request.get(`/api/classes/${cls.id}`).set(auth(people[2].token)).expect(200);
    expect(third.body.myEnrollment.status).toBe('enrolled');
    await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({}).expect(400);
    await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ status: 'open' }).expect(400);
    const dates = await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ endDate: '2026-03-01' }).expect(400);
    expect(dates.body.error.details[0].path).toBe('endDate');
  });

  it('cancels every enrollment when the class is cancelled, and then refuses changes', async () => {
    const { cls, trainerToken } = await t.openClass({ capacity: 1 });
    const people = await t.seedPractitioners(2);
    for (const p of people) await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(201);
    const res = await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ status: 'cancelled' }).expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled', enrolledCount: 0, waitlistCount: 0 });
    const roster = await t.request.get(`/api/classes/${cls.id}/enrollments`).set(auth(trainerToken)).expect(200);
    expect(roster.body.items.map((e: { status: string }) => e.status)).toEqual(['cancelled', 'cancelled']);
    await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ capacity: 5 }).expect(409);
  });

  it('keeps in the trail what a change replaced, not the new value twice', async () => {
    const { cls, trainerToken } = await t.openClass({ capacity: 3 });
    await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ location: '线上', capacity: 4 }).expect(200);
    const admin = await t.userWithRole('admin');
    const trail = await t.request.get(`/api/audit?entity=class&action=class.update`).set(auth(admin.token)).expect(200);
    const entry = trail.body.items.find((e: { entityId: unknown }) => String(e.entityId) === String(cls.id));
    expect(entry).toMatchObject({ before: { location: '重庆市渝北区国家知识产权培训（重庆）基地', capacity: 3 }, after: { location: '线上', capacity: 4 } });
  });
});

describe('the roster', () => {
  it('lists enrolled then waitlisted in order with masked phones, and downloads as xlsx with Chinese headers', async () => {
    const { cls, trainerToken } = await t.openClass({ capacity: 1, title: '=HYPERLINK("http://evil")' });
    const people = await t.seedPractitioners(3);
    for (const p of people) await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(201);
    const json = await t.request.get(`/api/classes/${cls.id}/enrollments`).set(auth(trainerToken)).expect(200);
    expect(json.body.items.map((e: { name: string; status: string; waitlistPosition?: number }) => [e.name, e.status, e.waitlistPosition])).toEqual([
      [people[0].name, 'enrolled', undefined],
      [people[1].name, 'waitlisted', 1],
      [people[2].name, 'waitlisted', 2],
    ]);
    expect(json.body.items[0].phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const waitlisted = await t.request.get(`/api/classes/${cls.id}/enrollments?status=waitlisted`).set(auth(trainerToken)).expect(200);
    expect(waitlisted.body.items).toHaveLength(2);

    const xlsx = await binary(t.request.get(`/api/classes/${cls.id}/enrollments?format=xlsx`).set(auth(trainerToken))).expect(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sheet = workbook.getWorksheet('报名名单')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '序号', '姓名', '手机号', '工作单位', '区县', '人才类别', '职称', '报名状态', '候补位次', '报名时间']);
    expect(sheet.getRow(2).getCell(2).value).toBe(people[0].name);
    expect(sheet.getRow(3).getCell(8).value).toBe('候补');
    expect(sheet.getRow(3).getCell(9).value).toBe(1);
    expect(sheet.rowCount).toBe(4);

    const practitioner = await t.registerPractitioner();
    await t.request.get(`/api/classes/${cls.id}/enrollments`).set(auth(practitioner.token)).expect(403);
    await t.request.get(`/api/classes/${cls.id}/enrollments?format=pdf`).set(auth(trainerToken)).expect(400);
  });
});
