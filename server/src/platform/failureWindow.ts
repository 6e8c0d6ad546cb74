/**
 * The sliding-window lockout shared by sign-in and typed check-in codes: at `limit` failures within
 * `windowMs` the subject is locked until enough failures age out of the window to leave fewer than
 * the limit. Pure: callers keep the failure times in their own table.
 */
export function lockedForSeconds(failureTimes: Date[], limit: number, windowMs: number, now: Date): number | null {
  const since = now.getTime() - windowMs;
  const recent = failureTimes
    .map((d) => d.getTime())
    .filter((t) => t > since)
    .sort((a, b) => a - b);
  if (recent.length < limit) return null;
  const unlocksAt = recent[recent.length - limit] + windowMs;
  return (unlocksAt - now.getTime()) / 1000;
}
