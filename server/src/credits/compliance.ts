import type { CreditCategory, CreditSource } from './models';

/**
 * 达标 — the continuing-education rule, each part a small pure function with its SQL twin beside it.
 * The statistics run the rule inside SQL (over credit_records and credit_year_totals); the twins are
 * the only SQL spelling of it, and `test/complianceTwins.test.ts` shows over generated ledgers that
 * function and twin always agree.
 */

export interface RuleHours {
  requiredHours: number;
  minProfessionalHours: number;
}

export interface CreditTotals {
  earnedHours: number;
  professionalHours: number;
  publicHours: number;
}

export interface YearTotals extends CreditTotals {
  /** Hours from completed classes of the training base (the dashboard's "hours awarded"). */
  classHours: number;
}

export interface LedgerLine {
  hours: number;
  category: CreditCategory | string;
  source: CreditSource | string;
}

export const noHours = (): YearTotals => ({ earnedHours: 0, professionalHours: 0, publicHours: 0, classHours: 0 });

/** What one ledger line adds to its year's totals (adjustments may be negative). */
export function addLine(totals: YearTotals, line: LedgerLine): YearTotals {
  const professional = line.category === 'professional';
  return {
    earnedHours: totals.earnedHours + line.hours,
    professionalHours: totals.professionalHours + (professional ? line.hours : 0),
    publicHours: totals.publicHours + (professional ? 0 : line.hours),
    classHours: totals.classHours + (line.source === 'class' ? line.hours : 0),
  };
}

export const yearTotals = (lines: LedgerLine[]): YearTotals => lines.reduce(addLine, noHours());

/** `addLine` summed in SQL over credit_records aliased `r`, for a GROUP BY practitioner and year. */
export const yearTotalsSql = (r: string) => ({
  hours: `SUM(${r}.hours)`,
  professionalHours: `SUM(CASE WHEN ${r}.category = 'professional' THEN ${r}.hours ELSE 0 END)`,
  classHours: `SUM(CASE WHEN ${r}.source = 'class' THEN ${r}.hours ELSE 0 END)`,
});

/** The compliance arithmetic: totals against a rule. */
export function assess(totals: CreditTotals, rule: RuleHours) {
  const missingHours = Math.max(0, rule.requiredHours - totals.earnedHours);
  const missingProfessionalHours = Math.max(0, rule.minProfessionalHours - totals.professionalHours);
  return { missingHours, missingProfessionalHours, compliant: missingHours === 0 && missingProfessionalHours === 0 };
}

/**
 * `assess(...).compliant` in SQL, over a credit_year_totals row aliased `t` that may be missing (a LEFT
 * JOIN for someone with no hours that year, who has earned nothing).
 */
export function compliantSql(t: string, rule: RuleHours): { sql: string; replacements: number[] } {
  return {
    sql: `(COALESCE(${t}.hours, 0) >= ? AND COALESCE(${t}.professional_hours, 0) >= ?)`,
    replacements: [rule.requiredHours, rule.minProfessionalHours],
  };
}
