import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { errorMessage, getSessionAttendance, isSignedIn, issueCheckinToken, serverNow } from '../../../api'
import type { AttendanceEntry, CheckinToken } from '../../../api'
import { QrCode } from '../../../components/QrCode'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { formatDateTime, formatTime } from '../../../utils/time'
import { AttendanceSheet } from './AttendanceSheet'
import { leaveIfSessionExpired } from '../../../utils/failure'
import './index.css'

/** Fetch the next token this long before the current one expires (on the server's clock). */
export const REFRESH_LEAD_MS = 5000
/** Never refresh more often than this, whatever the clocks say. */
const MIN_DELAY_MS = 2000

type Loadable<T> = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; value: T }

/** Milliseconds from now until the token should be replaced. */
export function refreshDelay(expiresAt: string, now: number = serverNow()): number {
  return Math.max(MIN_DELAY_MS, Date.parse(expiresAt) - now - REFRESH_LEAD_MS)
}

/**
 * Trainer, in the room: the session's rotating check-in QR code, full width, with the 6-digit code
 * under it and the attendance sheet below. `view=attendance` shows the sheet alone.
 */
export default function CheckinQrPage() {
  const router = useRouter()
  const sessionId = Number(router.params?.sessionId)
  if (!Number.isInteger(sessionId) || sessionId <= 0) return <EmptyState text={zh.staff.missingSession} />
  return <CheckinQr sessionId={sessionId} sheetOnly={router.params?.view === 'attendance'} />
}

function CheckinQr({ sessionId, sheetOnly }: { sessionId: number; sheetOnly: boolean }) {
  const t = zh.staff
  // the sheet loads like any signed-in page's data (and again, quietly, whenever the page is shown);
  // with the QR code it is also refreshed along with each new token
  const { state: sheet, reload: reloadSheet, update: updateSheet } = useSignedInData(() => getSessionAttendance(sessionId), [sessionId])
  const [token, setToken] = useState<Loadable<CheckinToken>>({ kind: 'loading' })
  const [, setTick] = useState(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const alive = useRef(true)
  const paused = useRef(false)

  /** On an expired session (401) stop refreshing: the person is on the way to sign in. */
  const expired = useCallback((e: unknown) => {
    // signed out already: the sheet's load met the expired session first and went to sign in
    const gone = !isSignedIn() || leaveIfSessionExpired(e)
    if (gone) alive.current = false
    return gone
  }, [])

  const stopTimer = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }

  /** A new token (and, with it, a fresh attendance sheet); schedules the next one before this expires. */
  const refresh = useCallback(async () => {
    stopTimer()
    if (!alive.current) return
    const sheetDone = reloadSheet(false)
    try {
      const value = await issueCheckinToken(sessionId)
      if (!alive.current) return
      setToken({ kind: 'ready', value })
      if (!paused.current) timer.current = setTimeout(() => void refresh(), refreshDelay(value.expiresAt))
    } catch (e) {
      if (!alive.current) return
      if (expired(e)) return
      setToken({ kind: 'error', message: errorMessage(e) })
    }
    await sheetDone
  }, [sessionId, reloadSheet, expired])

  useEffect(() => {
    alive.current = true
    // without a token the sheet's load has sent the person to sign in
    if (!isSignedIn()) return
    if (sheetOnly) {
      Taro.setNavigationBarTitle?.({ title: t.attendanceSheetTitle })
    } else {
      // a projector or a phone held up: keep the screen on while the code is shown
      if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
      void refresh()
    }
    // the countdown
    const tick = setInterval(() => setTick((n) => n + 1), 1000)
    return () => {
      alive.current = false
      stopTimer()
      clearInterval(tick)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // hidden (another page on top, app in the background): no tokens for nobody; back: a fresh one at
  // once (the sheet refreshes itself when the page is shown)
  useDidHide(() => {
    paused.current = true
    stopTimer()
  })
  useDidShow(() => {
    if (!paused.current) return
    paused.current = false
    if (!sheetOnly) void refresh()
  })

  const changed = (entry: AttendanceEntry) =>
    updateSheet((s) => ({ ...s, items: s.items.map((i) => (i.practitionerId === entry.practitionerId ? entry : i)) }))

  const session = sheet.kind === 'ready' ? sheet.data.session : null
  const sheetView =
    sheet.kind === 'loading' ? (
      <LoadingState />
    ) : sheet.kind === 'error' ? (
      <ErrorState message={sheet.message} onRetry={() => void reloadSheet()} />
    ) : (
      <AttendanceSheet sessionId={sessionId} items={sheet.data.items} onChanged={changed} onExpired={expired} />
    )
  const header = session ? (
    <View className='qrp__session'>
      <Text className='qrp__topic'>{session.topic}</Text>
      <Text className='qrp__when'>
        {formatDateTime(session.startsAt)} - {formatTime(session.endsAt)}
      </Text>
    </View>
  ) : null

  if (sheetOnly) {
    return (
      <View className='page qrp'>
        {header}
        {sheetView}
        {sheet.kind === 'ready' ? (
          <Button className='btn btn--plain' onClick={() => void reloadSheet(false)}>
            {t.refresh}
          </Button>
        ) : null}
      </View>
    )
  }

  if (token.kind === 'loading') return <LoadingState />
  if (token.kind === 'error') return <ErrorState message={token.message} onRetry={() => void refresh()} />

  const { value } = token
  const untilRefresh = Math.ceil((Date.parse(value.expiresAt) - REFRESH_LEAD_MS - serverNow()) / 1000)
  return (
    <View className='page qrp'>
      {header}
      <View className='card qrp__card'>
        <View className='qrp__qr'>
          <QrCode text={value.token} label={t.qrTitle} />
        </View>
        <Text className='qrp__label'>{t.shortCode}</Text>
        <Text className='qrp__code'>{value.shortCode}</Text>
        <Text className='qrp__countdown'>{untilRefresh > 0 ? t.expiresIn(untilRefresh) : t.refreshing}</Text>
        <Text className='qrp__hint'>{t.qrHint}</Text>
      </View>
      {sheetView}
    </View>
  )
}
