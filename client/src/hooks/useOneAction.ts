import { useCallback, useRef, useState } from 'react'

/**
 * One action at a time on a page: a second tap while one runs is ignored (a double tap must not
 * send twice). `busy` names the running action for its button; `running` lets a caller check before
 * asking for confirmation.
 */
export function useOneAction<K extends string | number = string>() {
  const [busy, setBusy] = useState<K | null>(null)
  const running = useRef(false)
  const run = useCallback(async (what: K, work: () => Promise<void>): Promise<void> => {
    if (running.current) return
    running.current = true
    setBusy(what)
    try {
      await work()
    } finally {
      running.current = false
      setBusy(null)
    }
  }, [])
  return { busy, run, running }
}
