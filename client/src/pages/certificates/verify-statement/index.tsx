import { Text, View } from '@tarojs/components'
import { verifyStatement } from '../../../api'
import { InfoRow } from '../../../components/InfoRow'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { VerifyNotFound } from '../../../components/VerifyNotFound'
import { useCodeLookup } from '../../../hooks/useCodeLookup'
import { zh } from '../../../text/zh'
import { formatFullDate } from '../../../utils/time'
import '../verify/index.css'
import './index.css'

/**
 * Public: anyone holding a continuing-education statement's code (or its QR, /verify-statement/<code>)
 * sees what it said when issued, and whether a later statement of the same year replaced it. No sign-in.
 */
export default function VerifyStatementPage() {
  const t = zh.statements
  const { code, state, reload } = useCodeLookup(verifyStatement)

  if (!code) return <EmptyState text={t.missingCode} />
  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  if (state.kind === 'notFound') return <VerifyNotFound title={t.notFound} hint={t.notFoundHint} code={code} />

  const s = state.found
  const hours = zh.credits.hours
  return (
    <View className='page verify'>
      <View className={s.valid ? 'card verify__result' : 'card verify__result verify__result--bad'}>
        <Text className='verify__mark'>{s.valid ? '✓' : '✕'}</Text>
        <Text className='verify__title'>{s.valid ? t.valid : t.invalid}</Text>
        <Text className='verify__code'>
          {t.code} {s.code}
        </Text>
        {s.superseded ? <Text className='verify__hint verify__superseded'>{t.superseded}</Text> : null}
      </View>
      <View className='card'>
        <InfoRow className='verify__row' label={t.holder} value={s.holderName} />
        <InfoRow className='verify__row' label={t.year} value={t.yearValue(s.year)} />
        <InfoRow className='verify__row' label={t.totalHours} value={hours(s.totalHours)} />
        <InfoRow className='verify__row' label={t.professionalHours} value={hours(s.professionalHours)} />
        <InfoRow
          className='verify__row'
          label={t.requiredHours}
          value={s.requiredHours === null ? t.noRule : t.required(s.requiredHours, s.minProfessionalHours)}
        />
        <InfoRow
          className='verify__row'
          label={t.result}
          value={<Text className={s.compliant ? 'tag tag--completed' : 'tag tag--pending'}>{s.compliant ? t.compliant : t.notCompliant}</Text>}
        />
        <InfoRow className='verify__row' label={t.issuedAt} value={formatFullDate(s.issuedAt)} />
      </View>
      <Text className='verify__note'>{t.verifyNote}</Text>
    </View>
  )
}
