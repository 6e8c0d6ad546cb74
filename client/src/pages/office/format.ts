/**
 * A 0..1 fraction as a percentage with at most one decimal: 0.1234 → '12.3'; below 1% two decimals,
 * so the first verified people do not read as 0% (0.0002 → '0.02').
 */
export function percent(fraction: number): string {
  const pct = fraction * 100
  if (pct > 0 && pct < 1) return String(Math.round(pct * 100) / 100)
  return String(Math.round(pct * 10) / 10)
}
