import { useCallback, useEffect, useRef, useState } from 'react'
import type { DependencyList } from 'react'
import { useDidShow } from '@tarojs/taro'
import { isSignedIn } from '../api'
import { failureMessage } from '../utils/failure'
import { goLogin } from '../utils/nav'

export type Loaded<T> = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; data: T }

export interface SignedInDataOptions {
  /**
   * 'optional': a visitor without a token is not sent to sign in; the data is loaded for them too
   * (a public page that shows more to a signed-in person). Default 'required'.
   */
  signIn?: 'required' | 'optional'
}

/**
 * The data a signed-in page shows. Without a token the visitor goes to sign in (unless sign-in is
 * optional). The first load (and a retry) shows the spinner, then the data or an error; each time
 * the page is shown again (back from another page, where something may have changed) it refreshes
 * quietly, keeping what is on screen if that fails. The newest load wins; an expired session goes
 * to sign in. `update` changes the data on screen (say, one item the server has just returned)
 * until the next load replaces it.
 */
export function useSignedInData<T>(
  fetchData: () => Promise<T>,
  deps: DependencyList,
  options: SignedInDataOptions = {},
): { state: Loaded<T>; reload: (showSpinner?: boolean) => Promise<void>; update: (change: (data: T) => T) => void } {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' })
  // the newest load wins: an older answer (say, for the previous filter) arriving late is dropped
  const newest = useRef(0)
  const inFlight = useRef(0)
  // the caller's deps decide when fetchData changes (like useCallback)
  const fetcher = useCallback(fetchData, deps)
  const signInRequired = options.signIn !== 'optional'

  const reload = useCallback(
    async (showSpinner = true) => {
      if (signInRequired && !isSignedIn()) {
        goLogin()
        return
      }
      // a quiet refresh is not needed while a load is on its way
      if (!showSpinner && inFlight.current > 0) return
      const mine = ++newest.current
      inFlight.current += 1
      if (showSpinner) setState({ kind: 'loading' })
      try {
        const data = await fetcher()
        if (mine === newest.current) setState({ kind: 'ready', data })
      } catch (e) {
        if (mine !== newest.current) return
        const message = failureMessage(e)
        if (message !== null && showSpinner) setState({ kind: 'error', message })
      } finally {
        inFlight.current -= 1
      }
    },
    [fetcher, signInRequired],
  )

  const update = useCallback((change: (data: T) => T) => {
    setState((s) => (s.kind === 'ready' ? { kind: 'ready', data: change(s.data) } : s))
  }, [])

  useEffect(() => {
    void reload(true)
  }, [reload])

  useDidShow(() => {
    void reload(false)
  })

  return { state, reload, update }
}
