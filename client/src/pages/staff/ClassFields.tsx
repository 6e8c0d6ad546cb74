import { View } from '@tarojs/components'
import type { TrainingClass } from '../../api'
import { ChoiceField } from '../../components/ChoiceField'
import { DateTimeInput } from '../../components/DateTimeInput'
import { Field } from '../../components/Field'
import { TextField } from '../../components/TextField'
import { zh } from '../../text/zh'
import { shanghaiDateAndTime } from '../../utils/time'

/** A class's details as a form holds them (the deadline as a Chongqing date and time). */
export interface ClassDetails {
  title: string
  location: string
  startDate: string
  endDate: string
  closesDate: string
  closesTime: string
  /** 'direct' | 'approval' */
  mode: string
}
export type ClassDetailErrors = Partial<Record<keyof ClassDetails, string>>

/** The form's field that shows a server error about one of these (enrollClosesAt → the deadline). */
export const CLASS_DETAIL_FIELD_OF: Record<string, keyof ClassDetails> = {
  title: 'title',
  location: 'location',
  startDate: 'startDate',
  endDate: 'endDate',
  enrollClosesAt: 'closesDate',
  enrollOpensAt: 'closesDate',
  requiresApproval: 'mode',
}

export function classDetailsOf(cls: TrainingClass): ClassDetails {
  const closes = shanghaiDateAndTime(cls.enrollClosesAt)
  return {
    title: cls.title,
    location: cls.location,
    startDate: cls.startDate,
    endDate: cls.endDate,
    closesDate: closes.date,
    closesTime: closes.time,
    mode: cls.requiresApproval ? 'approval' : 'direct',
  }
}

interface Props {
  idPrefix: string
  details: ClassDetails
  errors: ClassDetailErrors
  set: (key: keyof ClassDetails, value: string) => void
}

/** 开班名称, 培训地点, dates, 报名截止 and 报名方式: shared by 发布开班 and 修改开班信息. */
export function ClassFields({ idPrefix, details: d, errors, set }: Props) {
  const t = zh.staff
  return (
    <>
      <TextField label={t.className} required error={errors.title} value={d.title} placeholder={t.classNamePlaceholder} aria-label={t.className} onInput={(v) => set('title', v)} />
      <TextField label={t.location} required error={errors.location} value={d.location} placeholder={t.locationPlaceholder} aria-label={t.location} onInput={(v) => set('location', v)} />
      <Field label={t.startDate} required error={errors.startDate}>
        <DateTimeInput mode='date' label={t.startDate} value={d.startDate} onChange={(v) => set('startDate', v)} />
      </Field>
      <Field label={t.endDate} required error={errors.endDate}>
        <DateTimeInput mode='date' label={t.endDate} value={d.endDate} onChange={(v) => set('endDate', v)} />
      </Field>
      <Field label={t.enrollCloses} required error={errors.closesDate}>
        <View className='field-pair'>
          <DateTimeInput mode='date' label={t.enrollCloses} value={d.closesDate} onChange={(v) => set('closesDate', v)} />
          <DateTimeInput mode='time' label={`${t.enrollCloses}时间`} value={d.closesTime} onChange={(v) => set('closesTime', v)} />
        </View>
      </Field>
      <ChoiceField id={`${idPrefix}-mode`} label={t.enrollMode} required error={errors.mode} options={t.enrollModes} value={d.mode} onChange={(v) => set('mode', v)} />
    </>
  )
}
