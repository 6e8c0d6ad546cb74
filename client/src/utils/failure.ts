import { errorMessage, isApiError, signOut } from '../api'
import { goChangePasswordFirst, goLogin } from './nav'

/** The server's code for "a temporary password is in use: change it before anything else" (403). */
export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED'

/**
 * Where a signed-in page cannot go on, the person leaves it, handled here for every page: a 401 means
 * the session has expired (sign out, go to sign in); a 403 PASSWORD_CHANGE_REQUIRED means an admin
 * issued a temporary password that must be changed first (go to the password page, which says so).
 * True when that is what happened (the caller then stops: nothing more to show on this page).
 */
export function leaveIfSessionExpired(e: unknown): boolean {
  if (!isApiError(e)) return false
  if (e.status === 401) {
    signOut()
    goLogin()
    return true
  }
  if (e.status === 403 && e.code === PASSWORD_CHANGE_REQUIRED) {
    goChangePasswordFirst()
    return true
  }
  return false
}

/** What to tell the person about a failed call, or null when they were sent elsewhere (see above). */
export function failureMessage(e: unknown): string | null {
  return leaveIfSessionExpired(e) ? null : errorMessage(e)
}
