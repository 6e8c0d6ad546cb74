import { QueryTypes } from 'sequelize';
import type { Database } from '../platform/db';
import { tallyKeys } from './tallies';

export interface RecountDifference {
  table: 'talent_tallies' | 'credit_year_totals' | 'year_tallies';
  key: string;
  stored: number | string;
  recounted: number | string;
}

/**
 * Recomputes every aggregate from the raw rows and lists where the stored aggregates differ.
 * An empty list means the dashboard and the records agree to the person.
 */
export async function recount(db: Database): Promise<RecountDifference[]> {
  const select = <T extends object>(sql: string) => db.sequelize.query<T>(sql, { type: QueryTypes.SELECT });
  const differences: RecountDifference[] = [];

  const expected = new Map<string, number>();
  const people = await select<{ id: number; status: string; district: string; org_type: string; category: string; title_level: string; tier: string; verified_at: string | Date | null }>(
    'SELECT id, status, district, org_type, category, title_level, tier, verified_at FROM practitioners',
  );
  for (const p of people) {
    const keys = tallyKeys({ id: p.id, status: p.status, district: p.district, orgType: p.org_type, category: p.category, titleLevel: p.title_level, tier: p.tier, verifiedAt: p.verified_at ? new Date(p.verified_at) : null } as never);
    for (const k of keys) {
      const id = `${k.dimension}|${k.value}|${k.status}`;
      expected.set(id, (expected.get(id) ?? 0) + 1);
    }
  }
  const stored = new Map<string, number>();
  for (const r of await select<{ dimension: string; value: string; status: string; n: number | string }>('SELECT dimension, value, status, n FROM talent_tallies')) {
    if (Number(r.n) !== 0) stored.set(`${r.dimension}|${r.value}|${r.status}`, Number(r.n));
  }
  for (const key of new Set([...expected.keys(), ...stored.keys()])) {
    if ((expected.get(key) ?? 0) !== (stored.get(key) ?? 0)) differences.push({ table: 'talent_tallies', key, stored: stored.get(key) ?? 0, recounted: expected.get(key) ?? 0 });
  }

  const totals = await select<{ practitioner_id: number; year: number; hours: number; professional_hours: number; class_hours: number; counted: number }>(
    `SELECT r.practitioner_id, r.year, SUM(r.hours) AS hours,
            SUM(CASE WHEN r.category = 'professional' THEN r.hours ELSE 0 END) AS professional_hours,
            SUM(CASE WHEN r.source = 'class' THEN r.hours ELSE 0 END) AS class_hours,
            MAX(CASE WHEN p.status = 'verified' THEN 1 ELSE 0 END) AS counted
     FROM credit_records r JOIN practitioners p ON p.id = r.practitioner_id
     GROUP BY r.practitioner_id, r.year`,
  );
  const fmt = (r: { hours: number; professional_hours: number; class_hours: number; counted: number | boolean }) =>
    `${Number(r.hours)}/${Number(r.professional_hours)}/${Number(r.class_hours)}/${Number(r.counted) ? 1 : 0}`;
  const storedTotals = new Map(
    (await select<{ practitioner_id: number; year: number; hours: number; professional_hours: number; class_hours: number; counted: number }>('SELECT * FROM credit_year_totals')).map((r) => [`${r.practitioner_id}|${r.year}`, fmt(r)]),
  );
  const recounted = new Map(totals.map((r) => [`${r.practitioner_id}|${r.year}`, fmt(r)]));
  for (const key of new Set([...recounted.keys(), ...storedTotals.keys()])) {
    if (recounted.get(key) !== storedTotals.get(key)) differences.push({ table: 'credit_year_totals', key, stored: storedTotals.get(key) ?? '(none)', recounted: recounted.get(key) ?? '(none)' });
  }
  const classHours = new Map(
    (await select<{ year: number; h: number }>(`SELECT year, SUM(hours) AS h FROM credit_records WHERE source = 'class' GROUP BY year`)).map((r) => [String(r.year), Number(r.h)]),
  );
  const storedHours = new Map(
    (await select<{ year: number; value: number }>(`SELECT year, value FROM year_tallies WHERE metric = 'classHours'`)).filter((r) => Number(r.value) !== 0).map((r) => [String(r.year), Number(r.value)]),
  );
  for (const year of new Set([...classHours.keys(), ...storedHours.keys()])) {
    if ((classHours.get(year) ?? 0) !== (storedHours.get(year) ?? 0)) differences.push({ table: 'year_tallies', key: `${year}|classHours`, stored: storedHours.get(year) ?? 0, recounted: classHours.get(year) ?? 0 });
  }
  return differences;
}
