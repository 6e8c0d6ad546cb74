import { useCallback, useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { errorMessage, isApiError } from '../api'

/** A public page's look-up of a code: loading, found, not found (404), or failed (with retry). */
export type CodeLookup<T> = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'notFound' } | { kind: 'ready'; found: T }

/** The `code` page parameter as the server writes codes: decoded, trimmed, upper case; '' when missing. */
export function paramCode(raw: string | undefined): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw).trim().toUpperCase()
  } catch {
    return raw.trim().toUpperCase()
  }
}

/**
 * The public verify pages (certificates, statements): looks the page's `code` up once with `find`,
 * no sign-in; `reload` tries again after a failure.
 */
export function useCodeLookup<T>(find: (code: string) => Promise<T>): { code: string; state: CodeLookup<T>; reload: () => Promise<void> } {
  const code = paramCode(useRouter().params?.code)
  const [state, setState] = useState<CodeLookup<T>>({ kind: 'loading' })
  const reload = useCallback(async () => {
    if (!code) return
    setState({ kind: 'loading' })
    try {
      setState({ kind: 'ready', found: await find(code) })
    } catch (e) {
      if (isApiError(e) && e.status === 404) setState({ kind: 'notFound' })
      else setState({ kind: 'error', message: errorMessage(e) })
    }
    // `find` is a module function of the page: the code alone decides what to load
  }, [code])
  useEffect(() => {
    void reload()
  }, [reload])
  return { code, state, reload }
}
