import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { isApiError, updateSession } from '../../../api'
import type { ClassSession, SessionPatch } from '../../../api'
import { useOneAction } from '../../../hooks/useOneAction'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { SessionFields, sessionInputOf, sessionTimesOf } from '../SessionFields'
import type { SessionTimes } from '../SessionFields'

interface Props {
  session: ClassSession
  onSaved: () => Promise<void>
  onClose: () => void
}

/**
 * 修改课次: the same fields as adding a session; only what changed is sent. The server's refusal (a
 * session someone checked in to, 409) is shown as it says it.
 */
export function EditSession({ session, onSaved, onClose }: Props) {
  const t = zh.staff
  const [form, setForm] = useState<SessionTimes>(() => sessionTimesOf(session))
  const [fieldError, setFieldError] = useState<string | undefined>(undefined)
  const [error, setError] = useState<string | null>(null)
  const { busy, run } = useOneAction<'save'>()

  const changes = (): SessionPatch => {
    const was = sessionInputOf(sessionTimesOf(session))
    const now = sessionInputOf(form)
    const patch: SessionPatch = {}
    if (now.startsAt !== was.startsAt) patch.startsAt = now.startsAt
    if (now.endsAt !== was.endsAt) patch.endsAt = now.endsAt
    if (now.topic !== was.topic) patch.topic = now.topic
    return patch
  }

  const save = () =>
    run('save', async () => {
      const patch = changes()
      if (Object.keys(patch).length === 0) {
        onClose()
        return
      }
      setFieldError(undefined)
      setError(null)
      try {
        await updateSession(session.id, patch)
        await onSaved()
        onClose()
      } catch (e) {
        const message = failureMessage(e)
        if (message === null) return
        const detail = isApiError(e) ? e.details[0]?.message : undefined
        setFieldError(detail)
        setError(detail ? t.fixSessionErrors : message)
      }
    })

  return (
    <View className='sc__edit-session'>
      <Text className='card__title'>{t.editSessionTitle}</Text>
      {error ? <Text className='form-error'>{error}</Text> : null}
      <SessionFields labelPrefix={t.editSessionTitle} value={form} error={fieldError} set={(patch) => setForm((f) => ({ ...f, ...patch }))} />
      <View className='sc__actions'>
        <Button className='btn btn--plain sc__btn' onClick={onClose}>
          {t.completeCancel}
        </Button>
        <Button className={busy ? 'btn btn--primary sc__btn btn--busy' : 'btn btn--primary sc__btn'} onClick={() => void save()}>
          {t.saveSession}
        </Button>
      </View>
    </View>
  )
}
