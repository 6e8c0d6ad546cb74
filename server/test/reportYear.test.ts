import { ManualClock } from '../src/platform/clock';
import { recount } from '../src/stats/recount';
import { auth, createTestApp, makeIdNumber, profileBody } from './helpers/testApp';
import { PNG } from './helpers/world';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** An approved claim of `hours` professional hours dated `date`. */
async function approvedHours(t: TestApp, token: string, officeToken: string, date: string, hours: number) {
  const req = t.request.post('/api/me/credit-claims').set(auth(token));
  for (const [k, v] of Object.entries({ title: '专利实务研修', provider: '重庆市知识产权局', date, hours, category: 'professional' })) req.field(k, String(v));
  const claim = await req.attach('evidence', PNG, 'proof.png').expect(201);
  await t.request.post(`/api/credit-claims/${claim.body.id}/approve`).set(auth(officeToken)).send({}).expect(200);
}

describe('reports true for their year', () => {
  it('the 2025 report produced in 2027 equals the one produced on 2026-01-01, whatever changed in 2026', async () => {
    const clock = new ManualClock('2025-03-01T10:00:00+08:00');
    const t = await createTestApp({ clock });
    try {
      const office = await t.userWithRole('office');
      await t.request.put('/api/credit-rules/2025').set(auth(office.token)).send({ requiredHours: 8, minProfessionalHours: 4 }).expect(200);
      const people: { token: string; id: number }[] = [];
      const districts = ['500112', '500112', '500103', '500103'];
      for (let i = 0; i < 4; i++) {
        const p = await t.registerPractitioner(`年报${i}`);
        const saved = await t.request
          .put('/api/me/profile')
          .set(auth(p.token))
          .send(profileBody({ name: `年报${i}`, idNumber: makeIdNumber(districts[i], '19900101', 800 + i), district: districts[i], education: i % 2 ? 'master' : 'bachelor', titleSeries: 'ip' }))
          .expect(200);
        people.push({ token: p.token, id: saved.body.id });
      }
      // 2025: three verified (the fourth stays pending); 年报0 meets the rule.
      for (const p of people.slice(0, 3)) await t.request.post(`/api/talents/${p.id}/verify`).set(auth(office.token)).expect(200);
      clock.set('2025-06-01T10:00:00+08:00');
      await approvedHours(t, people[0].token, office.token, '2025-05-20', 8);

      clock.set('2026-01-01T00:00:01+08:00');
      const onNewYear = (await t.request.get('/api/stats/report?year=2025&format=json').set(auth(office.token)).expect(200)).body;
      const dashboardOnNewYear = (await t.request.get('/api/stats/overview?year=2025').set(auth(office.token)).expect(200)).body;
      expect(onNewYear.summary).toMatchObject({ verified: 3, pending: 1, newVerifiedInYear: 3 });
      expect(onNewYear.compliance).toMatchObject({ compliant: 1, total: 3 });
      expect(onNewYear.educations.find((e: { value: string }) => e.value === 'master').count).toBe(1);

      // 2026: one deactivated, the pending one verified, one moves district and changes degree,
      // hours of 2025 arrive late for another, a rule change for 2026, and one account is deleted.
      clock.set('2026-02-01T10:00:00+08:00');
      await t.request.patch(`/api/talents/${people[0].id}`).set(auth(office.token)).send({ status: 'inactive' }).expect(200);
      await t.request.post(`/api/talents/${people[3].id}/verify`).set(auth(office.token)).expect(200);
      await t.request
        .put('/api/me/profile')
        .set(auth(people[2].token))
        .send(profileBody({ name: '年报2', idNumber: makeIdNumber('500103', '19900101', 802), district: '500112', education: 'doctorate', titleSeries: 'ip' }))
        .expect(200);
      await approvedHours(t, people[1].token, office.token, '2025-12-20', 8);
      await t.request.post('/api/me/account-deletion').set(auth(people[1].token)).send({ password: 'password123' }).expect(204);

      clock.set('2027-03-01T10:00:00+08:00');
      const later = (await t.request.get('/api/stats/report?year=2025&format=json').set(auth(office.token)).expect(200)).body;
      expect({ ...later, generatedAt: null }).toEqual({ ...onNewYear, generatedAt: null });
      const dashboardLater = (await t.request.get('/api/stats/overview?year=2025').set(auth(office.token)).expect(200)).body;
      expect(dashboardLater).toEqual(dashboardOnNewYear);
      expect(dashboardLater.scope).toMatchObject({ year: 2025, asOf: '2025-12-31T16:00:00.000Z' });

      // A district's 2025 report is as true as the city's.
      const yubei = await t.userWithRole('district', '渝北', '500112');
      const yubei2025 = (await t.request.get('/api/stats/report?year=2025&format=json').set(auth(yubei.token)).expect(200)).body;
      expect(yubei2025.summary).toMatchObject({ verified: 2 });

      // 2026 itself, now past too, shows the changes.
      const report2026 = (await t.request.get('/api/stats/report?year=2026&format=json').set(auth(office.token)).expect(200)).body;
      expect(report2026.summary).toMatchObject({ verified: 2, inactive: 2, pending: 0 });
      expect(report2026.districts.find((d: { code: string }) => d.code === '500112').count).toBe(1);
      expect(report2026.educations.find((e: { value: string }) => e.value === 'doctorate').count).toBe(1);

      // The history agrees with the records: as they stand now, counted from the versions, equals the tallies.
      const now = (await t.request.get('/api/stats/overview').set(auth(office.token)).expect(200)).body;
      const fromHistory = await t.app.services.stats.talentCounts({ district: null, at: new Date('2100-01-01T00:00:00Z') });
      expect(fromHistory.practitioners).toEqual(now.practitioners);
      expect(fromHistory.byDistrict).toEqual(now.byDistrict);
      expect(fromHistory.byEducation).toEqual(now.byEducation);
      expect(fromHistory.ipSeriesTitles).toEqual(now.ipSeriesTitles);
      expect(await recount(t.db)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
