import { auth, makeIdNumber, profileBody, type TestApp } from './testApp';

export const A_NAME = '欧阳明华';
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

export type Caller = 'anonymous' | 'practitioner' | 'trainer' | 'office' | 'admin' | 'district';

/**
 * A small world for tests that call every operation: practitioner A with a verified record, a
 * completed class and its certificate, a claim with evidence and a pending sign-up; practitioner B,
 * a stranger to all of it; a trainer, an office clerk, an admin, district staff of 渝北区 (A's record is
 * 渝中区'); and an account for admin operations
 * to act on, so they change nobody else.
 */
export async function buildWorld(t: TestApp) {
  const office = await t.userWithRole('office');
  const trainer = await t.userWithRole('trainer');
  const admin = await t.userWithRole('admin');
  const district = await t.userWithRole('district', '渝北区人才工作', '500112');
  const a = await t.registerPractitioner(A_NAME);
  const aIdNumber = makeIdNumber('500112', '19800808', 77);
  const record = (await t.request.put('/api/me/profile').set(auth(a.token)).send(profileBody({ name: A_NAME, idNumber: aIdNumber })).expect(200)).body;
  await t.request.post(`/api/talents/${record.id}/verify`).set(auth(office.token)).expect(200);
  const { cls } = await t.openClass({ capacity: 5, startDate: '2026-03-20', endDate: '2026-03-20', requiresApproval: true }, trainer.token);
  const session = (await t.request.post(`/api/classes/${cls.id}/sessions`).set(auth(trainer.token)).send({ startsAt: '2026-03-20T09:00:00+08:00', endsAt: '2026-03-20T12:00:00+08:00', topic: '专利' }).expect(201)).body;
  const enrollment = (await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(a.token)).expect(201)).body;
  await t.request.post(`/api/enrollments/${enrollment.id}/approve`).set(auth(trainer.token)).expect(200);
  await t.request.put(`/api/sessions/${session.id}/attendance/${record.id}`).set(auth(trainer.token)).send({ status: 'present' }).expect(200);
  const report = (await t.afterLastSession(cls.id, () => t.request.post(`/api/classes/${cls.id}/complete`).set(auth(trainer.token)).expect(200))).body;
  const claim = await t.request
    .post('/api/me/credit-claims')
    .set(auth(a.token))
    .field('title', '研修')
    .field('provider', '协会')
    .field('date', '2026-02-10')
    .field('hours', '4')
    .field('category', 'public')
    .attach('evidence', PNG, 'p.png')
    .expect(201);
  const { cls: open } = await t.openClass({ capacity: 5, requiresApproval: true }, trainer.token);
  const pending = (await t.request.post(`/api/classes/${open.id}/enrollments`).set(auth(a.token)).expect(201)).body;
  const b = await t.registerPractitioner('另一位学员');
  await t.request.put('/api/me/profile').set(auth(b.token)).send(profileBody({ name: '另一位学员', idNumber: makeIdNumber('500103', '19900101', 88) })).expect(200);
  const target = await t.registerPractitioner('被管理的账号');
  const course = (await t.request.get('/api/courses').expect(200)).body.items[0];
  const ids = {
    classId: open.id as number,
    completedClassId: cls.id as number,
    sessionId: session.id as number,
    practitionerId: record.id as number,
    enrollmentId: pending.id as number,
    claimId: claim.body.id as number,
    certificateCode: report.certificates[0].code as string,
    userId: target.user.id,
    courseCode: course.code as string,
  };
  const tokens: Record<Caller, string | null> = { anonymous: null, practitioner: b.token, trainer: trainer.token, office: office.token, admin: admin.token, district: district.token };

  /** An OpenAPI path template with the world's ids in it. */
  function concretePath(template: string): string {
    return template
      .replace('/api/classes/{id}', `/api/classes/${ids.classId}`)
      .replace('/api/sessions/{id}', `/api/sessions/${ids.sessionId}`)
      .replace('/api/talents/{id}', `/api/talents/${ids.practitionerId}`)
      .replace('{practitionerId}', String(ids.practitionerId))
      .replace('/api/enrollments/{id}', `/api/enrollments/${ids.enrollmentId}`)
      .replace('/api/credit-claims/{id}', `/api/credit-claims/${ids.claimId}`)
      .replace('/api/certificates/{code}', `/api/certificates/${ids.certificateCode}`)
      .replace('/api/admin/users/{id}', `/api/admin/users/${ids.userId}`)
      .replace('/api/courses/{code}', `/api/courses/${ids.courseCode}`)
      .replace('{year}', '2026');
  }

  return { ids, tokens, aToken: a.token, aPhone: a.phone, aIdNumber, concretePath };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

/** The operations of the app's OpenAPI document, as `METHOD /path/{param}`, with their documents. */
export function operationsOf(t: TestApp): { operation: string; method: string; path: string; doc: Record<string, unknown> }[] {
  const paths = (t.app.openapi as { paths: Record<string, Record<string, Record<string, unknown>>> }).paths;
  return Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, doc]) => ({ operation: `${m.toUpperCase()} ${path}`, method: m, path, doc })));
}
