import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { Notice } from '../components/NoticeText'
import { failureMessage } from '../utils/failure'
import { useOneAction } from './useOneAction'

/** The words of a review page (人才档案, 服务机构): zh.office and zh.agencies both have them. */
export interface ReviewText {
  reasonRequired: string
  rejectedDone: string
  deactivateTitle: string
  deactivateContent: (name: string) => string
  deactivateConfirm: string
  cancel: string
  deactivated: string
}

/**
 * The office's review of one record: actions run one at a time (useOneAction), each ending in a
 * notice and a quiet reload; 不通过 asks for a reason first, 停用 for a confirmation.
 */
export function useReviewActions<A extends string>(
  text: ReviewText,
  reload: (showLoading?: boolean) => Promise<unknown>,
  calls: { reject: (reason: string) => Promise<unknown>; deactivate: () => Promise<unknown> },
) {
  const [notice, setNotice] = useState<Notice | null>(null)
  const { busy, run, running } = useOneAction<A | 'reject' | 'deactivate'>()
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')

  /** Runs one action; on success shows `done` and reloads the record. */
  const act = async (action: A | 'reject' | 'deactivate', call: () => Promise<unknown>, done: string): Promise<boolean> => {
    let ok = false
    await run(action, async () => {
      setNotice(null)
      try {
        await call()
        setNotice({ ok: true, text: done })
        ok = true
      } catch (e) {
        const message = failureMessage(e)
        if (message !== null) setNotice({ ok: false, text: message })
      }
    })
    if (ok) await reload(false)
    return ok
  }

  const submitReject = async () => {
    if (!reason.trim()) {
      setNotice({ ok: false, text: text.reasonRequired })
      return
    }
    if (await act('reject', () => calls.reject(reason), text.rejectedDone)) {
      setRejecting(false)
      setReason('')
    }
  }

  const deactivate = async (name: string) => {
    if (running.current) return
    const answer = await Taro.showModal({ title: text.deactivateTitle, content: text.deactivateContent(name), confirmText: text.deactivateConfirm, cancelText: text.cancel })
    if (!answer?.confirm) return
    await act('deactivate', calls.deactivate, text.deactivated)
  }

  return { notice, busy, act, rejecting, setRejecting, reason, setReason, submitReject, deactivate }
}
