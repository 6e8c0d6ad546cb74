import { auth, classBody, createTestApp, type TestApp } from './helpers/testApp';
import { isPastClass } from '../src/classes/timing';
import { shanghaiDate } from '../src/platform/time';

/**
 * GET /api/classes: current classes (running or upcoming) first, soonest start first, then past ones
 * (往期: ended before today in Asia/Shanghai, completed or cancelled), most recently ended first;
 * `when=current|past|all` (default all).
 */

let t: TestApp;
let trainerToken: string;
const ids: Record<string, number> = {};

type Listed = { id: number; status: string; endDate: string };
const list = async (query: string) => (await t.request.get(`/api/classes?${query}`).expect(200)).body as { items: Listed[]; total: number };
const names = (items: Listed[]) => items.map((c) => Object.keys(ids).find((k) => ids[k] === c.id));

beforeAll(async () => {
  t = await createTestApp();
  trainerToken = (await t.userWithRole('trainer')).token;
  const open = async (name: string, startDate: string, endDate: string) => {
    const { cls } = await t.openClass({ title: `开班 ${name}`, startDate, endDate, enrollOpensAt: '2026-01-01T00:00:00+08:00', enrollClosesAt: '2026-03-15T00:00:00+08:00', cancelDeadline: null }, trainerToken);
    ids[name] = cls.id;
  };
  await open('upcomingLater', '2026-04-10', '2026-04-12');
  await open('pastEarly', '2026-02-10', '2026-02-12');
  await open('running', '2026-02-27', '2026-03-05');
  await open('endsToday', '2026-03-01', '2026-03-03');
  await open('upcoming', '2026-03-20', '2026-03-22');
  await open('endedYesterday', '2026-02-28', '2026-03-02');
  await open('cancelled', '2026-03-25', '2026-03-26');
  await t.request.patch(`/api/classes/${ids.cancelled}`).set(auth(trainerToken)).send({ status: 'cancelled' }).expect(200);
  // completed early: its end date is still ahead, but it is over
  const done = await t.request
    .post('/api/classes')
    .set(auth(trainerToken))
    .send(classBody({ title: '开班 completed', startDate: '2026-03-03', endDate: '2026-03-30', sessions: [{ startsAt: '2026-03-03T09:00:00+08:00', endsAt: '2026-03-03T10:00:00+08:00', topic: '一讲' }] }))
    .expect(201);
  ids.completed = done.body.id;
  await t.afterLastSession(ids.completed, () => t.request.post(`/api/classes/${ids.completed}/complete`).set(auth(trainerToken)).expect(200));
  // 07:00 on 3 March in Shanghai is still 2 March in UTC: 'endedYesterday' is past only by the Shanghai date
  t.clock.set('2026-03-03T07:00:00+08:00');
});
afterAll(() => t.close());

const CURRENT = ['running', 'endsToday', 'upcoming', 'upcomingLater'];
const PAST = ['completed', 'cancelled', 'endedYesterday', 'pastEarly'];

it('lists current classes soonest first, then past ones most recent first', async () => {
  const all = await list('pageSize=100');
  expect(names(all.items)).toEqual([...CURRENT, ...PAST]);
  expect(all.total).toBe(8);
});

it('filters with when=current and when=past, and pages through either', async () => {
  const current = await list('when=current');
  expect(names(current.items)).toEqual(CURRENT);
  expect(current.total).toBe(4);
  const past = await list('when=past');
  expect(names(past.items)).toEqual(PAST);
  expect(await list('when=all&pageSize=100')).toEqual(await list('pageSize=100'));

  const pages: Listed[] = [];
  for (let page = 1; page <= 3; page++) {
    const res = await list(`when=past&pageSize=3&page=${page}`);
    expect(res.total).toBe(4);
    pages.push(...res.items);
  }
  expect(names(pages)).toEqual(PAST);
  const everything: Listed[] = [];
  for (let page = 1; page <= 3; page++) everything.push(...(await list(`pageSize=3&page=${page}`)).items);
  expect(names(everything)).toEqual([...CURRENT, ...PAST]);
});

it('keeps the other filters working beside when', async () => {
  expect(names((await list('when=current&status=cancelled')).items)).toEqual([]);
  expect(names((await list('when=past&status=cancelled')).items)).toEqual(['cancelled']);
  expect(names((await list('when=current&from=2026-03-10&to=2026-04-30')).items)).toEqual(['upcoming', 'upcomingLater']);
  expect(names((await list('when=past&courseCode=CQIP-PAT-101&to=2026-03-01')).items)).toEqual(['endedYesterday', 'pastEarly']);
  await t.request.get('/api/classes?when=later').expect(400);
});

it('agrees with isPastClass, its twin in code', async () => {
  const today = shanghaiDate(t.clock.now());
  const past = new Set((await list('when=past&pageSize=100')).items.map((c) => c.id));
  for (const c of (await list('pageSize=100')).items) {
    const state = c.status === 'completed' || c.status === 'cancelled' ? c.status : 'scheduled';
    expect([c.id, isPastClass({ state, endDate: c.endDate }, today)]).toEqual([c.id, past.has(c.id)]);
  }
});
