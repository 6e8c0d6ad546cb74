/**
 * The server's clock as seen through the HTTP Date header of its answers. Used only to schedule
 * things relative to server timestamps (e.g. fetch a new check-in token before `expiresAt`) on a
 * device whose clock is off.
 */
let offsetMs = 0

/** Remembers server time − device time from a response's headers (any shape; silently ignores junk). */
export function noteServerDate(header: unknown): void {
  if (!header || typeof header !== 'object') return
  const key = Object.keys(header).find((k) => k.toLowerCase() === 'date')
  if (!key) return
  const at = Date.parse(String((header as Record<string, unknown>)[key]))
  if (Number.isNaN(at)) return
  // the header has whole seconds: the middle of that second is the best guess
  offsetMs = at + 500 - Date.now()
}

/** Milliseconds since the epoch on the server's clock (the device's clock when nothing is known). */
export function serverNow(): number {
  return Date.now() + offsetMs
}

/** For tests. */
export function resetServerClock(): void {
  offsetMs = 0
}
