import http from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { auth, createTestApp, type TestApp } from './helpers/testApp';

/**
 * A sign-up rush, through a real listening server so requests truly overlap. The invariants come from
 * the database (row lock on the class, IMMEDIATE transactions on SQLite, a unique index on active
 * enrollments), and must hold on SQLite and on MariaDB alike.
 */
let t: TestApp;
let server: http.Server;
let agent: supertest.Agent;

beforeAll(async () => {
  t = await createTestApp();
  server = http.createServer(t.app.koa.callback());
  server.maxConnections = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  agent = supertest.agent(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

async function rosterOf(classId: number, token: string) {
  const res = await agent.get(`/api/classes/${classId}/enrollments`).set(auth(token)).expect(200);
  return res.body.items as { practitionerId: number; status: string; waitlistPosition?: number }[];
}

function expectGapless(positions: number[]) {
  expect([...positions].sort((a, b) => a - b)).toEqual(positions.map((_, i) => i + 1));
}

it('200 simultaneous sign-ups for 20 seats: exactly 20 enrolled, 180 waitlisted at positions 1..180, no 5xx', async () => {
  const { cls, trainerToken } = await t.openClass({ capacity: 20 });
  const people = await t.seedPractitioners(200);
  const results = await Promise.all(people.map((p) => agent.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token))));

  expect(results.filter((r) => r.status >= 500).map((r) => r.body)).toEqual([]);
  expect(results.every((r) => r.status === 201)).toBe(true);
  const enrolled = results.filter((r) => r.body.status === 'enrolled');
  const waitlisted = results.filter((r) => r.body.status === 'waitlisted');
  expect(enrolled).toHaveLength(20);
  expect(waitlisted).toHaveLength(180);
  expectGapless(waitlisted.map((r) => r.body.waitlistPosition));

  const roster = await rosterOf(cls.id, trainerToken);
  expect(roster.filter((e) => e.status === 'enrolled')).toHaveLength(20);
  expectGapless(roster.filter((e) => e.status === 'waitlisted').map((e) => e.waitlistPosition!));
  expect(new Set(roster.map((e) => e.practitionerId)).size).toBe(200);
  // What each person was told is what the roster says.
  const told = new Map(results.map((r, i) => [people[i].practitionerId, r.body.waitlistPosition]));
  for (const e of roster) expect(told.get(e.practitionerId)).toBe(e.waitlistPosition);

  const view = await agent.get(`/api/classes/${cls.id}`).expect(200);
  expect(view.body).toMatchObject({ enrolledCount: 20, seatsLeft: 0, waitlistCount: 180 });
});

it('the same person tapping twenty times at once gets one enrollment', async () => {
  const { cls, trainerToken } = await t.openClass({ capacity: 5 });
  const [p] = await t.seedPractitioners(1);
  const results = await Promise.all(Array.from({ length: 20 }, () => agent.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token))));
  expect(results.filter((r) => r.status === 201)).toHaveLength(1);
  expect(results.filter((r) => r.status === 200)).toHaveLength(19);
  expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  expect(await rosterOf(cls.id, trainerToken)).toHaveLength(1);
});

it('concurrent cancels and sign-ups end with counts that match the rows and a first-come waitlist', async () => {
  const { cls, trainerToken } = await t.openClass({ capacity: 20 });
  const first = await t.seedPractitioners(60);
  for (const p of first) await agent.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(201);
  // first[0..19] enrolled, first[20..59] waitlisted 1..40.
  const newcomers = await t.seedPractitioners(30);
  const leaving = [...first.slice(0, 10), ...first.slice(30, 35)];
  const results = await Promise.all([
    ...leaving.map((p) => agent.delete(`/api/classes/${cls.id}/enrollments/me`).set(auth(p.token))),
    ...newcomers.map((p) => agent.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token))),
  ]);
  expect(results.filter((r) => r.status >= 500).map((r) => r.body)).toEqual([]);
  expect(results.slice(0, leaving.length).every((r) => r.status === 200)).toBe(true);

  const roster = await rosterOf(cls.id, trainerToken);
  const enrolled = roster.filter((e) => e.status === 'enrolled');
  const waitlisted = roster.filter((e) => e.status === 'waitlisted');
  expect(enrolled).toHaveLength(20);
  expect(roster.filter((e) => e.status === 'cancelled')).toHaveLength(15);
  expect(waitlisted).toHaveLength(60 + 30 - 15 - 20);
  expectGapless(waitlisted.map((e) => e.waitlistPosition!));
  // Ten seats freed went to the ten earliest waitlisted who stayed: first[20..29].
  const enrolledIds = new Set(enrolled.map((e) => e.practitionerId));
  for (const p of [...first.slice(10, 20), ...first.slice(20, 30)]) expect(enrolledIds.has(p.practitionerId)).toBe(true);
  // Everyone who was waiting before the newcomers is still ahead of every newcomer.
  const position = new Map(waitlisted.map((e) => [e.practitionerId, e.waitlistPosition!]));
  const stayedEarly = first.slice(35).map((p) => position.get(p.practitionerId)!);
  const newcomerPositions = newcomers.map((p) => position.get(p.practitionerId)!);
  expect(Math.max(...stayedEarly)).toBeLessThan(Math.min(...newcomerPositions));

  const view = await agent.get(`/api/classes/${cls.id}`).expect(200);
  expect(view.body).toMatchObject({ enrolledCount: enrolled.length, waitlistCount: waitlisted.length, seatsLeft: 0 });
});
