import { zh } from '../../text/zh'
import { recentYears } from '../../utils/time'

/**
 * A 0..1 fraction as a percentage with at most one decimal: 0.1234 → '12.3'; below 1% two decimals,
 * so the first verified people do not read as 0% (0.0002 → '0.02').
 */
export function percent(fraction: number): string {
  const pct = fraction * 100
  if (pct > 0 && pct < 1) return String(Math.round(pct * 100) / 100)
  return String(Math.round(pct * 10) / 10)
}

/** 1234567.8 → '1,234,567.8' (grouped by hand: Intl is not everywhere in mini programs); at most `decimals` decimals, trailing zeros dropped. */
export function groupedNumber(value: number, decimals = 2): string {
  const [whole, fraction] = String(Math.round(value * 10 ** decimals) / 10 ** decimals).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return fraction ? `${grouped}.${fraction}` : grouped
}

/** Whole yuan as people read revenue: 12345000 → '1,234.5 万元'; below 1 万 in 元 (5000 → '5,000 元'). */
export function formatYuan(amountYuan: number): string {
  if (Math.abs(amountYuan) < 10000) return zh.agencies.yuan(groupedNumber(amountYuan, 0))
  return zh.agencies.wanYuan(groupedNumber(amountYuan / 10000, 2))
}

/** 元 for the dashboard's large sums: 亿元 from 1亿 (500000000 → '5 亿元'), else as formatYuan (万元, 元). */
export function yuanText(yuan: number): string {
  if (Math.abs(yuan) >= 1e8) return zh.office.yi(groupedNumber(yuan / 1e8, 2))
  return formatYuan(yuan)
}

/** The years a continuing-education statement is offered for, as 我的学时 offers them (`recentYears`). */
export function statementYears(): { value: string; label: string }[] {
  return recentYears().map((y) => ({ value: String(y), label: zh.statements.yearOption(y) }))
}
