import type { ClassRow } from './models';

/**
 * A past class (往期开班): cancelled, completed, or its last day is before today in Asia/Shanghai
 * (`today` is `shanghaiDate(now)`). Every other class is current: running now or still to come.
 * `pastClassSql` is its twin inside SQL (the list's `when` filter and its order); a test shows the two agree.
 */
export function isPastClass(row: Pick<ClassRow, 'state' | 'endDate'>, today: string): boolean {
  return row.state === 'cancelled' || row.state === 'completed' || row.endDate < today;
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `isPastClass` as a SQL condition on the classes table (portable: SQLite and MariaDB compare
 * DATEONLY columns with a 'YYYY-MM-DD' string alike). `today` is checked, never interpolated unchecked.
 */
export function pastClassSql(today: string): string {
  if (!CALENDAR_DATE.test(today)) throw new Error(`not a calendar date: ${today}`);
  return `(state IN ('cancelled', 'completed') OR end_date < '${today}')`;
}
