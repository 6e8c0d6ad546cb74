import { auth, createTestApp, makeIdNumber, type TestApp } from './helpers/testApp';

/**
 * Entries about a practitioner are filed under their record's district, whatever the module that
 * writes them (credits, enrollment, attendance, a district's import), so district staff find them in
 * their trail and another district's staff never do.
 */

const SHAPINGBA = '500106'; // seedPractitioners' district
const YUBEI = '500112';

let t: TestApp;
let office: { token: string; user: { id: number } };
let theirs: { token: string };
let other: { token: string };
beforeAll(async () => {
  t = await createTestApp();
  office = await t.userWithRole('office');
  theirs = await t.userWithRole('district', '沙坪坝区人才工作', SHAPINGBA);
  other = await t.userWithRole('district', '渝北区人才工作', YUBEI);
});
afterAll(() => t.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
const claim = (token: string) =>
  t.request
    .post('/api/me/credit-claims')
    .set(auth(token))
    .field('title', '专利代理实务研修班')
    .field('provider', '中华全国专利代理师协会')
    .field('date', '2026-02-10')
    .field('hours', '12')
    .field('category', 'professional')
    .attach('evidence', PNG, 'cert.png')
    .expect(201);

const actionsSeenBy = async (token: string, query = '') => {
  const res = await t.request.get(`/api/audit?pageSize=100${query}`).set(auth(token)).expect(200);
  return (res.body.items as { action: string; district: string | null }[]).map((e) => `${e.action}@${e.district}`).sort();
};

it('files claims decided and hours adjusted by the city office under the practitioner’s district', async () => {
  const [p, q] = await t.seedPractitioners(2);
  const approved = await claim(p.token);
  const rejected = await claim(q.token);
  await t.request.post(`/api/credit-claims/${approved.body.id}/approve`).set(auth(office.token)).send({}).expect(200);
  await t.request.post(`/api/credit-claims/${rejected.body.id}/reject`).set(auth(office.token)).send({ reason: '证明材料不清晰' }).expect(200);
  await t.request.post('/api/credit-adjustments').set(auth(office.token)).send({ practitionerId: p.practitionerId, year: 2026, hours: 4, category: 'public', reason: '补录线下讲座' }).expect(201);

  const expected = [`claim.approve@${SHAPINGBA}`, `claim.reject@${SHAPINGBA}`, `credit.adjust@${SHAPINGBA}`];
  expect(await actionsSeenBy(theirs.token, '&action=claim.')).toEqual(expected.slice(0, 2));
  expect(await actionsSeenBy(theirs.token, '&action=credit.')).toEqual(expected.slice(2));
  expect(await actionsSeenBy(other.token, '&action=claim.')).toEqual([]);
  expect(await actionsSeenBy(other.token, '&action=credit.')).toEqual([]);
});

it('files an enrollment approved and attendance marked under the practitioner’s district', async () => {
  const approving = await t.classWithSessions(1, 1, { requiresApproval: true });
  const roster = await t.request.get(`/api/classes/${approving.cls.id}/enrollments`).set(auth(approving.trainerToken)).expect(200);
  await t.request.post(`/api/enrollments/${roster.body.items[0].id}/approve`).set(auth(approving.trainerToken)).expect(200);
  expect(await actionsSeenBy(theirs.token, '&action=enrollment.')).toEqual([`enrollment.approve@${SHAPINGBA}`]);
  expect(await actionsSeenBy(other.token, '&action=enrollment.')).toEqual([]);

  const { sessions, people, trainerToken } = await t.classWithSessions(1, 1);
  await t.request.put(`/api/sessions/${sessions[0].id}/attendance/${people[0].practitionerId}`).set(auth(trainerToken)).send({ status: 'excused' }).expect(200);
  expect(await actionsSeenBy(theirs.token, '&action=attendance.')).toEqual([`attendance.mark@${SHAPINGBA}`]);
  expect(await actionsSeenBy(other.token, '&action=attendance.')).toEqual([]);
});

it('files a district’s import under that district, and the city office’s under none', async () => {
  const header = '姓名,身份证号码,区县,工作单位,单位类型,人才类别,业务领域,职称,人才层次,审核状态';
  const csv = [header, `王五,${makeIdNumber(YUBEI, '19900101', 501)},渝北区,重庆某公司,企业,知识产权代理,专利,中级,,`].join('\n');
  const yubei = await t.userWithRole('district', '渝北区人才工作二', YUBEI);
  await t.request.post('/api/talents/import').set(auth(yubei.token)).attach('file', Buffer.from(csv), 'people.csv').expect(200);
  await t.request.post('/api/talents/import').set(auth(office.token)).attach('file', Buffer.from(csv), 'people.csv').expect(200);
  expect(await actionsSeenBy(other.token, '&action=talent.import')).toEqual([`talent.import@${YUBEI}`]);
  expect(await actionsSeenBy(theirs.token, '&action=talent.import')).toEqual([]);
  expect(await actionsSeenBy(office.token, '&action=talent.import')).toEqual([`talent.import@${YUBEI}`, 'talent.import@null']);
});
