import { QueryTypes } from 'sequelize';
import type { Database } from '../platform/db';
import type { Category, TitleLevel } from '../reference/vocabulary';

/** One practitioner of an agency, with their hours in one year. */
export interface AgencyMember {
  practitionerId: number;
  name: string;
  category: Category;
  titleLevel: TitleLevel;
  earnedHours: number;
  professionalHours: number;
}

/**
 * The port through which agencies learn who works for them: practitioners name an agency by its
 * 统一社会信用代码 (`agencyCreditCode` on the talent record), and only verified records count. The talent
 * module owns those rows; modules.ts hands this module an implementation.
 */
export interface AgencyMembers {
  /** Verified talent records per credit code; codes nobody names are absent from the map. */
  countByCreditCode(codes: string[]): Promise<Map<string, number>>;
  /** A page of an agency's verified practitioners (by name), with their hours in `year`. */
  membersOf(creditCode: string, year: number, page: { page: number; pageSize: number }): Promise<{ rows: AgencyMember[]; total: number }>;
}

/**
 * Whether a member meets a year's continuing-education rule (credits' `assess` against its rule,
 * handed in by modules.ts: agencies sit below talent and credits and import neither).
 */
export type MemberCompliance = (year: number) => Promise<(hours: { earnedHours: number; professionalHours: number }) => boolean>;

/**
 * For now a raw query over practitioners and credit_year_totals, until the talent module offers the
 * same port itself (then this file goes, and modules.ts passes talent's implementation). `countedSql`
 * is talent's `countsTowardTargetSql` (which records count), given by modules.ts.
 */
export function sqlAgencyMembers(db: Database, countedSql: (alias: string) => string): AgencyMembers {
  const select = <T extends object>(sql: string, replacements: unknown[]) => db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
  const counted = countedSql('p');
  return {
    async countByCreditCode(codes) {
      const counts = new Map<string, number>();
      const unique = [...new Set(codes)];
      for (let i = 0; i < unique.length; i += 500) {
        const chunk = unique.slice(i, i + 500);
        const rows = await select<{ code: string; n: number | string }>(
          `SELECT p.agency_credit_code AS code, COUNT(*) AS n FROM practitioners p
           WHERE p.agency_credit_code IN (${chunk.map(() => '?').join(', ')}) AND ${counted}
           GROUP BY p.agency_credit_code`,
          chunk,
        );
        for (const row of rows) counts.set(row.code, Number(row.n));
      }
      return counts;
    },
    async membersOf(creditCode, year, { page, pageSize }) {
      const [{ n }] = await select<{ n: number | string }>(`SELECT COUNT(*) AS n FROM practitioners p WHERE p.agency_credit_code = ? AND ${counted}`, [creditCode]);
      const rows = await select<{ id: number; name: string; category: Category; title_level: TitleLevel; hours: number | null; professional_hours: number | null }>(
        `SELECT p.id, p.name, p.category, p.title_level, t.hours, t.professional_hours
         FROM practitioners p LEFT JOIN credit_year_totals t ON t.practitioner_id = p.id AND t.year = ?
         WHERE p.agency_credit_code = ? AND ${counted}
         ORDER BY p.name, p.id LIMIT ? OFFSET ?`,
        [year, creditCode, pageSize, (page - 1) * pageSize],
      );
      return {
        total: Number(n),
        rows: rows.map((r) => ({ practitionerId: r.id, name: r.name, category: r.category, titleLevel: r.title_level, earnedHours: Number(r.hours ?? 0), professionalHours: Number(r.professional_hours ?? 0) })),
      };
    },
  };
}
