/**
 * 档案历史: the talent records as they stood at a moment, from practitioner_versions (written by the
 * models' hooks beside every change that statistics count by). A report for a past year counts the
 * records as they stood at its end, so generating it again later gives the same figures.
 */

/** The columns both forms below give, one row per record. */
export const STANDING_COLUMNS = 'practitioner_id, status, district, org_type, category, title_level, tier, education, title_series, ip_degree, verified_at';

/**
 * SQL for the records as they stood just before `at` (null: as they are now, straight from the
 * records), in one district or all. A record's standing is its latest version before `at`; a record
 * with no version before then did not exist yet.
 */
export function recordsAsOfSql(at: Date | null, district: string | null): { sql: string; replacements: unknown[] } {
  const inDistrict = district ? ' AND district = ?' : '';
  const args = district ? [district] : [];
  if (at === null) {
    return {
      sql: `SELECT id AS practitioner_id, status, district, org_type, category, title_level, tier, education, title_series, ip_degree, verified_at FROM practitioners WHERE 1 = 1${inDistrict}`,
      replacements: args,
    };
  }
  return {
    sql: `SELECT ${STANDING_COLUMNS.split(', ').map((c) => `v.${c}`).join(', ')} FROM practitioner_versions v
          JOIN (SELECT MAX(id) AS id FROM practitioner_versions WHERE valid_from < ? GROUP BY practitioner_id) latest ON latest.id = v.id
          WHERE v.status <> 'removed'${inDistrict.replace('district', 'v.district')}`,
    replacements: [at, ...args],
  };
}
