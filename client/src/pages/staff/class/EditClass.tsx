import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { isApiError, updateClass } from '../../../api'
import type { ClassPatch, TrainingClass } from '../../../api'
import { DateTimeInput } from '../../../components/DateTimeInput'
import { Field } from '../../../components/Field'
import { SelectField } from '../../../components/SelectField'
import { useOneAction } from '../../../hooks/useOneAction'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { shanghaiDateAndTime, shanghaiInstant } from '../../../utils/time'

interface Props {
  cls: TrainingClass
  onSaved: () => Promise<void>
  onClose: () => void
}

interface Form {
  title: string
  location: string
  startDate: string
  endDate: string
  closesDate: string
  closesTime: string
  mode: string
}
type Errors = Partial<Record<keyof Form, string>>

const formOf = (cls: TrainingClass): Form => {
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

/** Where each server field error is shown. */
const FIELD_OF: Record<string, keyof Form> = {
  title: 'title',
  location: 'location',
  startDate: 'startDate',
  endDate: 'endDate',
  enrollClosesAt: 'closesDate',
  requiresApproval: 'mode',
}

/** 修改开班信息: the class's name, place, dates, sign-up deadline and mode; only what changed is sent. */
export function EditClass({ cls, onSaved, onClose }: Props) {
  const t = zh.staff
  const [form, setForm] = useState<Form>(() => formOf(cls))
  const [errors, setErrors] = useState<Errors>({})
  const [error, setError] = useState<string | null>(null)
  const { busy, run } = useOneAction<'save'>()

  const set = (key: keyof Form, value: string) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e))
  }

  const changes = (): ClassPatch => {
    const was = formOf(cls)
    const patch: ClassPatch = {}
    if (form.title.trim() !== was.title) patch.title = form.title.trim()
    if (form.location.trim() !== was.location) patch.location = form.location.trim()
    if (form.startDate !== was.startDate) patch.startDate = form.startDate
    if (form.endDate !== was.endDate) patch.endDate = form.endDate
    if (form.closesDate !== was.closesDate || form.closesTime !== was.closesTime) patch.enrollClosesAt = shanghaiInstant(form.closesDate, form.closesTime)
    if (form.mode !== was.mode) patch.requiresApproval = form.mode === 'approval'
    return patch
  }

  const save = () =>
    run('save', async () => {
      const patch = changes()
      if (Object.keys(patch).length === 0) {
        onClose()
        return
      }
      setErrors({})
      setError(null)
      try {
        await updateClass(cls.id, patch)
        await onSaved()
        onClose()
      } catch (e) {
        const message = failureMessage(e)
        if (message === null) return
        const fields: Errors = {}
        for (const d of isApiError(e) ? e.details : []) {
          const key = FIELD_OF[String(d.path ?? '')]
          if (key) fields[key] ??= d.message
        }
        setErrors(fields)
        setError(Object.keys(fields).length ? t.fixErrors : message)
      }
    })

  return (
    <View className='card sc__edit'>
      <Text className='card__title'>{t.editClass}</Text>
      {error ? <Text className='form-error'>{error}</Text> : null}
      <Field label={t.className} required error={errors.title}>
        <Input className='field__input' value={form.title} onInput={(e) => set('title', e.detail.value)} aria-label={t.className} />
      </Field>
      <Field label={t.location} required error={errors.location}>
        <Input className='field__input' value={form.location} onInput={(e) => set('location', e.detail.value)} aria-label={t.location} />
      </Field>
      <Field label={t.startDate} required error={errors.startDate}>
        <DateTimeInput mode='date' label={t.startDate} value={form.startDate} onChange={(v) => set('startDate', v)} />
      </Field>
      <Field label={t.endDate} required error={errors.endDate}>
        <DateTimeInput mode='date' label={t.endDate} value={form.endDate} onChange={(v) => set('endDate', v)} />
      </Field>
      <Field label={t.enrollCloses} required error={errors.closesDate}>
        <View className='field-pair'>
          <DateTimeInput mode='date' label={t.enrollCloses} value={form.closesDate} onChange={(v) => set('closesDate', v)} />
          <DateTimeInput mode='time' label={`${t.enrollCloses}时间`} value={form.closesTime} onChange={(v) => set('closesTime', v)} />
        </View>
      </Field>
      <Field label={t.enrollMode} required error={errors.mode}>
        <SelectField id='edit-mode' label={t.enrollMode} options={t.enrollModes} value={form.mode} onChange={(v) => set('mode', v)} />
      </Field>
      <View className='sc__actions'>
        <Button className='btn btn--plain sc__btn' onClick={onClose}>
          {t.completeCancel}
        </Button>
        <Button className={busy ? 'btn btn--primary sc__btn btn--busy' : 'btn btn--primary sc__btn'} onClick={() => void save()}>
          {t.saveClass}
        </Button>
      </View>
    </View>
  )
}
