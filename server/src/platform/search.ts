/**
 * A LIKE pattern for "contains q". The wildcards are dropped rather than escaped (SQLite and MariaDB
 * escape them differently, and names do not hold them); null when nothing is left to look for, which
 * the caller treats as matching nothing — a search for "%" is not a search for everything.
 */
export function containsPattern(q: string): string | null {
  const text = q.replace(/[\\%_]/g, '');
  return text.trim() === '' ? null : `%${text}%`;
}
