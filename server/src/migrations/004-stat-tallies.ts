import { DataTypes, QueryTypes, type QueryInterface } from 'sequelize';

/**
 * Aggregates for the statistics, kept in the same transactions that change the records (model hooks),
 * never a cache that can drift: `npm run stats:recount` recomputes them from the raw rows and compares.
 */
export async function up(qi: QueryInterface): Promise<void> {
  // How many talent records have each status, per value of each dimension (district, orgType, ...),
  // and verified records per month of verification (for growth).
  await qi.createTable('talent_tallies', {
    dimension: { type: DataTypes.STRING(16), allowNull: false, primaryKey: true },
    value: { type: DataTypes.STRING(32), allowNull: false, primaryKey: true },
    status: { type: DataTypes.STRING(16), allowNull: false, primaryKey: true },
    n: { type: DataTypes.INTEGER, allowNull: false },
  });

  // Each practitioner's hours per year; `counted` mirrors "verified" so compliance is one index range.
  await qi.createTable('credit_year_totals', {
    practitioner_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    year: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    hours: { type: DataTypes.DOUBLE, allowNull: false },
    professional_hours: { type: DataTypes.DOUBLE, allowNull: false },
    class_hours: { type: DataTypes.DOUBLE, allowNull: false },
    counted: { type: DataTypes.BOOLEAN, allowNull: false },
  });
  await qi.addIndex('credit_year_totals', ['year', 'counted', 'hours', 'professional_hours'], { name: 'credit_year_totals_compliance' });

  // Per-year sums that would otherwise scan every person's totals (hours awarded by classes).
  await qi.createTable('year_tallies', {
    year: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    metric: { type: DataTypes.STRING(32), allowNull: false, primaryKey: true },
    value: { type: DataTypes.DOUBLE, allowNull: false },
  });

  // Backfill from existing rows, so a database migrated with data in it starts consistent.
  const dims = ['district', 'org_type', 'category', 'title_level', 'tier'];
  const names: Record<string, string> = { district: 'district', org_type: 'orgType', category: 'category', title_level: 'titleLevel', tier: 'tier' };
  await qi.sequelize.query(`INSERT INTO talent_tallies (dimension, value, status, n) SELECT 'all', '', status, COUNT(*) FROM practitioners GROUP BY status`);
  for (const d of dims) {
    await qi.sequelize.query(`INSERT INTO talent_tallies (dimension, value, status, n) SELECT '${names[d]}', ${d}, status, COUNT(*) FROM practitioners GROUP BY ${d}, status`);
  }
  const verified = (await qi.sequelize.query(`SELECT verified_at FROM practitioners WHERE status = 'verified' AND verified_at IS NOT NULL`, { type: QueryTypes.SELECT })) as { verified_at: string | Date }[];
  const months = new Map<string, number>();
  for (const { verified_at } of verified) {
    // Asia/Shanghai is UTC+8 all year.
    const month = new Date(new Date(verified_at).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + 1);
  }
  for (const [month, n] of months) {
    await qi.sequelize.query(`INSERT INTO talent_tallies (dimension, value, status, n) VALUES ('verifiedMonth', ?, 'verified', ?)`, { replacements: [month, n] });
  }
  await qi.sequelize.query(
    `INSERT INTO credit_year_totals (practitioner_id, year, hours, professional_hours, class_hours, counted)
     SELECT r.practitioner_id, r.year, SUM(r.hours),
            SUM(CASE WHEN r.category = 'professional' THEN r.hours ELSE 0 END),
            SUM(CASE WHEN r.source = 'class' THEN r.hours ELSE 0 END),
            MAX(CASE WHEN p.status = 'verified' THEN 1 ELSE 0 END)
     FROM credit_records r JOIN practitioners p ON p.id = r.practitioner_id
     GROUP BY r.practitioner_id, r.year`,
  );
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('year_tallies');
  await qi.dropTable('credit_year_totals');
  await qi.dropTable('talent_tallies');
}
