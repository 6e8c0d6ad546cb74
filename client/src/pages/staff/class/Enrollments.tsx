import { useCallback, useEffect, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { approveEnrollment, getRoster, rejectEnrollment, updateClass } from '../../../api'
import type { RosterEntry, TrainingClass } from '../../../api'
import { NoticeText } from '../../../components/NoticeText'
import type { Notice } from '../../../components/NoticeText'
import { useOneAction } from '../../../hooks/useOneAction'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { enrollmentStatusLabel } from '../../../utils/labels'

interface Props {
  cls: TrainingClass
  /** Something changed the class's counts: the page reloads it. */
  onChanged: () => Promise<void>
}

/**
 * 报名管理 for one class: capacity (raising it promotes the waitlist), pending sign-ups to approve or
 * reject, and the waitlist in queue order. Every rule (seats, order, promotion) is the server's.
 */
export function ClassEnrollments({ cls, onChanged }: Props) {
  const t = zh.staff
  const [people, setPeople] = useState<RosterEntry[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [capacity, setCapacity] = useState(String(cls.capacity))
  const [notice, setNotice] = useState<Notice | null>(null)
  const { busy: busyId, run: runOne, running } = useOneAction<number | 'capacity'>()
  const open = cls.status === 'open' || cls.status === 'closed'

  const loadPeople = useCallback(async () => {
    try {
      const [pending, waitlisted] = await Promise.all([getRoster(cls.id, 'pending'), getRoster(cls.id, 'waitlisted')])
      setPeople([...pending, ...waitlisted])
      setLoadError(null)
    } catch (e) {
      const message = failureMessage(e)
      if (message !== null) setLoadError(message)
    }
  }, [cls.id])

  useEffect(() => {
    void loadPeople()
  }, [loadPeople, cls.enrolledCount, cls.waitlistCount, cls.pendingCount])

  useEffect(() => {
    setCapacity(String(cls.capacity))
  }, [cls.capacity])

  /** One roster action: its outcome in words, then the class's counts reloaded. */
  const run = (what: number | 'capacity', call: () => Promise<string>) =>
    runOne(what, async () => {
      setNotice(null)
      try {
        setNotice({ ok: true, text: await call() })
        await onChanged()
      } catch (e) {
        const message = failureMessage(e)
        if (message !== null) setNotice({ ok: false, text: message })
      }
    })

  const saveCapacity = () =>
    run('capacity', async () => {
      const updated = await updateClass(cls.id, { capacity: Number(capacity.trim()) })
      return t.capacitySaved(updated.capacity)
    })

  const approve = (entry: RosterEntry) =>
    run(entry.id, async () => {
      const outcome = await approveEnrollment(entry.id)
      return outcome.status === 'enrolled' ? t.approvedSeat(entry.name) : t.approvedWaitlist(entry.name, outcome.waitlistPosition ?? 0)
    })

  const reject = async (entry: RosterEntry) => {
    if (running.current) return
    const answer = await Taro.showModal({ title: t.rejectTitle, content: t.rejectContent(entry.name), confirmText: t.rejectConfirm, cancelText: t.keep })
    if (!answer?.confirm) return
    await run(entry.id, async () => {
      await rejectEnrollment(entry.id)
      return t.rejected(entry.name)
    })
  }

  const pending = (people ?? []).filter((p) => p.status === 'pending')
  const waitlisted = (people ?? []).filter((p) => p.status === 'waitlisted')

  return (
    <View className='card sc__enrollments'>
      <Text className='card__title'>{t.enrollmentsTitle}</Text>
      <Text className='sc__counts'>{t.counts(cls.capacity, cls.enrolledCount, cls.waitlistCount, cls.pendingCount)}</Text>
      <NoticeText notice={notice} className='sc__notice' />

      {open ? (
        <View className='sc__capacity'>
          <Text className='sc__label'>{t.capacity}</Text>
          <Input className='sc__capacity-input' type='number' value={capacity} aria-label={t.capacity} onInput={(e) => setCapacity(e.detail.value)} />
          <Button
            className={busyId === 'capacity' ? 'btn btn--plain sc__small btn--busy' : String(cls.capacity) === capacity.trim() ? 'btn btn--plain sc__small btn--off' : 'btn btn--plain sc__small'}
            onClick={() => String(cls.capacity) !== capacity.trim() && void saveCapacity()}
          >
            {t.saveCapacity}
          </Button>
        </View>
      ) : null}

      {loadError ? <Text className='form-error'>{loadError}</Text> : null}

      {cls.requiresApproval || pending.length ? (
        <View className='sc__group'>
          <Text className='sc__group-title'>{t.pendingTitle(pending.length)}</Text>
          {pending.length === 0 ? <Text className='sc__none'>{t.noPending}</Text> : null}
          {pending.map((p) => (
            <View key={p.id} className='sc__person'>
              <View className='sc__person-main'>
                <Text className='sc__person-name'>{p.name}</Text>
                <Text className='sc__person-org'>
                  {p.orgName} · {p.districtName}
                </Text>
              </View>
              {open ? (
                <View className='sc__person-actions'>
                  <Button className={busyId === p.id ? 'btn btn--primary sc__small btn--busy' : 'btn btn--primary sc__small'} onClick={() => void approve(p)}>
                    {t.approve}
                  </Button>
                  <Button className='btn btn--plain sc__small' onClick={() => void reject(p)}>
                    {t.reject}
                  </Button>
                </View>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}

      {waitlisted.length ? (
        <View className='sc__group'>
          <Text className='sc__group-title'>{t.waitlistTitle(waitlisted.length)}</Text>
          {waitlisted.map((p) => (
            <View key={p.id} className='sc__person'>
              <View className='sc__person-main'>
                <Text className='sc__person-name'>{p.name}</Text>
                <Text className='sc__person-org'>{p.orgName}</Text>
              </View>
              <Text className='tag tag--waitlisted'>{enrollmentStatusLabel(p)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
