import { errorMessage, isApiError, signOut } from '../../api'
import { goLogin } from '../../utils/nav'

/** A 0..1 fraction as a percentage with at most one decimal: 0.1234 → '12.3'. */
export function percent(fraction: number): string {
  return String(Math.round(fraction * 1000) / 10)
}

/** A failed call's message; a 401 instead signs out and goes to the login page (then null). */
export function failure(e: unknown): string | null {
  if (isApiError(e) && e.status === 401) {
    signOut()
    goLogin()
    return null
  }
  return errorMessage(e)
}
