import { createTestApp, type TestApp } from './helpers/testApp';

/**
 * The unique indexes behind "once, whatever the timing", each tried directly against the database,
 * below every service check and lock: removing one from its migration fails here, even where a row
 * lock makes the race it settles rare (two taps of one person serialise on the class's lock).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const insert = (sql: string, replacements: unknown[]) => t.db.sequelize.query(sql, { replacements });

it('allows one active enrollment per person and class, any number of ended ones', async () => {
  const { cls } = await t.openClass();
  const [p] = await t.seedPractitioners(1);
  const row = (status: string, active: number | null) =>
    insert('INSERT INTO enrollments (class_id, practitioner_id, status, active, waitlist_seq, decided_by, ended_at, outcome, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, NULL, NULL, NULL, ?, ?)', [cls.id, p.practitionerId, status, active, new Date(), new Date()]);
  await row('cancelled', null);
  await row('cancelled', null);
  await row('enrolled', 1);
  await expect(row('waitlisted', 1)).rejects.toMatchObject({ name: 'SequelizeUniqueConstraintError' });
});

it('awards one credit record per practitioner and source', async () => {
  const [p] = await t.seedPractitioners(1);
  const award = () =>
    t.db.writeTransaction((transaction) =>
      t.app.services.credits.award({ practitionerId: p.practitionerId, date: '2026-05-01', hours: 8, category: 'public', source: 'class', sourceKey: 'class:999', title: '唯一性', createdBy: null }, transaction),
    );
  await award();
  await expect(award()).rejects.toMatchObject({ name: 'SequelizeUniqueConstraintError' });
});

it('keeps one attendance row per session and person, and one certificate per class and person', async () => {
  const { sessions, people, cls } = await t.classWithSessions(1, 1);
  const attendance = () =>
    insert('INSERT INTO attendance (session_id, practitioner_id, status, checked_in_at, marked_by, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?)', [sessions[0].id, people[0].practitionerId, 'present', new Date(), new Date(), new Date()]);
  await attendance();
  await expect(attendance()).rejects.toMatchObject({ name: 'SequelizeUniqueConstraintError' });
  const certificate = (code: string) =>
    insert('INSERT INTO certificates (code, practitioner_id, class_id, holder_name, course_title, class_title, hours, category, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [code, people[0].practitionerId, cls.id, '某', '课', '班', 8, 'public', new Date()]);
  await certificate('AAAAAAAAAAAAAAAA');
  await expect(certificate('BBBBBBBBBBBBBBBB')).rejects.toMatchObject({ name: 'SequelizeUniqueConstraintError' });
});
