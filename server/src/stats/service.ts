import { QueryTypes } from 'sequelize';
import type { AgencyFigures } from '../agencies/schemas';
import type { Config } from '../config';
import { assess, compliantSql, yearTotalsSql } from '../credits/compliance';
import type { CreditService } from '../credits/service';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db';
import { shanghaiDate } from '../platform/time';
import { DISTRICTS, districtName } from '../reference/districts';
import { countsTowardTarget, countsTowardTargetSql } from '../talent/counting';
import { recordsAsOfSql } from '../talent/history';
import { CATEGORIES, EDUCATIONS, ORG_TYPES, TIERS, TITLE_LEVELS, TITLE_SERIES, titleName } from '../reference/vocabulary';

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

/**
 * Whose figures, and when: one district (district staff) or the whole city (null); as things are now
 * (`at` null) or as they stood at an instant (the end of a past year).
 */
export interface StatsScope {
  district: string | null;
  at: Date | null;
}

const VOCABULARIES = { orgType: ORG_TYPES, category: CATEGORIES, titleLevel: TITLE_LEVELS, tier: TIERS, education: EDUCATIONS, titleSeries: TITLE_SERIES } as const;
/** Records from before education and series were asked have neither: counted under 未填写. */
const OPTIONAL_DIMENSIONS = new Set(['education', 'titleSeries']);
const UNFILLED = { value: '', label: '未填写' };
/** The columns of the standing records behind each dimension. */
const STANDING_COLUMN = { district: 'district', orgType: 'org_type', category: 'category', titleLevel: 'title_level', tier: 'tier', education: 'education', titleSeries: 'title_series' } as const;

/** The first instant of a year in Asia/Shanghai: a report for year Y counts the records as they stood just before Y + 1 began. */
export const shanghaiYearStart = (year: number): Date => new Date(`${year}-01-01T00:00:00+08:00`);

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
/** The service agencies' figures of a scope (the agencies module's, handed in by modules.ts). */
export type AgencyFiguresPort = (district: string | null, past?: { year: number; at: Date }) => Promise<AgencyFigures>;

export class StatsService {
  constructor(
    private readonly db: Database,
    private readonly credits: CreditService,
    private readonly agencyFigures: AgencyFiguresPort,
    private readonly config: Config,
    private readonly clock: Clock,
  ) {}

  /** The agencies' figures of a scope: now, or (a past year's) those verified by its end with that year's revenue. */
  agencies(scope: StatsScope, year: number): Promise<AgencyFigures> {
    return this.agencyFigures(scope.district, scope.at ? { year, at: scope.at } : undefined);
  }

  private query<T extends object>(sql: string, replacements: unknown[] = []): Promise<T[]> {
    return this.db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
  }

  /**
   * Talent figures of a scope. The whole city now comes from the tallies (kept in step by the hooks);
   * a district, or a moment past, is counted from the records as they stood (talent's history).
   */
  async talentCounts(scope: StatsScope = { district: null, at: null }) {
    const verifiedBy: Record<string, Map<string, number>> = {};
    const byStatus: Record<string, number> = { verified: 0, pending: 0, rejected: 0, inactive: 0 };
    const months = new Map<string, number>();
    const add = (dimension: string, value: string | null, n: number) => {
      const cells = (verifiedBy[dimension] ??= new Map());
      cells.set(value ?? '', (cells.get(value ?? '') ?? 0) + n);
    };
    if (scope.district === null && scope.at === null) {
      for (const r of await this.query<TallyRow>('SELECT dimension, value, status, n FROM talent_tallies')) {
        const n = Number(r.n);
        if (r.dimension === 'all') byStatus[r.status] = (byStatus[r.status] ?? 0) + n;
        else if (r.dimension === 'verifiedMonth') months.set(r.value, n);
        else if (r.status === 'verified') add(r.dimension, r.value, n);
      }
    } else {
      const standing = recordsAsOfSql(scope.at, scope.district);
      const columns = Object.values(STANDING_COLUMN).join(', ');
      const groups = await this.query<Record<string, string | number | null> & { status: string; ip_degree: number | boolean; n: number | string }>(
        `SELECT status, ${columns}, ip_degree, COUNT(*) AS n FROM (${standing.sql}) p GROUP BY status, ${columns}, ip_degree`,
        standing.replacements,
      );
      for (const g of groups) {
        const n = Number(g.n);
        byStatus[g.status] = (byStatus[g.status] ?? 0) + n;
        if (!countsTowardTarget(g)) continue;
        for (const [dimension, column] of Object.entries(STANDING_COLUMN)) add(dimension, g[column] === null ? null : String(g[column]), n);
        add('ipDegree', Number(g.ip_degree) ? '1' : '0', n);
        if (g.title_series === 'ip') add('ipTitle', String(g.title_level), n);
      }
      // Months are Shanghai months, which SQL dialects spell differently: bucketed here.
      for (const r of await this.query<{ verified_at: string | Date }>(`SELECT p.verified_at FROM (${standing.sql}) p WHERE ${countsTowardTargetSql('p')} AND p.verified_at IS NOT NULL`, standing.replacements)) {
        const month = shanghaiDate(new Date(r.verified_at)).slice(0, 7);
        months.set(month, (months.get(month) ?? 0) + 1);
      }
    }
    const count = (dimension: string, value: string) => verifiedBy[dimension]?.get(value) ?? 0;
    const districts = scope.district ? DISTRICTS.filter((d) => d.code === scope.district) : DISTRICTS;
    const breakdown = (dimension: keyof typeof VOCABULARIES): Breakdown[] => [
      ...VOCABULARIES[dimension].options.map((o) => ({ value: o.value, label: o.label, count: count(dimension, o.value) })),
      ...(OPTIONAL_DIMENSIONS.has(dimension) ? [{ ...UNFILLED, count: count(dimension, '') }] : []),
    ];
    return {
      practitioners: { ...byStatus, total: Object.values(byStatus).reduce((a, b) => a + b, 0) } as { verified: number; pending: number; rejected: number; inactive: number; total: number },
      byDistrict: districts.map((d) => ({ code: d.code, name: d.name, count: count('district', d.code) })),
      byOrgType: breakdown('orgType'),
      byCategory: breakdown('category'),
      byTitleLevel: breakdown('titleLevel'),
      byTier: breakdown('tier'),
      byEducation: breakdown('education'),
      ipDegree: count('ipDegree', '1'),
      byTitleSeries: breakdown('titleSeries'),
      /** The 知识产权师 series on its own, by level. */
      ipSeriesTitles: TITLE_LEVELS.options.filter((o) => o.value !== 'none').map((o) => ({ value: o.value, label: titleName('ip', o.value) ?? o.label, count: count('ipTitle', o.value) })),
      months,
    };
  }

  /** Newly verified per month (of those counted) and the running total, up to `endMonth` (default: this month). */
  growth(months: Map<string, number>, span = 24, endMonth = shanghaiDate(this.clock.now()).slice(0, 7)) {
    const first = addMonths(endMonth, -(span - 1));
    let cumulative = [...months].filter(([m]) => m < first).reduce((a, [, n]) => a + n, 0);
    const out: { month: string; newVerified: number; cumulative: number }[] = [];
    for (let i = 0; i < span; i++) {
      const month = addMonths(first, i);
      const n = months.get(month) ?? 0;
      cumulative += n;
      out.push({ month, newVerified: n, cumulative });
    }
    // Records verified "in the future" (clock skew, imports) still count in the total.
    const later = [...months].filter(([m]) => m > endMonth).reduce((a, [, n]) => a + n, 0);
    if (later) out[out.length - 1].cumulative += later;
    return out;
  }

  /** The pace of the last 12 months, and when the target is reached at that pace (null if never). */
  projection(growth: { newVerified: number }[], verified: number) {
    return projectReach(growth, verified, this.config.target.practitioners, shanghaiDate(this.clock.now()));
  }

  /**
   * Classes of the year and the sign-ups, completions and class hours in them: the whole city's, or
   * those of one district's practitioners. For a moment past (`at`), hours recorded after it are left out.
   */
  async training(year: number, scope: StatsScope = { district: null, at: null }) {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const byDistrict = scope.district ? 'AND e.practitioner_id IN (SELECT id FROM practitioners WHERE district = ?)' : '';
    const districtArgs = scope.district ? [scope.district] : [];
    const [classes] = scope.district
      ? await this.query<{ n: number | string }>(
          `SELECT COUNT(DISTINCT c.id) AS n FROM classes c JOIN enrollments e ON e.class_id = c.id WHERE c.start_date BETWEEN ? AND ? AND c.state <> 'cancelled' AND e.status = 'enrolled' ${byDistrict}`,
          [from, to, ...districtArgs],
        )
      : await this.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM classes WHERE start_date BETWEEN ? AND ? AND state <> 'cancelled'`, [from, to]);
    const [enrollments] = await this.query<{ n: number | string; done: number | string | null }>(
      `SELECT COUNT(*) AS n, SUM(CASE WHEN e.outcome = 'completed' THEN 1 ELSE 0 END) AS done
       FROM enrollments e JOIN classes c ON c.id = e.class_id
       WHERE c.start_date BETWEEN ? AND ? AND c.state <> 'cancelled' AND e.status = 'enrolled' ${byDistrict}`,
      [from, to, ...districtArgs],
    );
    let hoursAwarded: number;
    if (scope.district === null && scope.at === null) {
      const [hours] = await this.query<{ h: number | string | null }>(`SELECT value AS h FROM year_tallies WHERE year = ? AND metric = 'classHours'`, [year]);
      hoursAwarded = Number(hours?.h ?? 0);
    } else {
      const sum = yearTotalsSql('r');
      const [hours] = await this.query<{ h: number | string | null }>(
        `SELECT ${sum.classHours} AS h FROM credit_records r WHERE r.year = ?
         ${scope.district ? 'AND r.practitioner_id IN (SELECT id FROM practitioners WHERE district = ?)' : ''} ${scope.at ? 'AND r.created_at < ?' : ''}`,
        [year, ...districtArgs, ...(scope.at ? [scope.at] : [])],
      );
      hoursAwarded = Number(hours?.h ?? 0);
    }
    return { year, classes: Number(classes.n), enrollments: Number(enrollments.n), completions: Number(enrollments.done ?? 0), hoursAwarded };
  }

  /**
   * Of those counted (`verified` of them), how many meet the year's rule. The whole city now reads the
   * per-person year totals; a district or a moment past sums the ledger lines of the records as they
   * stood (recorded by then).
   */
  async compliance(year: number, verified: number, scope: StatsScope = { district: null, at: null }) {
    const rule = await this.credits.rule(year);
    const compliant = compliantSql('t', rule);
    let n: number;
    if (scope.district === null && scope.at === null) {
      const [row] = await this.query<{ n: number | string; ok: number | string | null }>(
        `SELECT COUNT(*) AS n, SUM(CASE WHEN ${compliant.sql} THEN 1 ELSE 0 END) AS ok FROM credit_year_totals t WHERE t.year = ? AND t.counted = ?`,
        [...compliant.replacements, year, true],
      );
      // Those counted with no hours that year have no row: compliant too when the rule asks for nothing.
      const withoutHours = verified - Number(row.n);
      n = Number(row.ok ?? 0) + (assess({ earnedHours: 0, professionalHours: 0, publicHours: 0 }, rule).compliant ? withoutHours : 0);
    } else {
      n = [...(await this.compliantByDistrict(year, scope)).values()].reduce((a, b) => a + b, 0);
    }
    return { year, requiredHours: rule.requiredHours, minProfessionalHours: rule.minProfessionalHours, compliant: n, total: verified, rate: verified ? Math.round((n / verified) * 10000) / 10000 : 0 };
  }

  /** Per district: of those counted in the scope, how many meet the year's rule (by the ledger lines, recorded by `at`). */
  async compliantByDistrict(year: number, scope: StatsScope): Promise<Map<string, number>> {
    const rule = await this.credits.rule(year);
    const compliant = compliantSql('t', rule);
    const standing = recordsAsOfSql(scope.at, scope.district);
    const sum = yearTotalsSql('r');
    // Now: the per-person year totals. At a moment past: the ledger lines recorded by then (of the
    // district's people only, when it is one district).
    const hours = scope.at
      ? `(SELECT r.practitioner_id, ${sum.hours} AS hours, ${sum.professionalHours} AS professional_hours FROM credit_records r
          WHERE r.year = ? AND r.created_at < ? ${scope.district ? 'AND r.practitioner_id IN (SELECT practitioner_id FROM practitioner_versions WHERE district = ?)' : ''} GROUP BY r.practitioner_id)`
      : '(SELECT practitioner_id, hours, professional_hours FROM credit_year_totals WHERE year = ?)';
    const hourArgs = scope.at ? [year, scope.at, ...(scope.district ? [scope.district] : [])] : [year];
    const rows = await this.query<{ district: string; ok: number | string | null }>(
      `SELECT p.district, SUM(CASE WHEN ${compliant.sql} THEN 1 ELSE 0 END) AS ok
       FROM (${standing.sql}) p
       LEFT JOIN ${hours} t ON t.practitioner_id = p.practitioner_id
       WHERE ${countsTowardTargetSql('p')} GROUP BY p.district`,
      [...compliant.replacements, ...standing.replacements, ...hourArgs],
    );
    return new Map(rows.map((r) => [r.district, Number(r.ok ?? 0)]));
  }

  currentYear(): number {
    return Number(shanghaiDate(this.clock.now()).slice(0, 4));
  }

  /** The scope of figures for a year: a past year is counted as it stood at its end; this year (or a later one) as it is now. */
  scopeOf(district: string | null, year: number | undefined): StatsScope {
    return { district, at: year !== undefined && year < this.currentYear() ? shanghaiYearStart(year + 1) : null };
  }

  /** The dashboard: the city's or a district's, now or at the end of a past year (`year`). */
  async overview(district: string | null = null, year?: number) {
    const scope = this.scopeOf(district, year);
    const figureYear = scope.at ? year! : this.currentYear();
    const counts = await this.talentCounts(scope);
    const verified = counts.practitioners.verified;
    const growth = this.growth(counts.months, 24, scope.at ? `${figureYear}-12` : undefined);
    const [training, compliance, agencies] = await Promise.all([this.training(figureYear, scope), this.compliance(figureYear, verified, scope), this.agencies(scope, figureYear)]);
    const { months: _months, ...talent } = counts;
    void _months;
    return {
      target: { count: this.config.target.practitioners, year: this.config.target.year },
      scope: { district, districtName: district ? districtName(district) ?? district : null, year: figureYear, asOf: scope.at },
      ...talent,
      progress: Math.round((verified / this.config.target.practitioners) * 10000) / 10000,
      growth,
      projection: scope.at ? { monthlyRate: this.projection(growth, verified).monthlyRate, projectedReachDate: null } : this.projection(growth, verified),
      training,
      compliance,
      agencies,
    };
  }

  /**
   * 区县排行: per district, the verified count, the growth of the last 12 months, this year's
   * compliance rate and the verified service agencies; for the city office's league table.
   */
  async districtLeague() {
    const year = this.currentYear();
    const [counts, agencies] = await Promise.all([this.talentCounts(), this.agencyFigures(null)]);
    const agenciesIn = new Map(agencies.byDistrict.map((d) => [d.code, d.count]));
    const since = new Date(this.clock.now().getTime() - 365 * 86400_000);
    const grown = new Map(
      (await this.query<{ district: string; n: number | string }>(`SELECT p.district, COUNT(*) AS n FROM practitioners p WHERE ${countsTowardTargetSql('p')} AND p.verified_at >= ? GROUP BY p.district`, [since])).map((r) => [r.district, Number(r.n)]),
    );
    const rule = await this.credits.rule(year);
    const compliant = compliantSql('t', rule);
    const ok = new Map(
      (
        await this.query<{ district: string; ok: number | string | null }>(
          `SELECT p.district, SUM(CASE WHEN ${compliant.sql} THEN 1 ELSE 0 END) AS ok FROM practitioners p LEFT JOIN credit_year_totals t ON t.practitioner_id = p.id AND t.year = ?
           WHERE ${countsTowardTargetSql('p')} GROUP BY p.district`,
          [...compliant.replacements, year],
        )
      ).map((r) => [r.district, Number(r.ok ?? 0)]),
    );
    return {
      year,
      items: counts.byDistrict.map((d) => ({
        code: d.code,
        name: d.name,
        verified: d.count,
        growth12Months: grown.get(d.code) ?? 0,
        compliant: ok.get(d.code) ?? 0,
        complianceRate: d.count ? Math.round(((ok.get(d.code) ?? 0) / d.count) * 10000) / 10000 : 0,
        agencies: agenciesIn.get(d.code) ?? 0,
      })),
    };
  }

  /**
   * Verified practitioners with an account who are short of the year's rule, after `afterId` by id
   * (a job walks them in batches): whom the 学时不足 reminder tells.
   */
  async shortOfRuleWithAccounts(year: number, afterId: number, limit: number) {
    const rule = await this.credits.rule(year);
    const compliant = compliantSql('t', rule);
    const rows = await this.query<{ id: number; user_id: number; hours: number | null; professional_hours: number | null }>(
      `SELECT p.id, p.user_id, t.hours, t.professional_hours FROM practitioners p LEFT JOIN credit_year_totals t ON t.practitioner_id = p.id AND t.year = ?
       WHERE ${countsTowardTargetSql('p')} AND p.user_id IS NOT NULL AND p.id > ? AND NOT ${compliant.sql} ORDER BY p.id LIMIT ?`,
      [year, afterId, ...compliant.replacements, limit],
    );
    return {
      rule,
      people: rows.map((r) => ({ practitionerId: r.id, userId: r.user_id, earnedHours: Number(r.hours ?? 0), professionalHours: Number(r.professional_hours ?? 0) })),
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
    const counts = await this.talentCounts({ district: district ?? null, at: null });
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
      byDistrict: counts.byDistrict.map((d) => ({ code: d.code, name: d.name, verified: d.count, short: shortBy.get(d.code) ?? 0 })),
    };
  }
}
