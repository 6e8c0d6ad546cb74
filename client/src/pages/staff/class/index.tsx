import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { completeClass, deleteSession, downloadRoster, getClass, getClassSessions, getMe, undoCompletion, updateClass } from '../../../api'
import type { ClassSession, TrainingClass } from '../../../api'
import { CardHead } from '../../../components/CardHead'
import { InfoRow } from '../../../components/InfoRow'
import { NoticeText } from '../../../components/NoticeText'
import { TextField } from '../../../components/TextField'
import type { Notice } from '../../../components/NoticeText'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useOneAction } from '../../../hooks/useOneAction'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { downloadAndPresent } from '../../../utils/files'
import { classStatusLabel } from '../../../utils/labels'
import { goCheckinQr } from '../../../utils/nav'
import { formatDateRange, formatDateTime, formatTime } from '../../../utils/time'
import { EditClass } from './EditClass'
import { EditSession } from './EditSession'
import { ClassEnrollments } from './Enrollments'
import './index.css'

type Busy = 'complete' | 'cancel' | 'roster' | 'undo' | `delete-${number}`

export default function StaffClassPage() {
  const id = Number(useRouter().params?.id)
  if (!Number.isInteger(id) || id <= 0) return <EmptyState text={zh.staff.missingId} />
  return <StaffClass id={id} />
}

function StaffClass({ id }: { id: number }) {
  const t = zh.staff
  // refreshed quietly when shown again (back from a session's QR page and attendance)
  const { state, reload } = useSignedInData(async () => {
    const [cls, sessions, me] = await Promise.all([getClass(id), getClassSessions(id), getMe()])
    return { cls, sessions, isAdmin: me.user.role === 'admin' }
  }, [id])
  const [notice, setNotice] = useState<Notice | null>(null)
  const { busy, run, running } = useOneAction<Busy>()
  const [editing, setEditing] = useState(false)
  const [editingSession, setEditingSession] = useState<number | null>(null)

  /** Asks first, then runs a class action and reports its outcome (or the server's refusal). */
  const confirmed = async (modal: { title: string; content: string; confirmText: string }, what: Busy, call: () => Promise<string>) => {
    if (running.current) return
    const answer = await Taro.showModal({ ...modal, cancelText: t.completeCancel })
    if (!answer?.confirm) return
    let done = false
    await run(what, async () => {
      setNotice(null)
      try {
        setNotice({ ok: true, text: await call() })
        done = true
      } catch (e) {
        const message = failureMessage(e)
        if (message !== null) {
          setNotice({ ok: false, text: message })
          done = true
        }
      }
    })
    // reload either way (a refusal may mean the class changed meanwhile), unless the session expired
    if (done) await reload(false)
  }

  const [undoReason, setUndoReason] = useState('')
  const undo = (cls: TrainingClass) =>
    confirmed({ title: t.undoTitle, content: t.undoContent(cls.title), confirmText: t.undoConfirm }, 'undo', async () => {
      const result = await undoCompletion(cls.id, undoReason.trim())
      setUndoReason('')
      return t.undone(result.withdrawn, result.certificatesRevoked)
    })

  const complete = (cls: TrainingClass) =>
    confirmed({ title: t.completeTitle, content: t.completeContent(cls.title), confirmText: t.completeConfirm }, 'complete', async () => {
      const report = await completeClass(cls.id)
      return t.completed(report.completed, report.failed)
    })

  const cancelClass = (cls: TrainingClass) =>
    confirmed(
      { title: t.cancelClassTitle, content: t.cancelClassContent(cls.title, cls.enrolledCount + cls.waitlistCount + cls.pendingCount), confirmText: t.cancelClassConfirm },
      'cancel',
      async () => {
        await updateClass(cls.id, { status: 'cancelled' })
        return t.classCancelled
      },
    )

  const removeSession = (s: ClassSession) =>
    confirmed({ title: t.deleteSessionTitle, content: t.deleteSessionContent(s.topic), confirmText: t.deleteSessionConfirm }, `delete-${s.id}`, async () => {
      await deleteSession(s.id)
      return t.sessionDeleted
    })

  const roster = (cls: TrainingClass) =>
    run('roster', async () => {
      await downloadAndPresent(() => downloadRoster(cls.id), { fileName: `${cls.title}-报名名单.xlsx`, fileType: 'xlsx', done: t.rosterDownloaded })
    })

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />

  const { cls, sessions } = state.data
  const c = zh.classes
  // sessions can be changed while the class is scheduled; the server refuses one someone checked in to
  const scheduled = cls.status === 'open' || cls.status === 'closed'
  return (
    <View className='page staff-class-page'>
      <View className='card'>
        <CardHead title={cls.title}>
          <Text className={`tag tag--${cls.status}`}>{classStatusLabel(cls.status)}</Text>
        </CardHead>
        <Text className='sc__course'>{cls.courseTitle}</Text>
        <InfoRow label={c.dates} value={formatDateRange(cls.startDate, cls.endDate)} />
        <InfoRow label={c.location} value={cls.location} />
        <InfoRow label={t.enrolledLabel} value={t.people(cls.enrolledCount)} />

        <NoticeText notice={notice} className='sc__notice' />

        <View className='sc__actions'>
          <Button
            className={busy === 'roster' ? 'btn btn--plain sc__btn btn--busy' : 'btn btn--plain sc__btn'}
            onClick={() => void roster(cls)}
          >
            {t.roster}
          </Button>
          {cls.completable ? (
            <Button
              className={busy === 'complete' ? 'btn btn--primary sc__btn btn--busy' : 'btn btn--primary sc__btn'}
              onClick={() => void complete(cls)}
            >
              {t.complete}
            </Button>
          ) : null}
        </View>
        {state.data.isAdmin && cls.completionUndoableUntil ? (
          <View className='sc__undo'>
            <TextField label={t.undoReason} placeholder={t.undoPlaceholder} hint={t.undoHint(formatDateTime(cls.completionUndoableUntil))} value={undoReason} onInput={setUndoReason} maxlength={200} />
            <Button className={busy === 'undo' ? 'btn btn--plain sc__btn btn--busy' : 'btn btn--plain sc__btn'} onClick={() => void undo(cls)}>
              {t.undo}
            </Button>
          </View>
        ) : null}
        {!cls.completable && (cls.status === 'open' || cls.status === 'closed') ? (
          <Text className='sc__hint'>{cls.lastSessionEndsAt ? t.completeAfter(formatDateTime(cls.lastSessionEndsAt)) : t.completeNeedsSessions}</Text>
        ) : null}
        {cls.status === 'open' || cls.status === 'closed' ? (
          <View className='sc__links'>
            <Button className='btn btn--link' onClick={() => setEditing(true)}>
              {t.editClass}
            </Button>
            <Button className={busy === 'cancel' ? 'btn btn--link sc__cancel btn--busy' : 'btn btn--link sc__cancel'} onClick={() => void cancelClass(cls)}>
              {t.cancelClass}
            </Button>
          </View>
        ) : null}
      </View>

      {editing ? (
        <EditClass
          cls={cls}
          onSaved={async () => {
            setNotice({ ok: true, text: t.classSaved })
            await reload(false)
          }}
          onClose={() => setEditing(false)}
        />
      ) : null}

      <ClassEnrollments cls={cls} onChanged={() => reload(false)} />

      <Text className='section__title'>{t.sessions}</Text>
      {sessions.length ? (
        sessions.map((s) => (
          <View key={s.id} className='card sc__session'>
            <Text className='sc__topic'>{s.topic}</Text>
            <Text className='sc__time'>
              {formatDateTime(s.startsAt)} - {formatTime(s.endsAt)}
            </Text>
            <View className='sc__actions'>
              <Button className='btn btn--primary sc__btn' onClick={() => goCheckinQr(s.id)}>
                {t.qr}
              </Button>
              <Button className='btn btn--plain sc__btn' onClick={() => goCheckinQr(s.id, 'attendance')}>
                {t.attendance}
              </Button>
            </View>
            {scheduled ? (
              <View className='sc__links'>
                <Button className='btn btn--link' onClick={() => setEditingSession(s.id)}>
                  {t.editSession}
                </Button>
                <Button className={busy === `delete-${s.id}` ? 'btn btn--link sc__cancel btn--busy' : 'btn btn--link sc__cancel'} onClick={() => void removeSession(s)}>
                  {t.deleteSession}
                </Button>
              </View>
            ) : null}
            {scheduled && editingSession === s.id ? (
              <EditSession
                session={s}
                onSaved={async () => {
                  setNotice({ ok: true, text: t.sessionSaved })
                  await reload(false)
                }}
                onClose={() => setEditingSession(null)}
              />
            ) : null}
          </View>
        ))
      ) : (
        <View className='card'>
          <Text className='sc__none'>{t.noSessions}</Text>
        </View>
      )}
    </View>
  )
}
