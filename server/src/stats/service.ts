import { QueryTypes } from 'sequelize';
import type { Config } from '../config';
import { assess, compliantSql } from '../credits/compliance';
import type { CreditService } from '../credits/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { shanghaiDate } from '../platform/time';
import { DISTRICTS, districtName } from '../reference/districts';
import { countsTowardTargetSql } from '../talent/counting';
import { CATEGORIES, ORG_TYPES, TIERS, TITLE_LEVELS } from '../reference/vocabulary';

interface TallyRow {
  dimension: string;
  value: string;
  status: string;
  n: number | string;
}

export interface Breakdown {
  value: string;
  label: string;
  count: number;
}

const VOCABULARIES = { orgType: ORG_TYPES, category: CATEGORIES, titleLevel: TITLE_LEVELS, tier: TIERS } as const;

function addMonths(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + k, 1));
  return d.toISOString().slice(0, 7);
}

/** Beyond this many months a "projected date" is no forecast: reported as null (and ISO dates end at 9999). */
export const PROJECTION_HORIZON_MONTHS = 100 * 12;

/**
 * The pace of the last 12 months of growth and the first day of the month the target is reached at
 * that pace: today when already reached, null when there is no growth or it lies past the horizon.
 */
export function projectReach(growth: { newVerified: number }[], verified: number, target: number, today: string) {
  const last12 = growth.slice(-12).reduce((a, g) => a + g.newVerified, 0);
  const monthlyRate = Math.round((last12 / 12) * 10) / 10;
  const remaining = target - verified;
  if (remaining <= 0) return { monthlyRate, projectedReachDate: today };
  if (last12 <= 0) return { monthlyRate, projectedReachDate: null };
  const months = Math.ceil(remaining / (last12 / 12));
  if (months > PROJECTION_HORIZON_MONTHS) return { monthlyRate, projectedReachDate: null };
  return { monthlyRate, projectedReachDate: `${addMonths(today.slice(0, 7), months)}-01` };
}

/**
 * The numbers the talent office reports. Talent counts come from the tallies (kept in step by the
 * models' hooks); per-person hours from credit_year_totals; classes and enrollments from their tables
 * (small, indexed). Who counts toward the target and who is compliant are talent's and credits'
 * rules, used here through their SQL twins.
 */
export class StatsService {
  constructor(
    private readonly db: Database,
    private readonly credits: CreditService,
    private readonly config: Config,
    private readonly clock: Clock,
  ) {}

  private query<T extends object>(sql: string, replacements: unknown[] = []): Promise<T[]> {
    return this.db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
  }

  async talentCounts() {
    const rows = await this.query<TallyRow>('SELECT dimension, value, status, n FROM talent_tallies');
    const byStatus: Record<string, number> = { verified: 0, pending: 0, rejected: 0, inactive: 0 };
    const verifiedBy: Record<string, Map<string, number>> = {};
    const months = new Map<string, number>();
    for (const r of rows) {
      const n = Number(r.n);
      if (r.dimension === 'all') byStatus[r.status] = (byStatus[r.status] ?? 0) + n;
      else if (r.dimension === 'verifiedMonth') months.set(r.value, n);
      else if (r.status === 'verified') (verifiedBy[r.dimension] ??= new Map()).set(r.value, n);
    }
    const count = (dimension: string, value: string) => verifiedBy[dimension]?.get(value) ?? 0;
    const byDistrict = DISTRICTS.map((d) => ({ code: d.code, name: d.name, count: count('district', d.code) }));
    const breakdown = (dimension: keyof typeof VOCABULARIES): Breakdown[] =>
      VOCABULARIES[dimension].options.map((o) => ({ value: o.value, label: o.label, count: count(dimension, o.value) }));
    return {
      practitioners: { ...byStatus, total: Object.values(byStatus).reduce((a, b) => a + b, 0) } as { verified: number; pending: number; rejected: number; inactive: number; total: number },
      byDistrict,
      byOrgType: breakdown('orgType'),
      byCategory: breakdown('category'),
      byTitleLevel: breakdown('titleLevel'),
      byTier: breakdown('tier'),
      months,
    };
  }

  /** Newly verified per month (of those verified now) and the running total, up to this month. */
  growth(months: Map<string, number>, span = 24) {
    const thisMonth = shanghaiDate(this.clock.now()).slice(0, 7);
    const first = addMonths(thisMonth, -(span - 1));
    let cumulative = [...months].filter(([m]) => m < first).reduce((a, [, n]) => a + n, 0);
    const out: { month: string; newVerified: number; cumulative: number }[] = [];
    for (let i = 0; i < span; i++) {
      const month = addMonths(first, i);
      const n = months.get(month) ?? 0;
      cumulative += n;
      out.push({ month, newVerified: n, cumulative });
    }
    // Records verified "in the future" (clock skew, imports) still count in the total.
    const later = [...months].filter(([m]) => m > thisMonth).reduce((a, [, n]) => a + n, 0);
    if (later) out[out.length - 1].cumulative += later;
    return out;
  }

  /** The pace of the last 12 months, and when the target is reached at that pace (null if never). */
  projection(growth: { newVerified: number }[], verified: number) {
    return projectReach(growth, verified, this.config.target.practitioners, shanghaiDate(this.clock.now()));
  }

  async training(year: number) {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const [classes] = await this.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM classes WHERE start_date BETWEEN ? AND ? AND state <> 'cancelled'`, [from, to]);
    const [enrollments] = await this.query<{ n: number | string; done: number | string | null }>(
      `SELECT COUNT(*) AS n, SUM(CASE WHEN e.outcome = 'completed' THEN 1 ELSE 0 END) AS done
       FROM enrollments e JOIN classes c ON c.id = e.class_id
       WHERE c.start_date BETWEEN ? AND ? AND c.state <> 'cancelled' AND e.status = 'enrolled'`,
      [from, to],
    );
    const [hours] = await this.query<{ h: number | string | null }>(`SELECT value AS h FROM year_tallies WHERE year = ? AND metric = 'classHours'`, [year]);
    return { year, classes: Number(classes.n), enrollments: Number(enrollments.n), completions: Number(enrollments.done ?? 0), hoursAwarded: Number(hours?.h ?? 0) };
  }

  async compliance(year: number, verified: number) {
    const rule = await this.credits.rule(year);
    const compliant = compliantSql('t', rule);
    const [row] = await this.query<{ n: number | string; ok: number | string | null }>(
      `SELECT COUNT(*) AS n, SUM(CASE WHEN ${compliant.sql} THEN 1 ELSE 0 END) AS ok FROM credit_year_totals t WHERE t.year = ? AND t.counted = ?`,
      [...compliant.replacements, year, true],
    );
    // Those counted with no hours that year have no row: compliant too when the rule asks for nothing.
    const withoutHours = verified - Number(row.n);
    const n = Number(row.ok ?? 0) + (assess({ earnedHours: 0, professionalHours: 0, publicHours: 0 }, rule).compliant ? withoutHours : 0);
    return { year, requiredHours: rule.requiredHours, minProfessionalHours: rule.minProfessionalHours, compliant: n, total: verified, rate: verified ? Math.round((n / verified) * 10000) / 10000 : 0 };
  }

  currentYear(): number {
    return Number(shanghaiDate(this.clock.now()).slice(0, 4));
  }

  async overview() {
    const year = this.currentYear();
    const counts = await this.talentCounts();
    const verified = counts.practitioners.verified;
    const growth = this.growth(counts.months);
    const [training, compliance] = await Promise.all([this.training(year), this.compliance(year, verified)]);
    const { months: _months, ...talent } = counts;
    void _months;
    return {
      target: { count: this.config.target.practitioners, year: this.config.target.year },
      ...talent,
      progress: Math.round((verified / this.config.target.practitioners) * 10000) / 10000,
      growth,
      projection: this.projection(growth, verified),
      training,
      compliance,
    };
  }

  /**
   * Verified practitioners short of the year's rule, with the hours they miss; by district too.
   * Those with no record at all for the year miss everything.
   */
  async shortfall(year: number, district: string | undefined, page: number, pageSize: number) {
    const rule = await this.credits.rule(year);
    const compliant = compliantSql('t', rule);
    const where = `${countsTowardTargetSql('p')} ${district ? 'AND p.district = ?' : ''} AND NOT ${compliant.sql}`;
    const args = [year, ...(district ? [district] : []), ...compliant.replacements];
    const from = 'FROM practitioners p LEFT JOIN credit_year_totals t ON t.practitioner_id = p.id AND t.year = ?';
    const [total] = await this.query<{ n: number | string }>(`SELECT COUNT(*) AS n ${from} WHERE ${where}`, args);
    const rows = await this.query<{ id: number; name: string; district: string; org_name: string; hours: number | null; professional_hours: number | null }>(
      `SELECT p.id, p.name, p.district, p.org_name, t.hours, t.professional_hours ${from} WHERE ${where} ORDER BY p.district, p.id LIMIT ? OFFSET ?`,
      [...args, pageSize, (page - 1) * pageSize],
    );
    const byDistrictRows = await this.query<{ district: string; n: number | string }>(`SELECT p.district, COUNT(*) AS n ${from} WHERE ${where} GROUP BY p.district`, args);
    const shortBy = new Map(byDistrictRows.map((r) => [r.district, Number(r.n)]));
    const counts = await this.talentCounts();
    return {
      year,
      requiredHours: rule.requiredHours,
      minProfessionalHours: rule.minProfessionalHours,
      total: Number(total.n),
      page,
      pageSize,
      items: rows.map((r) => {
        const earned = Number(r.hours ?? 0);
        const professional = Number(r.professional_hours ?? 0);
        const { missingHours, missingProfessionalHours } = assess({ earnedHours: earned, professionalHours: professional, publicHours: earned - professional }, rule);
        return {
          practitionerId: r.id,
          name: r.name,
          district: r.district,
          districtName: districtName(r.district) ?? r.district,
          orgName: r.org_name,
          earnedHours: earned,
          professionalHours: professional,
          missingHours,
          missingProfessionalHours,
        };
      }),
      byDistrict: counts.byDistrict
        .filter((d) => !district || d.code === district)
        .map((d) => ({ code: d.code, name: d.name, verified: d.count, short: shortBy.get(d.code) ?? 0 })),
    };
  }
}
