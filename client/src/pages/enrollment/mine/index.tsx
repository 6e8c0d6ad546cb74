import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { cancelEnrollment, errorMessage, getMyEnrollments, isApiError, isSignedIn, signOut } from '../../../api'
import type { MyEnrollment } from '../../../api'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { zh } from '../../../text/zh'
import { enrollmentStatusLabel } from '../../../utils/labels'
import { goCourseDetail, goCourseList, goLogin } from '../../../utils/nav'
import { formatDateRange } from '../../../utils/time'
import './index.css'

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; items: MyEnrollment[] }

const ACTIVE = ['enrolled', 'waitlisted', 'pending']

export default function MyEnrollmentsPage() {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [busyId, setBusyId] = useState<number | null>(null)
  const busy = useRef(false)
  const inFlight = useRef(false)

  const expired = () => {
    signOut()
    goLogin()
  }

  const load = useCallback(async (showSpinner: boolean) => {
    if (!isSignedIn()) {
      goLogin()
      return
    }
    if (inFlight.current) return
    inFlight.current = true
    if (showSpinner) setState({ kind: 'loading' })
    try {
      setState({ kind: 'ready', items: await getMyEnrollments() })
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        expired()
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

  // back from a course page: an enrollment may have changed there
  useDidShow(() => {
    void load(false)
  })

  const cancel = async (item: MyEnrollment) => {
    if (busy.current) return
    const answer = await Taro.showModal({
      title: zh.enrollment.cancelTitle,
      content: zh.enrollment.cancelContent(item.class.title),
      confirmText: zh.enrollment.cancelConfirm,
      cancelText: zh.enrollment.cancelKeep,
    })
    if (!answer?.confirm || busy.current) return
    busy.current = true
    setBusyId(item.id)
    try {
      await cancelEnrollment(item.class.id)
      Taro.showToast({ title: zh.enrollment.cancelled, icon: 'success' })
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        expired()
        return
      }
      Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 3000 })
    } finally {
      busy.current = false
      setBusyId(null)
    }
    await load(false)
  }

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load(true)} />
  if (!state.items.length) {
    return (
      <View className='page'>
        <EmptyState text={zh.enrollment.mineEmpty} />
        <Button className='btn btn--primary' onClick={goCourseList}>
          {zh.enrollment.browseCourses}
        </Button>
      </View>
    )
  }

  return (
    <View className='page mine'>
      {state.items.map((item) => {
        const cls = item.class
        const active = ACTIVE.includes(item.status)
        return (
          <View key={item.id} className={active ? 'card mine__item' : 'card mine__item mine__item--inactive'}>
            <View className='mine__body' onClick={() => goCourseDetail(cls.courseCode)}>
              <View className='mine__head'>
                <Text className='mine__title'>{cls.title}</Text>
                <Text className={`tag tag--${item.status}`}>{enrollmentStatusLabel(item)}</Text>
              </View>
              <Text className='mine__course'>{cls.courseTitle}</Text>
              <View className='mine__row'>
                <Text className='mine__label'>{zh.classes.dates}</Text>
                <Text className='mine__value'>{formatDateRange(cls.startDate, cls.endDate)}</Text>
              </View>
              <View className='mine__row'>
                <Text className='mine__label'>{zh.classes.location}</Text>
                <Text className='mine__value'>{cls.location}</Text>
              </View>
            </View>
            {active ? (
              <View className='mine__actions'>
                <Button
                  className={busyId === item.id ? 'btn btn--plain mine__btn btn--busy' : 'btn btn--plain mine__btn'}
                  onClick={() => void cancel(item)}
                >
                  {zh.enrollment.cancel}
                </Button>
              </View>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}
