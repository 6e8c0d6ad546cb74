import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { downloadCertificatePdf, errorMessage, getMyCertificates, isApiError, isSignedIn, signOut } from '../../../api'
import type { Certificate } from '../../../api'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { zh } from '../../../text/zh'
import { presentDownload } from '../../../utils/files'
import { courseCategoryLabel } from '../../../utils/labels'
import { goLogin, goVerifyCertificate } from '../../../utils/nav'
import { formatFullDate } from '../../../utils/time'
import './index.css'

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; items: Certificate[] }

export default function MyCertificatesPage() {
  const t = zh.certificates
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [busyCode, setBusyCode] = useState<string | null>(null)
  const busy = useRef(false)
  const inFlight = useRef(false)

  const expired = () => {
    signOut()
    goLogin()
  }

  const load = useCallback(async (showSpinner: boolean) => {
    if (!isSignedIn()) {
      goLogin()
      return
    }
    if (inFlight.current) return
    inFlight.current = true
    if (showSpinner) setState({ kind: 'loading' })
    try {
      setState({ kind: 'ready', items: await getMyCertificates() })
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        expired()
        return
      }
      if (showSpinner) setState({ kind: 'error', message: errorMessage(e) })
    } finally {
      inFlight.current = false
    }
  }, [])

  useEffect(() => {
    void load(true)
  }, [load])

  useDidShow(() => {
    void load(false)
  })

  const download = async (cert: Certificate) => {
    if (busy.current) return
    busy.current = true
    setBusyCode(cert.code)
    try {
      const file = await downloadCertificatePdf(cert.code)
      await presentDownload(file, { fileName: `certificate-${cert.code}.pdf`, fileType: 'pdf', open: true })
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        expired()
        return
      }
      Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 3000 })
    } finally {
      busy.current = false
      setBusyCode(null)
    }
  }

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load(true)} />
  if (!state.items.length) {
    return (
      <View className='page'>
        <EmptyState text={t.mineEmpty} />
        <Text className='certs__hint'>{t.mineEmptyHint}</Text>
      </View>
    )
  }

  return (
    <View className='page certs'>
      {state.items.map((c) => (
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
