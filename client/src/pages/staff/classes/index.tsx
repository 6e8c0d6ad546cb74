import { useState } from 'react'
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

type When = 'current' | 'past'

/**
 * Trainer: the classes, each opening its sessions, QR codes, attendance and completion. Current ones
 * (running or upcoming, soonest first) by default; 往期开班 (the server's `when=past`: ended,
 * completed or cancelled) behind the toggle, most recent first.
 */
export default function StaffClassesPage() {
  const t = zh.staff
  const [when, setWhen] = useState<When>('current')
  // refreshed quietly when shown again: a class may have been completed
  const { state, reload } = useSignedInData(async () => (await listClasses({ when, pageSize: 100 })).items, [when])

  const toggle = (
    <View className='staff-classes__when'>
      {(['current', 'past'] as const).map((w) => (
        <Button
          key={w}
          className={w === when ? 'btn btn--primary staff-classes__tab' : 'btn btn--plain staff-classes__tab'}
          aria-pressed={w === when}
          onClick={() => setWhen(w)}
        >
          {w === 'current' ? t.currentClasses : t.pastClasses}
        </Button>
      ))}
    </View>
  )
  const publish = (
    <Button className='btn btn--primary staff-classes__new' onClick={goNewClass}>
      {t.newClass}
    </Button>
  )

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  if (!state.data.length) {
    return (
      <View className='page'>
        {publish}
        {toggle}
        <EmptyState text={when === 'past' ? t.pastEmpty : t.currentEmpty} onRetry={() => void reload()} />
      </View>
    )
  }

  return (
    <View className='page staff-classes'>
      {publish}
      {toggle}
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
