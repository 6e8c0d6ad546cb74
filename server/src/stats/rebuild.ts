import { QueryTypes } from 'sequelize';
import type { Database } from '../platform/db';
import { yearTotalsSql } from '../credits/compliance';
import { countsTowardTargetSql } from '../talent/counting';
import { tallyKeys } from './tallies';

/**
 * Recomputes every aggregate from the raw rows, replacing what is stored, in one transaction, and gives
 * records without history their first version. For bulk loads that bypass the model hooks (demo and
 * benchmark data sets); normal writes never need it.
 */
export async function rebuildAggregates(db: Database): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    const run = (sql: string, replacements: unknown[] = []) => db.sequelize.query(sql, { replacements, transaction });
    await run('DELETE FROM talent_tallies');
    await run('DELETE FROM credit_year_totals');
    await run('DELETE FROM year_tallies');
    const cells = new Map<string, number>();
    const people = await db.sequelize.query<{ id: number; status: string; district: string; org_type: string; category: string; title_level: string; tier: string; education: string | null; title_series: string | null; ip_degree: number | boolean; verified_at: string | Date | null }>(
      'SELECT id, status, district, org_type, category, title_level, tier, education, title_series, ip_degree, verified_at FROM practitioners',
      { type: QueryTypes.SELECT, transaction },
    );
    for (const p of people) {
      for (const k of tallyKeys({ id: p.id, status: p.status, district: p.district, orgType: p.org_type, category: p.category, titleLevel: p.title_level, tier: p.tier, education: p.education, titleSeries: p.title_series, ipDegree: Boolean(Number(p.ip_degree)), verifiedAt: p.verified_at ? new Date(p.verified_at) : null } as never)) {
        const key = `${k.dimension}\u0000${k.value}\u0000${k.status}`;
        cells.set(key, (cells.get(key) ?? 0) + 1);
      }
    }
    const rows = [...cells].map(([key, n]) => [...key.split('\u0000'), n]);
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      await run(`INSERT INTO talent_tallies (dimension, value, status, n) VALUES ${batch.map(() => '(?, ?, ?, ?)').join(', ')}`, batch.flat());
    }
    // The SQL twins of the rules (credits' yearTotals, talent's countsTowardTarget); recount checks
    // what this writes by the functions themselves.
    const sum = yearTotalsSql('r');
    await run(
      `INSERT INTO credit_year_totals (practitioner_id, year, hours, professional_hours, class_hours, counted)
       SELECT r.practitioner_id, r.year, ${sum.hours}, ${sum.professionalHours}, ${sum.classHours},
              MAX(CASE WHEN ${countsTowardTargetSql('p')} THEN 1 ELSE 0 END)
       FROM credit_records r JOIN practitioners p ON p.id = r.practitioner_id
       GROUP BY r.practitioner_id, r.year`,
    );
    // Records loaded without the hooks have no history: each gets one version, from when it was
    // verified (or created), as the migration that introduced the history gave the records of then.
    await run(
      `INSERT INTO practitioner_versions (practitioner_id, valid_from, status, district, org_type, category, title_level, tier, education, ip_degree, title_series, verified_at)
       SELECT p.id, COALESCE(p.verified_at, p.created_at), p.status, p.district, p.org_type, p.category, p.title_level, p.tier, p.education, p.ip_degree, p.title_series, p.verified_at
       FROM practitioners p WHERE NOT EXISTS (SELECT 1 FROM practitioner_versions v WHERE v.practitioner_id = p.id) ORDER BY p.id`,
    );
    await run(`INSERT INTO year_tallies (year, metric, value) SELECT r.year, 'classHours', ${sum.classHours} FROM credit_records r GROUP BY r.year HAVING ${sum.classHours} <> 0`);
  });
}
