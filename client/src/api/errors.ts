import { zh } from '../text/zh'
import type { ErrorDetail } from './types'

/** Client-side code for "the request never got an HTTP answer". */
export const NETWORK_ERROR = 'NETWORK_ERROR'

/**
 * Every failed call throws this. `message` is what to show a person: the server's own
 * (Chinese) message when it sent one, else a Chinese fallback for the code.
 */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: ErrorDetail[]

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message)
    // keep instanceof working when classes are down-levelled to ES5 (weapp build)
    Object.setPrototypeOf(this, ApiError.prototype)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }

  /** Per-field messages keyed by the top-level field name ('ipFields.0' → 'ipFields'). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const d of this.details) {
      const key = String(d.path ?? '').split(/[.[]/)[0]
      if (key && !(key in out)) out[key] = d.message
    }
    return out
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ApiError')
}

const STATUS_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
}

export function fallbackMessage(code: string): string {
  if (code === NETWORK_ERROR) return zh.errors.NETWORK
  return zh.errors[code] ?? zh.errors.UNKNOWN
}

/** Builds an ApiError from an HTTP status and whatever body came back. */
export function toApiError(status: number, body: unknown): ApiError {
  const err = (body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined) as
    | { code?: unknown; message?: unknown; details?: unknown }
    | undefined
  const code =
    typeof err?.code === 'string' && err.code
      ? err.code
      : STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'UNKNOWN')
  const message = typeof err?.message === 'string' && err.message.trim() ? err.message : fallbackMessage(code)
  const details = Array.isArray(err?.details)
    ? (err!.details as unknown[])
        .filter((d): d is ErrorDetail => !!d && typeof d === 'object' && typeof (d as ErrorDetail).message === 'string')
        .map((d) => ({ path: String(d.path ?? ''), message: d.message }))
    : []
  return new ApiError(status, code, message, details)
}

/** A message to show for any thrown value. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) return e.message
  return zh.errors.UNKNOWN
}
