import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { downloadMyStatement, getMyCredits, isApiError } from '../../../api'
import type { CreditRecord, CreditSummary } from '../../../api'
import { CardHead } from '../../../components/CardHead'
import { HoursBar } from '../../../components/HoursBar'
import { ErrorState, LoadingState } from '../../../components/states'
import { useOneAction } from '../../../hooks/useOneAction'
import { zh } from '../../../text/zh'
import { downloadAndPresent } from '../../../utils/files'
import { courseCategoryLabel, creditSourceLabel } from '../../../utils/labels'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { goCreditClaim, goCreditClaims, goProfileEdit } from '../../../utils/nav'
import { formatDate, recentYears } from '../../../utils/time'
import './index.css'

/** What the year's page shows: the summary, or (no talent record yet) why there is none. */
type YearView = { kind: 'summary'; summary: CreditSummary } | { kind: 'profileRequired'; message: string }

/** A year's summary; a practitioner without a talent record is told to fill it in, not shown an error. */
async function yearView(year: number): Promise<YearView> {
  try {
    return { kind: 'summary', summary: await getMyCredits(year) }
  } catch (e) {
    if (isApiError(e) && e.code === 'PROFILE_REQUIRED') return { kind: 'profileRequired', message: e.message }
    throw e
  }
}

export default function MyCreditsPage() {
  const t = zh.credits
  const [years] = useState(() => recentYears())
  const [year, setYear] = useState(years[0])
  // the last year asked for wins; back from a claim or the record form it refreshes quietly
  const { state, reload } = useSignedInData(() => yearView(year), [year])

  const pick = (y: number) => {
    if (y === year && state.kind === 'ready') return
    if (y === year) void reload(true)
    else setYear(y)
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
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void reload(true)} /> : null}
      {state.kind === 'ready' && state.data.kind === 'profileRequired' ? (
        <View className='card credits__notice'>
          <Text className='credits__notice-text'>{state.data.message}</Text>
          <Button className='btn btn--primary' onClick={goProfileEdit}>
            {zh.enrollment.goProfile}
          </Button>
        </View>
      ) : null}
      {state.kind === 'ready' && state.data.kind === 'summary' ? <Summary summary={state.data.summary} /> : null}
    </View>
  )
}

function Summary({ summary: s }: { summary: CreditSummary }) {
  const t = zh.credits
  const { busy, run } = useOneAction<'statement'>()

  // 继续教育学时证明 of the year shown: the server writes it (records, totals, rule, QR code); kept as a file
  const downloadStatement = () =>
    run('statement', () =>
      downloadAndPresent(() => downloadMyStatement(s.year), { fileName: zh.statements.fileName(s.year), fileType: 'pdf', done: zh.statements.downloaded }),
    )

  return (
    <View>
      <View className='card credits__summary'>
        <View className='card-head'>
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
        <Button className={busy ? 'btn btn--plain credits__statement btn--busy' : 'btn btn--plain credits__statement'} onClick={() => void downloadStatement()}>
          {busy ? zh.statements.downloading : zh.statements.download}
        </Button>
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
      <CardHead title={r.title}>
        <Text className='credit-record__hours'>{t.hours(r.hours)}</Text>
      </CardHead>
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
