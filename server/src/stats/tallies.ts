import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../platform/db';
import { shanghaiDate } from '../platform/time';
import { addLine, noHours } from '../credits/compliance';
import { countsTowardTarget } from '../talent/counting';
import type { PractitionerChange, PractitionerSnapshot } from '../talent/service';

export const DIMENSIONS = ['district', 'orgType', 'category', 'titleLevel', 'tier', 'education', 'titleSeries', 'ipDegree'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** A tally cell's value: '' for a field not filled in (older records have no education), 1/0 for yes/no. */
export const tallyValue = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v));

interface TallyKey {
  dimension: string;
  value: string;
  status: string;
}

/** The tally cells one record counts in: its status overall, per dimension, and its month of verification. */
export function tallyKeys(p: PractitionerSnapshot): TallyKey[] {
  const keys: TallyKey[] = [{ dimension: 'all', value: '', status: p.status }];
  for (const d of DIMENSIONS) keys.push({ dimension: d, value: tallyValue(p[d]), status: p.status });
  // The 知识产权师 series on its own, by level (the dashboard shows it apart).
  if (p.titleSeries === 'ip') keys.push({ dimension: 'ipTitle', value: p.titleLevel, status: p.status });
  if (countsTowardTarget(p) && p.verifiedAt) keys.push({ dimension: 'verifiedMonth', value: shanghaiDate(new Date(p.verifiedAt)).slice(0, 7), status: 'verified' });
  return keys;
}

/**
 * Keeps the statistics' aggregates in step with the records, inside the transaction of each change:
 * called by the talent and credit models' hooks, so every write path is covered.
 */
export class StatTallies {
  constructor(private readonly db: Database) {}

  /** Adds to many tally cells in one statement; the cells in a fixed order (MariaDB takes the row locks in it: no deadlocks). */
  private async upsertTallies(cells: { key: TallyKey; n: number }[], transaction: Transaction | null) {
    const PER_STATEMENT = 500;
    for (let i = 0; i < cells.length; i += PER_STATEMENT) {
      const part = cells.slice(i, i + PER_STATEMENT);
      const values = part.map(() => '(?, ?, ?, ?)').join(', ');
      const sql =
        this.db.dialect === 'sqlite'
          ? `INSERT INTO talent_tallies (dimension, value, status, n) VALUES ${values} ON CONFLICT (dimension, value, status) DO UPDATE SET n = n + excluded.n`
          : `INSERT INTO talent_tallies (dimension, value, status, n) VALUES ${values} ON DUPLICATE KEY UPDATE n = n + VALUES(n)`;
      await this.db.sequelize.query(sql, { replacements: part.flatMap(({ key, n }) => [key.dimension, key.value, key.status, n]), transaction, type: QueryTypes.INSERT });
    }
  }

  /**
   * The tallies of a set of changes (one row, or every row of a bulk insert) added up first, so a batch
   * of 200 new records costs one statement rather than 200 × 7.
   */
  async onPractitionerChanges(changes: PractitionerChange[], transaction: Transaction | null): Promise<void> {
    const delta = new Map<string, { key: TallyKey; n: number }>();
    const add = (p: PractitionerSnapshot | null, sign: number) => {
      for (const key of p ? tallyKeys(p) : []) {
        const id = `${key.dimension}\u0000${key.value}\u0000${key.status}`;
        const cell = delta.get(id) ?? { key, n: 0 };
        cell.n += sign;
        delta.set(id, cell);
      }
    };
    for (const { before, after } of changes) {
      add(before, -1);
      add(after, +1);
    }
    const cells = [...delta.entries()].filter(([, c]) => c.n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (cells.length) await this.upsertTallies(cells.map(([, c]) => c), transaction);

    // A record that starts or stops counting carries its credit totals with it. A new record has none
    // (ids are never reused: AUTOINCREMENT on SQLite, InnoDB's persistent counter on MariaDB).
    const recount = new Map<boolean, number[]>([
      [true, []],
      [false, []],
    ]);
    for (const { before, after } of changes) {
      if (!before || before.id === null) continue;
      const isCounted = after !== null && countsTowardTarget(after);
      if (countsTowardTarget(before) !== isCounted) recount.get(isCounted)!.push(before.id);
    }
    for (const [counted, ids] of recount) {
      if (ids.length) await this.db.sequelize.query('UPDATE credit_year_totals SET counted = ? WHERE practitioner_id IN (?)', { replacements: [counted, ids], transaction, type: QueryTypes.UPDATE });
    }
  }

  async onCreditAward(
    record: { practitionerId: number; year: number; hours: number; category: string; source: string },
    transaction: Transaction | null,
  ): Promise<void> {
    const [person] = await this.db.sequelize.query<{ status: string }>('SELECT status FROM practitioners WHERE id = ?', {
      replacements: [record.practitionerId],
      transaction,
      type: QueryTypes.SELECT,
    });
    const counted = person !== undefined && countsTowardTarget(person);
    const { professionalHours: professional, classHours } = addLine(noHours(), record);
    const sql =
      this.db.dialect === 'sqlite'
        ? `INSERT INTO credit_year_totals (practitioner_id, year, hours, professional_hours, class_hours, counted) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (practitioner_id, year) DO UPDATE SET hours = hours + excluded.hours, professional_hours = professional_hours + excluded.professional_hours,
           class_hours = class_hours + excluded.class_hours, counted = excluded.counted`
        : `INSERT INTO credit_year_totals (practitioner_id, year, hours, professional_hours, class_hours, counted) VALUES (?, ?, ?, ?, ?, ?)
           ON DUPLICATE KEY UPDATE hours = hours + VALUES(hours), professional_hours = professional_hours + VALUES(professional_hours),
           class_hours = class_hours + VALUES(class_hours), counted = VALUES(counted)`;
    await this.db.sequelize.query(sql, { replacements: [record.practitionerId, record.year, record.hours, professional, classHours, counted], transaction, type: QueryTypes.INSERT });
    if (classHours) {
      const yearly =
        this.db.dialect === 'sqlite'
          ? `INSERT INTO year_tallies (year, metric, value) VALUES (?, 'classHours', ?) ON CONFLICT (year, metric) DO UPDATE SET value = value + excluded.value`
          : `INSERT INTO year_tallies (year, metric, value) VALUES (?, 'classHours', ?) ON DUPLICATE KEY UPDATE value = value + VALUES(value)`;
      await this.db.sequelize.query(yearly, { replacements: [record.year, classHours], transaction, type: QueryTypes.INSERT });
    }
  }
}
