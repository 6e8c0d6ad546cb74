import ExcelJS from 'exceljs';
import { auth, binary, createTestApp, type TestApp } from './helpers/testApp';

/**
 * The training figures of the dashboard and of the annual report, each checked against values
 * worked out by hand from what happened (not against each other, which both read from one service).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('counts the year’s classes, successful sign-ups, completions and class hours as worked out by hand', async () => {
  const office = await t.userWithRole('office');
  // Class A (March 2026): 2 sessions, 3 enrolled; two attend both, one attends neither → 2 complete.
  const a = await t.classWithSessions(2, 3);
  const [p1, p2, p3] = a.people;
  for (const p of [p1, p2]) for (const s of a.sessions) await t.request.put(`/api/sessions/${s.id}/attendance/${p.practitionerId}`).set(auth(a.trainerToken)).send({ status: 'present' }).expect(200);
  for (const s of a.sessions) await t.request.put(`/api/sessions/${s.id}/attendance/${p3.practitionerId}`).set(auth(a.trainerToken)).send({ status: 'absent' }).expect(200);
  await t.afterLastSession(a.cls.id, () => t.request.post(`/api/classes/${a.cls.id}/complete`).set(auth(a.trainerToken)).expect(200));
  // Class B (2026): one seat taken, one person on the waitlist (not a successful sign-up), one who cancelled.
  const b = await t.classWithSessions(1, 1, { capacity: 1 });
  const [waiting, leaving] = await t.seedPractitioners(2);
  await t.request.post(`/api/classes/${b.cls.id}/enrollments`).set(auth(waiting.token)).expect(201);
  const { cls: c } = await t.openClass({ capacity: 3, startDate: '2026-04-01', endDate: '2026-04-02' });
  await t.request.post(`/api/classes/${c.id}/enrollments`).set(auth(leaving.token)).expect(201);
  await t.request.delete(`/api/classes/${c.id}/enrollments/me`).set(auth(leaving.token)).expect(200);
  // Class D (2026) cancelled with its sign-up: not counted at all. Class E in 2027: another year.
  const d = await t.classWithSessions(0, 1);
  await t.request.patch(`/api/classes/${d.cls.id}`).set(auth(d.trainerToken)).send({ status: 'cancelled' }).expect(200);
  await t.openClass({ startDate: '2027-01-10', endDate: '2027-01-11' });
  // An office adjustment adds hours, but not class hours.
  await t.app.services.credits.adjust(office.user.id, { practitionerId: p3.practitionerId, year: 2026, hours: 5, category: 'public', reason: '补录' });

  // Hand-worked: classes A, B, C = 3; sign-ups that hold a seat: 3 (A) + 1 (B) = 4; completions 2;
  // class hours: 2 × the course's hours.
  const courseHours = (await t.request.get(`/api/classes/${a.cls.id}`).expect(200)).body.creditHours as number;
  const expected = { year: 2026, classes: 3, enrollments: 4, completions: 2, hoursAwarded: 2 * courseHours };
  const overview = (await t.request.get('/api/stats/overview').set(auth(office.token)).expect(200)).body;
  expect(overview.training).toEqual(expected);
  const report = (await t.request.get('/api/stats/report?year=2026').set(auth(office.token)).expect(200)).body;
  expect(report.training).toEqual(expected);
  const xlsx = await binary(t.request.get('/api/stats/report?year=2026&format=xlsx').set(auth(office.token))).expect(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.body);
  const sheet = wb.getWorksheet('培训')!;
  const rows = Object.fromEntries([2, 3, 4, 5].map((r) => [String(sheet.getRow(r).getCell(1).value), sheet.getRow(r).getCell(2).value]));
  expect(rows).toEqual({ 开班数: 3, 报名成功人次: 4, 结业人次: 2, 授予学时: 2 * courseHours });
  const next = (await t.request.get('/api/stats/report?year=2027').set(auth(office.token)).expect(200)).body;
  expect(next.training).toEqual({ year: 2027, classes: 1, enrollments: 0, completions: 0, hoursAwarded: 0 });
});
