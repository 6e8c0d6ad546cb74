import { Button, Text, View } from '@tarojs/components'
import { downloadCertificatePdf, getMyCertificates } from '../../../api'
import type { Certificate } from '../../../api'
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
          <View className='cert__head'>
            <Text className='cert__course'>{c.courseTitle}</Text>
            <Text className={`tag tag--${c.category}`}>{courseCategoryLabel(c.category)}</Text>
          </View>
          <Text className='cert__class'>{c.classTitle}</Text>
          <View className='cert__row'>
            <Text className='cert__label'>{t.hours}</Text>
            <Text className='cert__value'>{zh.credits.hours(c.hours)}</Text>
          </View>
          <View className='cert__row'>
            <Text className='cert__label'>{t.issuedAt}</Text>
            <Text className='cert__value'>{formatFullDate(c.issuedAt)}</Text>
          </View>
          <View className='cert__row'>
            <Text className='cert__label'>{t.code}</Text>
            <Text className='cert__value cert__code'>{c.code}</Text>
          </View>
          <View className='cert__actions'>
            <Button className='btn btn--plain cert__btn' onClick={() => goVerifyCertificate(c.code)}>
              {t.verify}
            </Button>
            <Button
              className={busyCode === c.code ? 'btn btn--primary cert__btn btn--busy' : 'btn btn--primary cert__btn'}
              onClick={() => void download(c)}
            >
              {busyCode === c.code ? t.downloading : t.download}
            </Button>
          </View>
        </View>
      ))}
    </View>
  )
}
