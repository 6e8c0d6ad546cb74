import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { isApiError, updateClass } from '../../../api'
import type { ClassPatch, TrainingClass } from '../../../api'
import { useOneAction } from '../../../hooks/useOneAction'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { shanghaiInstant } from '../../../utils/time'
import { CLASS_DETAIL_FIELD_OF, ClassFields, classDetailsOf } from '../ClassFields'
import type { ClassDetailErrors, ClassDetails } from '../ClassFields'

interface Props {
  cls: TrainingClass
  onSaved: () => Promise<void>
  onClose: () => void
}

/** 修改开班信息: the class's name, place, dates, sign-up deadline and mode; only what changed is sent. */
export function EditClass({ cls, onSaved, onClose }: Props) {
  const t = zh.staff
  const [form, setForm] = useState<ClassDetails>(() => classDetailsOf(cls))
  const [errors, setErrors] = useState<ClassDetailErrors>({})
  const [error, setError] = useState<string | null>(null)
  const { busy, run } = useOneAction<'save'>()

  const set = (key: keyof ClassDetails, value: string) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e))
  }

  const changes = (): ClassPatch => {
    const was = classDetailsOf(cls)
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
        const fields: ClassDetailErrors = {}
        for (const d of isApiError(e) ? e.details : []) {
          const key = CLASS_DETAIL_FIELD_OF[String(d.path ?? '')]
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
      <ClassFields idPrefix='edit' details={form} errors={errors} set={set} />
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
