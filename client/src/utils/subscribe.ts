import Taro from '@tarojs/taro'
import { getWechatSubscriptions, recordWechatConsents } from '../api'
import type { NotificationKind, WechatSubscription } from '../api'

/** When the mini-program asks for WeChat subscribe-message consent, and about which kinds of news. */
export type SubscribeMoment = 'enrollment' | 'claim'

/** The kinds of news that may follow each moment, most wanted first. */
const KINDS: Record<SubscribeMoment, NotificationKind[]> = {
  enrollment: ['enrollment_approved', 'enrollment_rejected', 'waitlist_promoted', 'class_changed', 'class_cancelled', 'session_reminder', 'completed'],
  claim: ['claim_approved', 'claim_rejected'],
}

/** WeChat shows at most three templates in one consent dialog. */
const MAX_TEMPLATES = 3

/** The configured templates for a moment's kinds, in the kinds' order, the first three (each once). */
export function templatesFor(moment: SubscribeMoment, configured: WechatSubscription[]): string[] {
  const ids: string[] = []
  for (const kind of KINDS[moment]) {
    for (const s of configured) {
      if (s.kind === kind && s.templateId && !ids.includes(s.templateId)) ids.push(s.templateId)
    }
  }
  return ids.slice(0, MAX_TEMPLATES)
}

const isWeapp = () => process.env.TARO_ENV === 'weapp'

/** The templates the server has configured, loaded before the tap that needs them. */
let configured: WechatSubscription[] | null = null
let loading: Promise<void> | null = null

/**
 * Loads the configured templates ahead of time (mini-program only). WeChat shows the consent dialog
 * only when `requestSubscribeMessage` is called by the tap itself, with nothing awaited before it, so
 * the page that asks loads them when it opens. A failure only means no dialog.
 */
export function prepareSubscriptions(): Promise<void> {
  if (!isWeapp() || configured) return Promise.resolve()
  loading ??= getWechatSubscriptions()
    .then((items) => {
      configured = items
    })
    .catch(() => undefined)
    .finally(() => {
      loading = null
    })
  return loading
}

/** Tests: forget the loaded templates. */
export function resetSubscriptions(): void {
  configured = null
  loading = null
}

/**
 * Mini-program only (h5 does nothing): called first thing in the 报名 or 提交 tap, asks whether WeChat
 * may tell the person what happens next (the templates configured for the moment's kinds), and
 * records the ones they accepted. Never throws and never holds up the action: a refusal, a dismissed
 * dialog or a failed call only means no WeChat message (the inbox still has the news).
 */
export function askToSubscribe(moment: SubscribeMoment): Promise<void> {
  if (!isWeapp() || !configured) return Promise.resolve()
  const tmplIds = templatesFor(moment, configured)
  if (!tmplIds.length) return Promise.resolve()
  let dialog: Promise<unknown>
  try {
    // now, inside the tap: after anything asynchronous WeChat refuses ("can only be invoked by user TAP gesture")
    dialog = Promise.resolve(Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option))
  } catch {
    return Promise.resolve()
  }
  return dialog
    .then(async (result) => {
      const answer = result as Record<string, unknown> | undefined
      const accepted = tmplIds.filter((id) => answer?.[id] === 'accept')
      if (accepted.length) await recordWechatConsents(accepted)
    })
    .catch(() => undefined)
}
