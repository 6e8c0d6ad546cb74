import { View } from '@tarojs/components'
import type { ClassSession } from '../../api'
import { DateTimeInput } from '../../components/DateTimeInput'
import { Field } from '../../components/Field'
import { TextField } from '../../components/TextField'
import { zh } from '../../text/zh'
import { shanghaiDateAndTime, shanghaiInstant } from '../../utils/time'

/** A session as a form holds it: its Chongqing date, start and end times, and topic. */
export interface SessionTimes {
  date: string
  start: string
  end: string
  topic: string
}

export function sessionTimesOf(s: ClassSession): SessionTimes {
  const starts = shanghaiDateAndTime(s.startsAt)
  return { date: starts.date, start: starts.time, end: shanghaiDateAndTime(s.endsAt).time, topic: s.topic }
}

/** The instants and topic the server takes (a session ends on the day it starts). */
export function sessionInputOf(s: SessionTimes): { startsAt: string; endsAt: string; topic: string } {
  return { startsAt: shanghaiInstant(s.date, s.start), endsAt: shanghaiInstant(s.date, s.end), topic: s.topic.trim() }
}

interface Props {
  /** Names the inputs (e.g. 课次 2), so each is labelled where several sessions are on one page. */
  labelPrefix: string
  value: SessionTimes
  /** Shown under the topic: the session's error from the server. */
  error?: string
  set: (patch: Partial<SessionTimes>) => void
}

/** 日期, 开始, 结束 and 内容 of a session: shared by 发布开班 and 修改课次. */
export function SessionFields({ labelPrefix, value: s, error, set }: Props) {
  const t = zh.staff
  return (
    <>
      <Field label={t.sessionDate} required>
        <DateTimeInput mode='date' label={`${labelPrefix}${t.sessionDate}`} value={s.date} onChange={(v) => set({ date: v })} />
      </Field>
      <View className='field-pair'>
        <Field label={t.sessionStart} required>
          <DateTimeInput mode='time' label={`${labelPrefix}${t.sessionStart}`} value={s.start} onChange={(v) => set({ start: v })} />
        </Field>
        <Field label={t.sessionEnd} required>
          <DateTimeInput mode='time' label={`${labelPrefix}${t.sessionEnd}`} value={s.end} onChange={(v) => set({ end: v })} />
        </Field>
      </View>
      <TextField label={t.sessionTopic} required error={error} value={s.topic} placeholder={t.sessionTopicPlaceholder} onInput={(v) => set({ topic: v })} />
    </>
  )
}
