import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { errorMessage, isApiError, verifyCertificate } from '../../../api'
import type { CertificateVerification } from '../../../api'
import { InfoRow } from '../../../components/InfoRow'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { zh } from '../../../text/zh'
import { formatFullDate } from '../../../utils/time'
import './index.css'

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'notFound' }
  | { kind: 'ready'; cert: CertificateVerification }

function paramCode(raw: string | undefined): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw).trim().toUpperCase()
  } catch {
    return raw.trim().toUpperCase()
  }
}

/** Public: anyone holding a certificate's code (or its QR) sees whether it is genuine. No sign-in. */
export default function VerifyCertificatePage() {
  const t = zh.certificates
  const router = useRouter()
  const code = paramCode(router.params?.code)
  const [state, setState] = useState<State>({ kind: 'loading' })

  const load = useCallback(async () => {
    if (!code) return
    setState({ kind: 'loading' })
    try {
      setState({ kind: 'ready', cert: await verifyCertificate(code) })
    } catch (e) {
      if (isApiError(e) && e.status === 404) setState({ kind: 'notFound' })
      else setState({ kind: 'error', message: errorMessage(e) })
    }
  }, [code])

  useEffect(() => {
    void load()
  }, [load])

  if (!code) return <EmptyState text={t.missingCode} />
  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load()} />
  if (state.kind === 'notFound') {
    return (
      <View className='page verify'>
        <View className='card verify__result verify__result--bad'>
          <Text className='verify__mark'>✕</Text>
          <Text className='verify__title'>{t.notFound}</Text>
          <Text className='verify__hint'>{t.notFoundHint}</Text>
          <Text className='verify__code'>{code}</Text>
        </View>
      </View>
    )
  }

  const { cert } = state
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
