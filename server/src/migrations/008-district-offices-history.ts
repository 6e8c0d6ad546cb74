import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The strategy's two-level management and year-true reports:
 * - a district account's district (users.district_code);
 * - degree education, the title series and the agency a practitioner works for;
 * - practitioner_versions: every change of what statistics count by, with when it took effect, so a
 *   report for a past year counts the records as they stood at its end. Existing records get one
 *   version each, from when they were verified (or created): their earlier history is not known.
 */
export async function up(qi: QueryInterface): Promise<void> {
  await qi.addColumn('users', 'district_code', { type: DataTypes.STRING(6), allowNull: true });

  await qi.addColumn('practitioners', 'education', { type: DataTypes.STRING(16), allowNull: true });
  await qi.addColumn('practitioners', 'ip_degree', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  await qi.addColumn('practitioners', 'title_series', { type: DataTypes.STRING(16), allowNull: true });
  await qi.addColumn('practitioners', 'agency_credit_code', { type: DataTypes.STRING(18), allowNull: true });
  await qi.addIndex('practitioners', ['agency_credit_code'], { name: 'practitioners_agency' });
  await qi.addIndex('practitioners', ['district', 'status'], { name: 'practitioners_district_status' });

  await qi.createTable('practitioner_versions', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    practitioner_id: { type: DataTypes.INTEGER, allowNull: false },
    valid_from: { type: DataTypes.DATE(3), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    district: { type: DataTypes.CHAR(6), allowNull: false },
    org_type: { type: DataTypes.STRING(32), allowNull: false },
    category: { type: DataTypes.STRING(32), allowNull: false },
    title_level: { type: DataTypes.STRING(32), allowNull: false },
    tier: { type: DataTypes.STRING(32), allowNull: false },
    education: { type: DataTypes.STRING(16), allowNull: true },
    ip_degree: { type: DataTypes.BOOLEAN, allowNull: false },
    title_series: { type: DataTypes.STRING(16), allowNull: true },
    verified_at: { type: DataTypes.DATE(3), allowNull: true },
  });
  await qi.addIndex('practitioner_versions', ['valid_from', 'practitioner_id'], { name: 'practitioner_versions_time' });
  await qi.addIndex('practitioner_versions', ['practitioner_id', 'id'], { name: 'practitioner_versions_record' });
  await qi.sequelize.query(
    `INSERT INTO practitioner_versions (practitioner_id, valid_from, status, district, org_type, category, title_level, tier, education, ip_degree, title_series, verified_at)
     SELECT id, COALESCE(verified_at, created_at), status, district, org_type, category, title_level, tier, education, ip_degree, title_series, verified_at
     FROM practitioners ORDER BY id`,
  );
  // The tallies gain the new dimensions: no existing record has an education or series yet, nor an IP degree.
  for (const [dimension, value] of [['education', ''], ['titleSeries', ''], ['ipDegree', '0']]) {
    await qi.sequelize.query(`INSERT INTO talent_tallies (dimension, value, status, n) SELECT '${dimension}', '${value}', status, COUNT(*) FROM practitioners GROUP BY status`);
  }
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.sequelize.query(`DELETE FROM talent_tallies WHERE dimension IN ('education', 'titleSeries', 'ipDegree')`);
  await qi.dropTable('practitioner_versions');
  await qi.removeIndex('practitioners', 'practitioners_district_status');
  await qi.removeIndex('practitioners', 'practitioners_agency');
  await qi.removeColumn('practitioners', 'agency_credit_code');
  await qi.removeColumn('practitioners', 'title_series');
  await qi.removeColumn('practitioners', 'ip_degree');
  await qi.removeColumn('practitioners', 'education');
  await qi.removeColumn('users', 'district_code');
}
