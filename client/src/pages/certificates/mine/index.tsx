import { Button, Text, View } from '@tarojs/components'
import { downloadCertificatePdf, getMyCertificates } from '../../../api'
import type { Certificate } from '../../../api'
import { CardHead } from '../../../components/CardHead'
import { InfoRow } from '../../../components/InfoRow'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useOneAction } from '../../../hooks/useOneAction'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { downloadAndPresent } from '../../../utils/files'
import { courseCategoryLabel } from '../../../utils/labels'
import { goVerifyCertificate } from '../../../utils/nav'
import { formatFullDate } from '../../../utils/time'
import './index.css'

export default function MyCertificatesPage() {
  const t = zh.certificates
  const { state, reload } = useSignedInData(getMyCertificates, [])
  const { busy: busyCode, run } = useOneAction<string>()

  const download = (cert: Certificate) =>
    run(cert.code, async () => {
      await downloadAndPresent(() => downloadCertificatePdf(cert.code), { fileName: `certificate-${cert.code}.pdf`, fileType: 'pdf', open: true })
    })

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  if (!state.data.length) {
    return (
      <View className='page'>
        <EmptyState text={t.mineEmpty} />
        <Text className='certs__hint'>{t.mineEmptyHint}</Text>
      </View>
    )
  }

  return (
    <View className='page certs'>
      {state.data.map((c) => (
        <View key={c.code} className='card cert'>
          <CardHead title={c.courseTitle}>
            <Text className={c.revokedAt ? 'tag tag--rejected' : `tag tag--${c.category}`}>{c.revokedAt ? t.revoked : courseCategoryLabel(c.category)}</Text>
          </CardHead>
          <Text className='cert__class'>{c.classTitle}</Text>
          <InfoRow label={t.hours} value={zh.credits.hours(c.hours)} />
          <InfoRow label={t.issuedAt} value={formatFullDate(c.issuedAt)} />
          <InfoRow label={t.code} value={c.code} valueClassName='cert__code' />
          <View className='cert__actions'>
            <Button className='btn btn--plain cert__btn' onClick={() => goVerifyCertificate(c.code)}>
              {t.verify}
            </Button>
            {c.revokedAt ? null : (
              <Button
                className={busyCode === c.code ? 'btn btn--primary cert__btn btn--busy' : 'btn btn--primary cert__btn'}
                onClick={() => void download(c)}
              >
                {busyCode === c.code ? t.downloading : t.download}
              </Button>
            )}
          </View>
        </View>
      ))}
    </View>
  )
}
