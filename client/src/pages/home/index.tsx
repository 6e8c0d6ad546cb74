import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { errorMessage, getMe, getReference, isApiError, isSignedIn, signOut } from '../../api'
import type { Me, Reference } from '../../api'
import { ErrorState, LoadingState } from '../../components/states'
import { StatusBadge } from '../../components/StatusBadge'
import { zh } from '../../text/zh'
import { goCourseList, goLogin, goMyEnrollments, goProfileEdit } from '../../utils/nav'
import './index.css'

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; me: Me; reference: Reference }

export default function HomePage() {
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
      const [me, reference] = await Promise.all([getMe(), getReference()])
      setState({ kind: 'ready', me, reference })
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        signOut()
        goLogin()
        return
      }
      setState({ kind: 'error', message: errorMessage(e) })
    } finally {
      inFlight.current = false
    }
  }, [])

  useEffect(() => {
    void load(true)
  }, [load])

  // coming back from the record form: refresh the status quietly
  useDidShow(() => {
    void load(false)
  })

  const logout = () => {
    signOut()
    goLogin()
  }

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load(true)} />

  const { me, reference } = state
  const record = me.practitioner
  const districtName = record ? reference.districts.find((d) => d.code === record.district)?.name : undefined

  return (
    <View className='page home'>
      <View className='card home__hello'>
        <Text className='home__name'>{zh.home.greeting(me.user.name)}</Text>
      </View>

      <View className='card'>
        <Text className='card__title'>{zh.home.recordTitle}</Text>
        {record ? (
          <View className='home__record'>
            <View className='home__row'>
              <Text className='home__label'>{zh.home.recordStatus}</Text>
              <StatusBadge status={record.status} statuses={reference.recordStatuses} />
            </View>
            {record.status === 'rejected' && record.rejectReason ? (
              <Text className='home__reason'>
                {zh.home.rejectReason}
                {record.rejectReason}
              </Text>
            ) : null}
            <Text className='home__summary'>
              {[record.name, districtName, record.orgName].filter(Boolean).join(' · ')}
            </Text>
            <Button className='btn btn--primary' onClick={goProfileEdit}>
              {zh.home.editProfile}
            </Button>
          </View>
        ) : (
          <View className='home__empty'>
            <Text className='home__prompt'>{zh.home.completeProfile}</Text>
            <Text className='home__hint'>{zh.home.completeProfileHint}</Text>
            <Button className='btn btn--primary' onClick={goProfileEdit}>
              {zh.home.fillProfile}
            </Button>
          </View>
        )}
      </View>

      <View className='card'>
        <Text className='card__title'>{zh.home.trainingTitle}</Text>
        <View className='home__entry' onClick={goCourseList}>
          <View className='home__entry-text'>
            <Text className='home__entry-title'>{zh.home.courses}</Text>
            <Text className='home__entry-hint'>{zh.home.coursesHint}</Text>
          </View>
          <Text className='home__entry-arrow'>›</Text>
        </View>
        {me.user.role === 'practitioner' ? (
          <View className='home__entry' onClick={goMyEnrollments}>
            <View className='home__entry-text'>
              <Text className='home__entry-title'>{zh.home.myEnrollments}</Text>
              <Text className='home__entry-hint'>{zh.home.myEnrollmentsHint}</Text>
            </View>
            <Text className='home__entry-arrow'>›</Text>
          </View>
        ) : null}
      </View>

      <Button className='btn btn--plain' onClick={logout}>
        {zh.home.logout}
      </Button>
    </View>
  )
}
