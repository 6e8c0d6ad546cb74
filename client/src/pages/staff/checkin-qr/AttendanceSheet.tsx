import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { errorMessage, markAttendance } from '../../../api'
import type { AttendanceEntry, AttendanceStatus } from '../../../api'
import { zh } from '../../../text/zh'
import { useOneAction } from '../../../hooks/useOneAction'
import { attendanceStatusLabel } from '../../../utils/labels'
import { formatTime } from '../../../utils/time'

const STATUSES: AttendanceStatus[] = ['present', 'late', 'absent', 'excused']

interface Props {
  sessionId: number
  items: AttendanceEntry[]
  onChanged: (entry: AttendanceEntry) => void
  /** Handles a 401 (true: the session expired, stop here). */
  onExpired: (e: unknown) => boolean
}

/** Everyone holding a seat in the class, with their status for this session and the trainer's four buttons. */
export function AttendanceSheet({ sessionId, items, onChanged, onExpired }: Props) {
  const t = zh.staff
  const { busy: busyId, run, running } = useOneAction<number>()
  const checkedIn = items.filter((i) => i.status === 'present' || i.status === 'late').length

  const mark = async (entry: AttendanceEntry, status: AttendanceStatus) => {
    if (running.current || entry.status === status) return
    await run(entry.practitionerId, async () => {
      try {
        onChanged(await markAttendance(sessionId, entry.practitionerId, status))
        Taro.showToast({ title: t.marked, icon: 'none' })
      } catch (e) {
        if (onExpired(e)) return
        Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 3000 })
      }
    })
  }

  return (
    <View className='card sheet'>
      <View className='sheet__head'>
        <Text className='sheet__title'>{t.attendanceTitle}</Text>
        <Text className='sheet__count'>{t.attendanceCount(checkedIn, items.length)}</Text>
      </View>
      {items.length === 0 ? <Text className='sheet__none'>{t.noEnrolled}</Text> : null}
      {items.map((entry) => (
        <View key={entry.practitionerId} className={busyId === entry.practitionerId ? 'sheet__row btn--busy' : 'sheet__row'}>
          <View className='sheet__who'>
            <View className='sheet__name-line'>
              <Text className='sheet__name'>{entry.name}</Text>
              <Text className={`tag tag--${entry.status ?? 'none'}`}>{attendanceStatusLabel(entry.status)}</Text>
              {entry.checkedInAt ? <Text className='sheet__time'>{formatTime(entry.checkedInAt)}</Text> : null}
              {entry.markedByTrainer ? <Text className='sheet__manual'>{t.byTrainer}</Text> : null}
            </View>
            <Text className='sheet__org'>{entry.orgName}</Text>
          </View>
          <View className='sheet__buttons'>
            {STATUSES.map((s) => (
              <Button
                key={s}
                className={entry.status === s ? `sheet__btn sheet__btn--on sheet__btn--${s}` : 'sheet__btn'}
                onClick={() => void mark(entry, s)}
              >
                {zh.attendance.statuses[s]}
              </Button>
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}
