import { Text, View } from '@tarojs/components'
import { verifyCertificate } from '../../../api'
import { InfoRow } from '../../../components/InfoRow'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { VerifyNotFound } from '../../../components/VerifyNotFound'
import { useCodeLookup } from '../../../hooks/useCodeLookup'
import { zh } from '../../../text/zh'
import { formatFullDate } from '../../../utils/time'
import './index.css'

/** Public: anyone holding a certificate's code (or its QR) sees whether it is genuine. No sign-in. */
export default function VerifyCertificatePage() {
  const t = zh.certificates
  const { code, state, reload } = useCodeLookup(verifyCertificate)

  if (!code) return <EmptyState text={t.missingCode} />
  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  if (state.kind === 'notFound') return <VerifyNotFound title={t.notFound} hint={t.notFoundHint} code={code} />

  const cert = state.found
  return (
    <View className='page verify'>
      <View className={cert.valid ? 'card verify__result' : 'card verify__result verify__result--bad'}>
        <Text className='verify__mark'>{cert.valid ? '✓' : '✕'}</Text>
        <Text className='verify__title'>{cert.valid ? t.valid : t.invalid}</Text>
        <Text className='verify__code'>
          {t.code} {cert.code}
        </Text>
        {cert.revokedAt ? <Text className='verify__code'>{t.revokedAt(formatFullDate(cert.revokedAt))}</Text> : null}
      </View>
      <View className='card'>
        <InfoRow className='verify__row' label={t.holder} value={cert.holderName} />
        <InfoRow className='verify__row' label={t.course} value={cert.courseTitle} />
        <InfoRow className='verify__row' label={t.class} value={cert.classTitle} />
        <InfoRow className='verify__row' label={t.hours} value={zh.credits.hours(cert.hours)} />
        <InfoRow className='verify__row' label={t.issuedAt} value={formatFullDate(cert.issuedAt)} />
      </View>
      <Text className='verify__note'>{t.verifyNote}</Text>
    </View>
  )
}
