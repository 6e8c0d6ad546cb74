import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { cancelEnrollment, enroll, errorMessage, getClass, getCourse, getReference, isApiError, isSignedIn } from '../../../api'
import type { EnrollmentOutcome, TrainingClass } from '../../../api'
import { CardHead } from '../../../components/CardHead'
import { InfoRow } from '../../../components/InfoRow'
import type { Notice } from '../../../components/NoticeText'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { classStatusLabel, courseCategoryLabel, deliveryModeLabel, enrollmentStatusLabel } from '../../../utils/labels'
import { goLogin, goProfileEdit } from '../../../utils/nav'
import { formatDateRange, formatDateTime } from '../../../utils/time'
import { leaveIfSessionExpired } from '../../../utils/failure'
import { askToSubscribe, prepareSubscriptions } from '../../../utils/subscribe'
import './index.css'

/** What the last action on a class came to, shown in its card. */
interface ClassNotice extends Notice {
  /** PROFILE_REQUIRED: offer the way to the talent-record form. */
  profileRequired?: boolean
}

function outcomeText(out: EnrollmentOutcome): string {
  if (out.status === 'waitlisted') return zh.enrollment.waitlisted(out.waitlistPosition)
  if (out.status === 'pending') return zh.enrollment.pending
  return zh.enrollment.enrolled
}

function paramCode(raw: string | undefined): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw).trim()
  } catch {
    return raw.trim()
  }
}

export default function CourseDetailPage() {
  const code = paramCode(useRouter().params?.code)
  if (!code) return <EmptyState text={zh.courses.missingCode} />
  return <CourseDetail code={code} />
}

/** Anyone may look; a signed-in practitioner also sees their own enrollment in each class. */
function CourseDetail({ code }: { code: string }) {
  const [notices, setNotices] = useState<Record<number, ClassNotice>>({})
  const [busyIds, setBusyIds] = useState<number[]>([])
  const busy = useRef(new Set<number>())
  // the consent dialog's templates, ready before the 报名 tap (mini-program only)
  useEffect(() => {
    if (isSignedIn()) void prepareSubscriptions()
  }, [])

  // refreshed quietly when shown again (back from the talent-record form or sign-in): seats and my
  // enrollment may have changed
  const { state, reload, update } = useSignedInData(
    async () => {
      // the audience labels are a nicety: without /api/reference the raw values are shown
      const [course, reference] = await Promise.all([getCourse(code), getReference().catch(() => null)])
      // the notices spoke of the classes as they were
      setNotices({})
      return { course, reference }
    },
    [code],
    { signIn: 'optional' },
  )

  const begin = (id: number) => {
    if (busy.current.has(id)) return false
    busy.current.add(id)
    setBusyIds([...busy.current])
    return true
  }
  const end = (id: number) => {
    busy.current.delete(id)
    setBusyIds([...busy.current])
  }
  const notify = (id: number, notice: ClassNotice) => setNotices((n) => ({ ...n, [id]: notice }))

  /** Re-reads one class after an action; a failed refresh keeps what is shown. */
  const refresh = async (id: number) => {
    try {
      const fresh = await getClass(id)
      update((d) => ({ ...d, course: { ...d.course, upcomingClasses: (d.course.upcomingClasses ?? []).map((c) => (c.id === id ? fresh : c)) } }))
    } catch {
      // the notice already says what happened
    }
  }

  const signUp = async (cls: TrainingClass) => {
    if (!isSignedIn()) {
      Taro.showToast({ title: zh.enrollment.signInFirst, icon: 'none' })
      goLogin()
      return
    }
    if (!begin(cls.id)) return
    // mini-program: may WeChat say what happens next? Asked by the tap itself (WeChat's rule), while
    // the sign-up is sent; it never holds the sign-up up
    void askToSubscribe('enrollment')
    try {
      const out = await enroll(cls.id)
      notify(cls.id, { ok: true, text: outcomeText(out) })
    } catch (e) {
      if (leaveIfSessionExpired(e)) {
        end(cls.id)
        return
      }
      if (isApiError(e) && e.code === 'ENROLLMENT_CLOSED') notify(cls.id, { ok: false, text: zh.enrollment.closed })
      else if (isApiError(e) && e.code === 'PROFILE_REQUIRED') notify(cls.id, { ok: false, text: e.message, profileRequired: true })
      else notify(cls.id, { ok: false, text: errorMessage(e) })
    }
    await refresh(cls.id)
    end(cls.id)
  }

  const cancel = async (cls: TrainingClass) => {
    if (busy.current.has(cls.id)) return
    const answer = await Taro.showModal({
      title: zh.enrollment.cancelTitle,
      content: zh.enrollment.cancelContent(cls.title),
      confirmText: zh.enrollment.cancelConfirm,
      cancelText: zh.enrollment.cancelKeep,
    })
    if (!answer?.confirm || !begin(cls.id)) return
    try {
      await cancelEnrollment(cls.id)
      notify(cls.id, { ok: true, text: zh.enrollment.cancelled })
    } catch (e) {
      if (leaveIfSessionExpired(e)) {
        end(cls.id)
        return
      }
      notify(cls.id, { ok: false, text: errorMessage(e) })
    }
    await refresh(cls.id)
    end(cls.id)
  }

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />

  const { course, reference } = state.data
  const classes = course.upcomingClasses ?? []
  const t = zh.courses
  const audienceLabel = (value: string) => reference?.categories.find((o) => o.value === value)?.label ?? value

  return (
    <View className='page course'>
      <View className='card'>
        <Text className='course__title'>{course.title}</Text>
        <View className='course__meta'>
          <Text className={`tag tag--${course.category}`}>{courseCategoryLabel(course.category)}</Text>
          <Text className='course__fact'>{t.hours(course.creditHours)}</Text>
          <Text className='course__fact'>{deliveryModeLabel(course.deliveryMode)}</Text>
        </View>
        <Text className='course__summary'>{course.summary}</Text>
      </View>

      {/* the classes come first after the summary: signing up is why most people open this page */}
      <Text className='section__title course__classes-title'>{t.classes}</Text>
      {classes.length ? (
        classes.map((cls) => (
          <ClassCard
            key={cls.id}
            cls={cls}
            notice={notices[cls.id]}
            busy={busyIds.includes(cls.id)}
            onEnroll={() => void signUp(cls)}
            onCancel={() => void cancel(cls)}
          />
        ))
      ) : (
        <View className='card'>
          <Text className='course__none'>{t.noClasses}</Text>
        </View>
      )}

      <Chips title={t.topics} values={course.topics} chipClassName='chip' />
      <Chips title={t.audience} values={course.audience} label={audienceLabel} chipClassName='chip chip--audience' />

      {course.outline.length ? (
        <View className='card'>
          <Text className='section__title'>{t.outline}</Text>
          {course.outline.map((item, i) => (
            <View key={i} className='outline__item'>
              <View className='card-head'>
                <Text className='outline__title'>
                  {i + 1}. {item.title}
                </Text>
                <Text className='outline__hours'>{t.hours(item.hours)}</Text>
              </View>
              {item.description ? <Text className='outline__desc'>{item.description}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

/** A card of chips (the topics, the audience); nothing when there are none. */
function Chips({ title, values, label = (v) => v, chipClassName }: { title: string; values: string[]; label?: (value: string) => string; chipClassName: string }) {
  if (!values.length) return null
  return (
    <View className='card'>
      <Text className='section__title'>{title}</Text>
      <View className='chips'>
        {values.map((v) => (
          <Text key={v} className={chipClassName}>
            {label(v)}
          </Text>
        ))}
      </View>
    </View>
  )
}

interface ClassCardProps {
  cls: TrainingClass
  notice?: ClassNotice
  busy: boolean
  onEnroll: () => void
  onCancel: () => void
}

function ClassCard({ cls, notice, busy, onEnroll, onCancel }: ClassCardProps) {
  const c = zh.classes
  const mine = cls.myEnrollment
  return (
    <View className='card klass' id={`class-${cls.id}`}>
      <CardHead title={cls.title}>
        <Text className={`tag tag--${cls.status}`}>{classStatusLabel(cls.status)}</Text>
      </CardHead>
      <InfoRow label={c.dates} value={formatDateRange(cls.startDate, cls.endDate)} />
      <InfoRow label={c.location} value={cls.location} />
      <InfoRow
        label={c.enrollWindow}
        value={
          <>
            {formatDateTime(cls.enrollOpensAt)} - {formatDateTime(cls.enrollClosesAt)}
          </>
        }
      />
      {cls.cancelDeadline ? <InfoRow label={c.cancelDeadline} value={formatDateTime(cls.cancelDeadline)} /> : null}
      <Text className='klass__seats'>{c.seats(cls.seatsLeft, cls.waitlistCount)}</Text>
      {cls.requiresApproval ? <Text className='klass__note'>{c.requiresApproval}</Text> : null}

      {notice ? (
        <View className={notice.ok ? 'klass__notice klass__notice--ok' : 'klass__notice klass__notice--error'}>
          <Text className='klass__notice-text'>{notice.text}</Text>
          {notice.profileRequired ? (
            <Button className='btn btn--primary klass__notice-btn' onClick={goProfileEdit}>
              {zh.enrollment.goProfile}
            </Button>
          ) : null}
        </View>
      ) : null}

      {mine ? (
        <View className='klass__mine'>
          <Text className={`tag tag--${mine.status}`}>{enrollmentStatusLabel(mine)}</Text>
          <Button className={busy ? 'btn btn--plain klass__btn btn--busy' : 'btn btn--plain klass__btn'} onClick={onCancel}>
            {zh.enrollment.cancel}
          </Button>
        </View>
      ) : cls.status === 'open' ? (
        <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={onEnroll}>
          {zh.enrollment.enroll}
        </Button>
      ) : null}
    </View>
  )
}
