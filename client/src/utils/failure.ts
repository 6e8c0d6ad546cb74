import { errorMessage, isApiError, signOut } from '../api'
import { goLogin } from './nav'

/**
 * A 401 means the session has expired: sign out and go to the sign-in page. True when that is what
 * happened (the caller then stops: nothing more to show on this page).
 */
export function leaveIfSessionExpired(e: unknown): boolean {
  if (!(isApiError(e) && e.status === 401)) return false
  signOut()
  goLogin()
  return true
}

/** What to tell the person about a failed call, or null when the session expired (see above). */
export function failureMessage(e: unknown): string | null {
  return leaveIfSessionExpired(e) ? null : errorMessage(e)
}
