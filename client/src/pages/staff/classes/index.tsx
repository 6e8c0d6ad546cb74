import { Button, Text, View } from '@tarojs/components'
import { listClasses } from '../../../api'
import { CardHead } from '../../../components/CardHead'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { classStatusLabel } from '../../../utils/labels'
import { goNewClass, goStaffClass } from '../../../utils/nav'
import { formatDateRange } from '../../../utils/time'
import './index.css'

/** Trainer: the classes, each opening its sessions, QR codes, attendance and completion. */
export default function StaffClassesPage() {
  const t = zh.staff
  // refreshed quietly when shown again: a class may have been completed
  const { state, reload } = useSignedInData(async () => (await listClasses({ pageSize: 100 })).items, [])

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const publish = (
    <Button className='btn btn--primary staff-classes__new' onClick={goNewClass}>
      {t.newClass}
    </Button>
  )
  if (!state.data.length) {
    return (
      <View className='page'>
        <EmptyState text={t.classesEmpty} onRetry={() => void reload()} />
        {publish}
      </View>
    )
  }

  return (
    <View className='page staff-classes'>
      {publish}
      {state.data.map((c) => (
        <View key={c.id} className='card staff-class' onClick={() => goStaffClass(c.id)}>
          <CardHead title={c.title}>
            <Text className={`tag tag--${c.status}`}>{classStatusLabel(c.status)}</Text>
          </CardHead>
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
