import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { errorMessage, getMyCredits, isApiError, isSignedIn } from '../../../api'
import type { CreditRecord, CreditSummary } from '../../../api'
import { HoursBar } from '../../../components/HoursBar'
import { ErrorState, LoadingState } from '../../../components/states'
import { zh } from '../../../text/zh'
import { courseCategoryLabel, creditSourceLabel } from '../../../utils/labels'
import { goCreditClaim, goCreditClaims, goLogin, goProfileEdit } from '../../../utils/nav'
import { formatDate, shanghaiYear } from '../../../utils/time'
import { leaveIfSessionExpired } from '../../../utils/failure'
import './index.css'

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'profileRequired'; message: string }
  | { kind: 'ready'; summary: CreditSummary }

/** This year and the four before it. */
function yearChoices(): number[] {
  const now = shanghaiYear()
  return [0, 1, 2, 3, 4].map((back) => now - back)
}

export default function MyCreditsPage() {
  const t = zh.credits
  const [years] = useState(yearChoices)
  const [year, setYear] = useState(years[0])
  const [state, setState] = useState<State>({ kind: 'loading' })
  const latest = useRef(0)

  const load = useCallback(async (y: number, showSpinner: boolean) => {
    if (!isSignedIn()) {
      goLogin()
      return
    }
    // the answer of the last year asked for wins (a quick tap on another year)
    const ticket = ++latest.current
    if (showSpinner) setState({ kind: 'loading' })
    try {
      const summary = await getMyCredits(y)
      if (ticket === latest.current) setState({ kind: 'ready', summary })
    } catch (e) {
      if (ticket !== latest.current) return
      if (leaveIfSessionExpired(e)) return
      if (isApiError(e) && e.code === 'PROFILE_REQUIRED') setState({ kind: 'profileRequired', message: e.message })
      else if (showSpinner) setState({ kind: 'error', message: errorMessage(e) })
    }
  }, [])

  useEffect(() => {
    void load(year, true)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // back from a claim or the record form: numbers may have changed
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void load(year, false)
    shown.current = true
  })

  const pick = (y: number) => {
    if (y === year && state.kind === 'ready') return
    setYear(y)
    void load(y, true)
  }

  return (
    <View className='page credits'>
      <View className='credits__years'>
        {years.map((y) => (
          <Text key={y} className={y === year ? 'credits__year credits__year--active' : 'credits__year'} onClick={() => pick(y)}>
            {t.yearLabel(y)}
          </Text>
        ))}
      </View>

      {state.kind === 'loading' ? <LoadingState /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void load(year, true)} /> : null}
      {state.kind === 'profileRequired' ? (
        <View className='card credits__notice'>
          <Text className='credits__notice-text'>{state.message}</Text>
          <Button className='btn btn--primary' onClick={goProfileEdit}>
            {zh.enrollment.goProfile}
          </Button>
        </View>
      ) : null}
      {state.kind === 'ready' ? <Summary summary={state.summary} /> : null}
    </View>
  )
}

function Summary({ summary: s }: { summary: CreditSummary }) {
  const t = zh.credits
  return (
    <View>
      <View className='card credits__summary'>
        <View className='credits__head'>
          <View>
            <Text className='credits__label'>{t.earned}</Text>
            <View className='credits__total'>
              <Text className='credits__earned'>{s.earnedHours}</Text>
              <Text className='credits__required'>{t.ofRequired(s.requiredHours)}</Text>
            </View>
          </View>
          <Text className={s.compliant ? 'credits__badge credits__badge--ok' : 'credits__badge'}>
            {s.compliant ? t.compliant : t.missing(s.missingHours)}
          </Text>
        </View>
        <HoursBar summary={s} />
        <View className='credits__split'>
          <View className='credits__part'>
            <Text className='credits__part-label'>{t.professional}</Text>
            <Text className='credits__part-value'>{t.professionalOf(s.professionalHours, s.minProfessionalHours)}</Text>
            {s.missingProfessionalHours > 0 ? (
              <Text className='credits__part-missing'>{t.missingProfessional(s.missingProfessionalHours)}</Text>
            ) : null}
          </View>
          <View className='credits__part'>
            <Text className='credits__part-label'>{t.public}</Text>
            <Text className='credits__part-value'>{t.hours(s.publicHours)}</Text>
          </View>
        </View>
        <View className='credits__actions'>
          <Button className='btn btn--primary credits__action' onClick={goCreditClaim}>
            {t.claim}
          </Button>
          <Button className='btn btn--plain credits__action' onClick={goCreditClaims}>
            {t.myClaims}
          </Button>
        </View>
      </View>

      <Text className='section__title'>{t.records}</Text>
      {s.records.length ? (
        s.records.map((r, i) => <RecordRow key={i} record={r} />)
      ) : (
        <View className='card'>
          <Text className='credits__none'>{t.noRecords}</Text>
        </View>
      )}
    </View>
  )
}

function RecordRow({ record: r }: { record: CreditRecord }) {
  const t = zh.credits
  return (
    <View className='card credit-record'>
      <View className='credit-record__head'>
        <Text className='credit-record__title'>{r.title}</Text>
        <Text className='credit-record__hours'>{t.hours(r.hours)}</Text>
      </View>
      <View className='credit-record__meta'>
        <Text className={`tag tag--${r.category}`}>{courseCategoryLabel(r.category)}</Text>
        <Text className={`tag tag--source-${r.source}`}>{creditSourceLabel(r.source)}</Text>
        <Text className='credit-record__date'>{formatDate(r.date)}</Text>
      </View>
      {r.note ? <Text className='credit-record__note'>{r.note}</Text> : null}
      {r.certificateCode ? (
        <Text className='credit-record__cert'>
          {t.certificateCode} {r.certificateCode}
        </Text>
      ) : null}
    </View>
  )
}
