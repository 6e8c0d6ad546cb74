import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { errorMessage, getSessionAttendance, isSignedIn, issueCheckinToken, serverNow } from '../../../api'
import type { AttendanceEntry, CheckinToken, SessionAttendance } from '../../../api'
import { QrCode } from '../../../components/QrCode'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { zh } from '../../../text/zh'
import { goLogin } from '../../../utils/nav'
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
  const t = zh.staff
  const router = useRouter()
  const sessionId = Number(router.params?.sessionId)
  const sheetOnly = router.params?.view === 'attendance'
  const valid = Number.isInteger(sessionId) && sessionId > 0

  const [token, setToken] = useState<Loadable<CheckinToken>>({ kind: 'loading' })
  const [sheet, setSheet] = useState<Loadable<SessionAttendance>>({ kind: 'loading' })
  const [, setTick] = useState(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const alive = useRef(true)
  const paused = useRef(false)

  /** On an expired session (401) stop refreshing: the person is on the way to sign in. */
  const expired = useCallback((e: unknown) => {
    if (!leaveIfSessionExpired(e)) return false
    alive.current = false
    return true
  }, [])

  const stopTimer = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }

  const loadSheet = useCallback(async () => {
    try {
      const value = await getSessionAttendance(sessionId)
      if (alive.current) setSheet({ kind: 'ready', value })
    } catch (e) {
      if (!alive.current) return
      if (expired(e)) return
      // a failed refresh keeps the sheet that is shown
      setSheet((s) => (s.kind === 'ready' ? s : { kind: 'error', message: errorMessage(e) }))
    }
  }, [sessionId, expired])

  /** A new token (and, with it, a fresh attendance sheet); schedules the next one before this expires. */
  const refresh = useCallback(async () => {
    stopTimer()
    const sheetDone = loadSheet()
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
  }, [sessionId, loadSheet, expired])

  useEffect(() => {
    alive.current = true
    if (!valid) return
    if (!isSignedIn()) {
      goLogin()
      return
    }
    if (sheetOnly) {
      Taro.setNavigationBarTitle?.({ title: t.attendanceSheetTitle })
      void loadSheet()
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

  // hidden (another page on top, app in the background): no tokens for nobody; back: a fresh one at once
  useDidHide(() => {
    paused.current = true
    stopTimer()
  })
  useDidShow(() => {
    if (!paused.current) return
    paused.current = false
    if (sheetOnly) void loadSheet()
    else void refresh()
  })

  const changed = (entry: AttendanceEntry) =>
    setSheet((s) =>
      s.kind === 'ready'
        ? { kind: 'ready', value: { ...s.value, items: s.value.items.map((i) => (i.practitionerId === entry.practitionerId ? entry : i)) } }
        : s,
    )

  if (!valid) return <EmptyState text={t.missingSession} />

  const session = sheet.kind === 'ready' ? sheet.value.session : null
  const sheetView =
    sheet.kind === 'loading' ? (
      <LoadingState />
    ) : sheet.kind === 'error' ? (
      <ErrorState message={sheet.message} onRetry={() => void loadSheet()} />
    ) : (
      <AttendanceSheet sessionId={sessionId} items={sheet.value.items} onChanged={changed} onExpired={expired} />
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
          <Button className='btn btn--plain' onClick={() => void loadSheet()}>
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
