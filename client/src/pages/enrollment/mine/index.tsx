import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { cancelEnrollment, getMyEnrollments } from '../../../api'
import type { MyEnrollment } from '../../../api'
import { CardHead } from '../../../components/CardHead'
import { InfoRow } from '../../../components/InfoRow'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useOneAction } from '../../../hooks/useOneAction'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { enrollmentStatusLabel } from '../../../utils/labels'
import { goCourseDetail, goCourseList } from '../../../utils/nav'
import { formatDateRange } from '../../../utils/time'
import './index.css'

const ACTIVE = ['enrolled', 'waitlisted', 'pending']

export default function MyEnrollmentsPage() {
  // refreshed quietly when shown again: an enrollment may have changed on a course page
  const { state, reload } = useSignedInData(getMyEnrollments, [])
  const { busy: busyId, run, running } = useOneAction<number>()

  const cancel = async (item: MyEnrollment) => {
    if (running.current) return
    const answer = await Taro.showModal({
      title: zh.enrollment.cancelTitle,
      content: zh.enrollment.cancelContent(item.class.title),
      confirmText: zh.enrollment.cancelConfirm,
      cancelText: zh.enrollment.cancelKeep,
    })
    if (!answer?.confirm) return
    let expired = false
    await run(item.id, async () => {
      try {
        await cancelEnrollment(item.class.id)
        Taro.showToast({ title: zh.enrollment.cancelled, icon: 'success' })
      } catch (e) {
        const message = failureMessage(e)
        if (message === null) expired = true
        else Taro.showToast({ title: message, icon: 'none', duration: 3000 })
      }
    })
    if (!expired) await reload(false)
  }

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  if (!state.data.length) {
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
      {state.data.map((item) => {
        const cls = item.class
        const active = ACTIVE.includes(item.status)
        return (
          <View key={item.id} className={active ? 'card mine__item' : 'card mine__item mine__item--inactive'}>
            <View className='mine__body' onClick={() => goCourseDetail(cls.courseCode)}>
              <CardHead title={cls.title}>
                <Text className={`tag tag--${item.status}`}>{enrollmentStatusLabel(item)}</Text>
              </CardHead>
              <Text className='mine__course'>{cls.courseTitle}</Text>
              <InfoRow label={zh.classes.dates} value={formatDateRange(cls.startDate, cls.endDate)} />
              <InfoRow label={zh.classes.location} value={cls.location} />
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
