import { QueryTypes } from 'sequelize';
import { generateDemo } from '../src/demo/generate';
import { recount } from '../src/stats/recount';
import { createTestApp } from './helpers/testApp';

async function summary(t: Awaited<ReturnType<typeof createTestApp>>) {
  const q = (sql: string) => t.db.sequelize.query<{ n: number }>(sql, { type: QueryTypes.SELECT }).then(([r]) => Number(r.n));
  return {
    practitioners: await q('SELECT COUNT(*) AS n FROM practitioners'),
    verified: await q(`SELECT COUNT(*) AS n FROM practitioners WHERE status = 'verified'`),
    districts: await q('SELECT COUNT(DISTINCT district) AS n FROM practitioners'),
    classes: await q('SELECT COUNT(*) AS n FROM classes'),
    certificates: await q('SELECT COUNT(*) AS n FROM certificates'),
    claims: await q('SELECT COUNT(*) AS n FROM credit_claims'),
    waitlisted: await q(`SELECT COUNT(*) AS n FROM enrollments WHERE status = 'waitlisted'`),
    educations: await q('SELECT COUNT(DISTINCT education) AS n FROM practitioners'),
    titleSeries: await q('SELECT COUNT(DISTINCT title_series) AS n FROM practitioners'),
    ipTitles: await q(`SELECT COUNT(*) AS n FROM practitioners WHERE title_series = 'ip' AND title_level <> 'none'`),
    districtStaff: await q(`SELECT COUNT(DISTINCT district_code) AS n FROM users WHERE role = 'district'`),
    agencies: await q('SELECT COUNT(*) AS n FROM service_agencies'),
    agencyDistricts: await q('SELECT COUNT(DISTINCT district) AS n FROM service_agencies'),
    verifiedAgencies: await q(`SELECT COUNT(*) AS n FROM service_agencies WHERE status = 'verified'`),
    agencyRevenue: await q(`SELECT SUM(revenue_yuan) AS n FROM service_agencies WHERE status = 'verified'`),
    linked: await q('SELECT COUNT(*) AS n FROM practitioners p JOIN service_agencies a ON a.credit_code = p.agency_credit_code AND a.district = p.district'),
    linkedNowhere: await q('SELECT COUNT(*) AS n FROM practitioners p WHERE p.agency_credit_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM service_agencies a WHERE a.credit_code = p.agency_credit_code)'),
    // The README's example practitioner accounts.
    examples: await q(`SELECT COUNT(*) AS n FROM users u JOIN practitioners p ON p.user_id = u.id WHERE u.phone IN ('13500000001', '13500000002', '13500000003') AND p.status = 'verified'`),
  };
}

describe('the demo data set', () => {
  it('is realistic, the same every time, and its statistics match a recount from the raw rows', async () => {
    const runs = [];
    // Generated at two times of day: after 16:00 UTC the Shanghai date is already tomorrow, which once
    // put a class's completion before its last session had ended.
    for (const now of [new Date('2026-12-03T16:30:00Z'), new Date('2026-12-03T03:00:00Z')]) {
      const t = await createTestApp();
      const { staff } = await generateDemo(t.db, t.config, { practitioners: 300, creditRecordsPerPerson: 2, pastClasses: 4, upcomingClasses: 3, now });
      expect(staff.map((s) => s.role).sort()).toEqual(['admin', 'district', 'district', 'district', 'office', 'office', 'trainer', 'trainer', 'trainer']);
      expect(await recount(t.db)).toEqual([]);
      runs.push(await summary(t));
      await t.close();
    }
    expect(runs[1]).toEqual(runs[0]);
    const s = runs[0];
    expect(s.practitioners).toBe(300);
    expect(s.verified / s.practitioners).toBeGreaterThan(0.7);
    expect(s.districts).toBeGreaterThan(25);
    expect(s.classes).toBe(7);
    expect(s.certificates).toBeGreaterThan(0);
    expect(s.claims).toBeGreaterThan(0);
    expect(s.waitlisted).toBeGreaterThan(0);
    expect(s.examples).toBe(3);
    expect(s.educations).toBe(5);
    expect(s.titleSeries).toBe(5);
    expect(s.ipTitles).toBeGreaterThan(0);
    expect(s.districtStaff).toBe(3);
    // About 200 agencies across all 38 districts, most verified, revenue short of 5 亿 but on the way.
    expect(s.agencies).toBe(38 + 180);
    expect(s.agencyDistricts).toBe(38);
    expect(s.verifiedAgencies / s.agencies).toBeGreaterThan(0.7);
    expect(s.agencyRevenue).toBeGreaterThan(100_000_000);
    expect(s.agencyRevenue).toBeLessThan(500_000_000);
    expect(s.linked).toBeGreaterThan(30);
    expect(s.linkedNowhere).toBe(0);
  });
});
