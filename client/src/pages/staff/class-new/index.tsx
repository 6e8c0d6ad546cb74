import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { createClass, isApiError, listCourses } from '../../../api'
import type { Option } from '../../../api'
import { ChoiceField } from '../../../components/ChoiceField'
import { TextField } from '../../../components/TextField'
import { ErrorState, LoadingState } from '../../../components/states'
import { useOneAction } from '../../../hooks/useOneAction'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { replaceWithStaffClass } from '../../../utils/nav'
import { shanghaiInstant, shanghaiToday } from '../../../utils/time'
import { CLASS_DETAIL_FIELD_OF, ClassFields } from '../ClassFields'
import type { ClassDetails } from '../ClassFields'
import { SessionFields, sessionInputOf } from '../SessionFields'
import type { SessionTimes } from '../SessionFields'
import './index.css'

interface SessionRow extends SessionTimes {
  key: number
}

interface Form extends ClassDetails {
  courseCode: string
  capacity: string
}

type FieldName = keyof Form
type Errors = Partial<Record<FieldName, string>>

/** Where each server field error is shown. */
const FIELD_OF: Record<string, FieldName> = { ...CLASS_DETAIL_FIELD_OF, courseCode: 'courseCode', capacity: 'capacity' }

/** Trainer: publish a class of a catalog course with its sessions, in one request. */
export default function NewClassPage() {
  const t = zh.staff
  const today = shanghaiToday()
  const { state, reload } = useSignedInData(async () => (await listCourses()).items, [])
  const [form, setForm] = useState<Form>({ courseCode: '', title: '', location: '', startDate: today, endDate: today, capacity: '', closesDate: today, closesTime: '18:00', mode: 'direct' })
  const nextKey = useRef(1)
  const [sessions, setSessions] = useState<SessionRow[]>([{ key: 0, date: today, start: '09:00', end: '12:00', topic: '' }])
  const [errors, setErrors] = useState<Errors>({})
  const [sessionErrors, setSessionErrors] = useState<Record<number, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const { busy, run } = useOneAction<'publish'>()

  const set = (key: FieldName, value: string) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e))
  }

  // a new class's first session starts on its first day
  useEffect(() => {
    setSessions((rows) => (rows.length === 1 && !rows[0].topic ? [{ ...rows[0], date: form.startDate }] : rows))
  }, [form.startDate])

  const setSession = (key: number, patch: Partial<SessionRow>) => setSessions((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)))
  const addSession = () =>
    setSessions((rows) => {
      const last = rows[rows.length - 1]
      return [...rows, { key: nextKey.current++, date: last?.date ?? form.startDate, start: last?.start ?? '09:00', end: last?.end ?? '12:00', topic: '' }]
    })
  const removeSession = (key: number) => setSessions((rows) => rows.filter((r) => r.key !== key))

  const publish = () =>
    run('publish', async () => {
      setErrors({})
      setSessionErrors({})
      setFormError(null)
      try {
        const created = await createClass({
          courseCode: form.courseCode,
          title: form.title.trim(),
          location: form.location.trim(),
          startDate: form.startDate,
          endDate: form.endDate,
          capacity: Number(form.capacity.trim()),
          enrollOpensAt: new Date().toISOString(),
          enrollClosesAt: shanghaiInstant(form.closesDate, form.closesTime),
          requiresApproval: form.mode === 'approval',
          sessions: sessions.map(sessionInputOf),
        })
        Taro.showToast({ title: t.published, icon: 'success' })
        replaceWithStaffClass(created.id)
      } catch (e) {
        const message = failureMessage(e)
        if (message === null) return
        const fieldErrors: Errors = {}
        const rowErrors: Record<number, string> = {}
        for (const d of isApiError(e) ? e.details : []) {
          const path = String(d.path ?? '')
          const row = /^sessions\.(\d+)\./.exec(path)
          if (row) rowErrors[Number(row[1])] ??= d.message
          else if (FIELD_OF[path]) fieldErrors[FIELD_OF[path]] ??= d.message
        }
        setErrors(fieldErrors)
        setSessionErrors(rowErrors)
        setFormError(Object.keys(fieldErrors).length || Object.keys(rowErrors).length ? t.fixErrors : message)
      }
    })

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const courses: Option[] = state.data.map((c) => ({ value: c.code, label: `${c.title}（${c.creditHours} 学时）` }))

  return (
    <View className='page class-new'>
      <Text className='class-new__intro'>{t.newClassIntro}</Text>
      {formError ? <Text className='form-error'>{formError}</Text> : null}

      <View className='card'>
        <ChoiceField id='class-course' label={t.course} required error={errors.courseCode} options={courses} value={form.courseCode} onChange={(v) => set('courseCode', v)} />
        <ClassFields idPrefix='class' details={form} errors={errors} set={set} />
        <TextField label={t.capacity} required error={errors.capacity} type='number' value={form.capacity} placeholder={t.capacityPlaceholder} onInput={(v) => set('capacity', v)} />
      </View>

      <Text className='section__title'>{t.sessions}</Text>
      <Text className='class-new__hint'>{t.sessionsHint}</Text>
      {sessions.map((s, i) => (
        <View key={s.key} className={sessionErrors[i] ? 'card class-new__session field--invalid' : 'card class-new__session'}>
          <View className='class-new__session-head'>
            <Text className='class-new__session-title'>{t.sessionN(i + 1)}</Text>
            {sessions.length > 1 ? (
              <Text className='class-new__remove' onClick={() => removeSession(s.key)}>
                {t.removeSession}
              </Text>
            ) : null}
          </View>
          <SessionFields labelPrefix={t.sessionN(i + 1)} value={s} error={sessionErrors[i]} set={(patch) => setSession(s.key, patch)} />
        </View>
      ))}
      <Button className='btn btn--plain' onClick={addSession}>
        {t.addSession}
      </Button>

      <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void publish()}>
        {busy ? zh.common.submitting : t.publish}
      </Button>
    </View>
  )
}
