import { QueryTypes } from 'sequelize';
import { addLine, noHours, type YearTotals } from '../credits/compliance';
import type { Database } from '../platform/db';
import { shanghaiDate } from '../platform/time';
import { countsTowardTarget, countsTowardTargetSql } from '../talent/counting';

export interface RecountDifference {
  table: 'talent_tallies' | 'credit_year_totals' | 'year_tallies' | 'practitioner_versions';
  key: string;
  stored: number | string;
  recounted: number | string;
}

/** The practitioners column behind each tally dimension. */
const DIMENSION_COLUMNS = {
  district: 'district',
  orgType: 'org_type',
  category: 'category',
  titleLevel: 'title_level',
  tier: 'tier',
  education: "COALESCE(education, '')",
  titleSeries: "COALESCE(title_series, '')",
  ipDegree: "CASE WHEN ip_degree THEN '1' ELSE '0' END",
} as const;

/** Ledger lines are read in pages of this many, so a million of them never sit in memory at once. */
const LEDGER_PAGE = 20_000;

type Select = <T extends object>(sql: string, replacements?: unknown[]) => Promise<T[]>;

/**
 * The talent tallies counted again by GROUP BY over the records: a route of its own, sharing nothing
 * with `tallyKeys`, which the model hooks and `rebuildAggregates` keep them with.
 */
async function talentCells(select: Select): Promise<Map<string, number>> {
  const cells = new Map<string, number>();
  const add = (key: string, n: number | string) => cells.set(key, (cells.get(key) ?? 0) + Number(n));
  for (const r of await select<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM practitioners GROUP BY status')) add(`all||${r.status}`, r.n);
  for (const [dimension, column] of Object.entries(DIMENSION_COLUMNS)) {
    for (const r of await select<{ value: string; status: string; n: number }>(`SELECT ${column} AS value, status, COUNT(*) AS n FROM practitioners GROUP BY 1, status`)) {
      add(`${dimension}|${r.value}|${r.status}`, r.n);
    }
  }
  for (const r of await select<{ value: string; status: string; n: number }>(`SELECT title_level AS value, status, COUNT(*) AS n FROM practitioners WHERE title_series = 'ip' GROUP BY title_level, status`)) {
    add(`ipTitle|${r.value}|${r.status}`, r.n);
  }
  // Months are Shanghai months, which SQL dialects spell differently: bucketed here from the raw dates.
  for (const r of await select<{ verified_at: string | Date }>(`SELECT p.verified_at FROM practitioners p WHERE ${countsTowardTargetSql('p')} AND p.verified_at IS NOT NULL`)) {
    add(`verifiedMonth|${shanghaiDate(new Date(r.verified_at)).slice(0, 7)}|verified`, 1);
  }
  return cells;
}

/**
 * Per-person year totals and the yearly class hours summed line by line with the credits module's own
 * functions (`addLine`, `countsTowardTarget`), not the SQL twins that `rebuildAggregates` writes with.
 */
async function ledgerTotals(select: Select) {
  const counted = new Map<number, boolean>();
  for (const p of await select<{ id: number; status: string }>('SELECT id, status FROM practitioners')) counted.set(Number(p.id), countsTowardTarget(p));
  const totals = new Map<string, YearTotals>();
  const years = new Map<string, YearTotals>();
  for (let after = 0; ; ) {
    const lines = await select<{ id: number; practitioner_id: number; year: number; hours: number; category: string; source: string }>(
      'SELECT id, practitioner_id, year, hours, category, source FROM credit_records WHERE id > ? ORDER BY id LIMIT ?',
      [after, LEDGER_PAGE],
    );
    for (const line of lines) {
      const key = `${line.practitioner_id}|${line.year}`;
      const entry = { hours: Number(line.hours), category: line.category, source: line.source };
      totals.set(key, addLine(totals.get(key) ?? noHours(), entry));
      years.set(String(line.year), addLine(years.get(String(line.year)) ?? noHours(), entry));
    }
    if (lines.length < LEDGER_PAGE) break;
    after = Number(lines[lines.length - 1].id);
  }
  const formatted = new Map<string, string>();
  for (const [key, t] of totals) {
    const practitionerId = Number(key.split('|')[0]);
    formatted.set(key, formatTotals(t.earnedHours, t.professionalHours, t.classHours, counted.get(practitionerId) ?? false));
  }
  return { totals: formatted, classHours: new Map([...years].map(([year, t]) => [year, t.classHours])) };
}

/**
 * Talent's history against the records: each record's latest version must say what the record says
 * now (a write path that skipped the hooks would leave a past year's report wrong without a trace).
 */
async function historyDrift(select: Select): Promise<RecountDifference[]> {
  const fields = 'status, district, org_type, category, title_level, tier, education, title_series, ip_degree, verified_at';
  const line = (r: Record<string, unknown>) =>
    fields
      .split(', ')
      .map((f) => (f === 'verified_at' ? (r[f] ? new Date(r[f] as string).getTime() : '') : f === 'ip_degree' ? Number(r[f]) : (r[f] ?? '')))
      .join('/');
  const now = new Map((await select<Record<string, unknown>>(`SELECT id, ${fields} FROM practitioners`)).map((r) => [String(r.id), line(r)]));
  const latest = new Map(
    (await select<Record<string, unknown>>(`SELECT v.practitioner_id AS id, ${fields.split(', ').map((f) => `v.${f}`).join(', ')} FROM practitioner_versions v JOIN (SELECT MAX(id) AS id FROM practitioner_versions GROUP BY practitioner_id) l ON l.id = v.id WHERE v.status <> 'removed'`)).map((r) => [
      String(r.id),
      line(r),
    ]),
  );
  return compare('practitioner_versions', latest, now, '(none)');
}

const formatTotals = (hours: number, professional: number, classHours: number, counted: boolean) => `${hours}/${professional}/${classHours}/${counted ? 1 : 0}`;

function compare(table: RecountDifference['table'], stored: Map<string, number | string>, recounted: Map<string, number | string>, none: number | string): RecountDifference[] {
  const differences: RecountDifference[] = [];
  for (const key of new Set([...recounted.keys(), ...stored.keys()])) {
    const s = stored.get(key) ?? none;
    const r = recounted.get(key) ?? none;
    if (s !== r) differences.push({ table, key, stored: s, recounted: r });
  }
  return differences;
}

/**
 * Recomputes every aggregate from the raw rows, by routes independent of the code that maintains
 * them, and lists where the stored aggregates differ. An empty list means the dashboard and the
 * records agree to the person.
 */
export async function recount(db: Database): Promise<RecountDifference[]> {
  const select: Select = (sql, replacements = []) => db.sequelize.query(sql, { replacements, type: QueryTypes.SELECT });

  const storedCells = new Map<string, number>();
  for (const r of await select<{ dimension: string; value: string; status: string; n: number | string }>('SELECT dimension, value, status, n FROM talent_tallies')) {
    if (Number(r.n) !== 0) storedCells.set(`${r.dimension}|${r.value}|${r.status}`, Number(r.n));
  }

  const ledger = await ledgerTotals(select);
  const storedTotals = new Map(
    (await select<{ practitioner_id: number; year: number; hours: number; professional_hours: number; class_hours: number; counted: number | boolean }>('SELECT * FROM credit_year_totals')).map((r) => [
      `${r.practitioner_id}|${r.year}`,
      formatTotals(Number(r.hours), Number(r.professional_hours), Number(r.class_hours), Boolean(Number(r.counted))),
    ]),
  );
  const storedHours = new Map(
    (await select<{ year: number; value: number }>(`SELECT year, value FROM year_tallies WHERE metric = 'classHours'`)).filter((r) => Number(r.value) !== 0).map((r) => [String(r.year), Number(r.value)]),
  );
  const recountedHours = new Map([...ledger.classHours].filter(([, h]) => h !== 0));

  return [
    ...compare('talent_tallies', storedCells, await talentCells(select), 0),
    ...compare('credit_year_totals', storedTotals, ledger.totals, '(none)'),
    ...compare('year_tallies', storedHours, recountedHours, 0),
    ...(await historyDrift(select)),
  ].map((d) => (d.table === 'year_tallies' ? { ...d, key: `${d.key}|classHours` } : d));
}
