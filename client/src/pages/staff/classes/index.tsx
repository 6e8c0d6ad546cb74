import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { errorMessage, isApiError, isSignedIn, listClasses, signOut } from '../../../api'
import type { TrainingClass } from '../../../api'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { zh } from '../../../text/zh'
import { classStatusLabel } from '../../../utils/labels'
import { goLogin, goStaffClass } from '../../../utils/nav'
import { formatDateRange } from '../../../utils/time'
import './index.css'

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; items: TrainingClass[] }

/** Trainer: the classes, each opening its sessions, QR codes, attendance and completion. */
export default function StaffClassesPage() {
  const t = zh.staff
  const [state, setState] = useState<State>({ kind: 'loading' })
  const inFlight = useRef(false)

  const load = useCallback(async (showSpinner: boolean) => {
    if (!isSignedIn()) {
      goLogin()
      return
    }
    if (inFlight.current) return
    inFlight.current = true
    if (showSpinner) setState({ kind: 'loading' })
    try {
      const page = await listClasses({ pageSize: 100 })
      setState({ kind: 'ready', items: page.items })
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        signOut()
        goLogin()
        return
      }
      if (showSpinner) setState({ kind: 'error', message: errorMessage(e) })
    } finally {
      inFlight.current = false
    }
  }, [])

  useEffect(() => {
    void load(true)
  }, [load])

  // back from a class: it may have been completed
  useDidShow(() => {
    void load(false)
  })

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load(true)} />
  if (!state.items.length) return <EmptyState text={t.classesEmpty} onRetry={() => void load(true)} />

  return (
    <View className='page staff-classes'>
      {state.items.map((c) => (
        <View key={c.id} className='card staff-class' onClick={() => goStaffClass(c.id)}>
          <View className='staff-class__head'>
            <Text className='staff-class__title'>{c.title}</Text>
            <Text className={`tag tag--${c.status}`}>{classStatusLabel(c.status)}</Text>
          </View>
          <Text className='staff-class__course'>{c.courseTitle}</Text>
          <View className='staff-class__meta'>
            <Text className='staff-class__fact'>{formatDateRange(c.startDate, c.endDate)}</Text>
            <Text className='staff-class__fact'>{t.enrolled(c.enrolledCount)}</Text>
          </View>
          <Text className='staff-class__arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}
