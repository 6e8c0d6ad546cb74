import { useEffect, useRef, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidHide } from '@tarojs/taro'
import { checkIn, errorMessage, isApiError, isSignedIn } from '../../../api'
import type { Checkin } from '../../../api'
import { Field } from '../../../components/Field'
import { zh } from '../../../text/zh'
import { goLogin, goProfileEdit } from '../../../utils/nav'
import { formatDateTime } from '../../../utils/time'
import { cameraScanAvailable, startCameraScan } from './camera'
import type { CameraScan } from './camera'
import { leaveIfSessionExpired } from '../../../utils/failure'
import './index.css'

type Outcome =
  | { ok: true; checkin: Checkin }
  | { ok: false; text: string; profileRequired?: boolean }

/** Replaced at build time; functions (not module constants) so a test can render either platform. */
const isH5 = () => process.env.TARO_ENV === 'h5'
const isWeapp = () => process.env.TARO_ENV === 'weapp'

export default function CheckinPage() {
  const t = zh.attendance
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [cameraOffered, setCameraOffered] = useState(false)
  const [scanning, setScanning] = useState(false)
  const [cameraError, setCameraError] = useState<string | null>(null)
  const busyRef = useRef(false)
  const videoRef = useRef<HTMLVideoElement | null>(null)
  const scanRef = useRef<CameraScan | null>(null)

  useEffect(() => {
    if (!isSignedIn()) {
      goLogin()
      return
    }
    let alive = true
    if (isH5()) {
      void cameraScanAvailable().then((yes) => {
        if (alive) setCameraOffered(yes)
      })
    }
    return () => {
      alive = false
    }
  }, [])

  const stopCamera = () => {
    scanRef.current?.stop()
    scanRef.current = null
    setScanning(false)
  }

  // leaving the page (or the app going to the background) turns the camera off
  useEffect(() => () => scanRef.current?.stop(), [])
  useDidHide(() => stopCamera())

  const submit = async (token: string) => {
    const value = token.trim()
    if (!value) {
      setOutcome({ ok: false, text: t.fillCode })
      return
    }
    if (busyRef.current) return
    busyRef.current = true
    setBusy(true)
    setOutcome(null)
    try {
      const checkin = await checkIn(value)
      setOutcome({ ok: true, checkin })
      setCode('')
    } catch (e) {
      if (leaveIfSessionExpired(e)) return
      if (isApiError(e) && e.code === 'CHECKIN_TOKEN_INVALID') setOutcome({ ok: false, text: t.invalid })
      else if (isApiError(e) && e.code === 'PROFILE_REQUIRED') setOutcome({ ok: false, text: e.message, profileRequired: true })
      else setOutcome({ ok: false, text: errorMessage(e) })
    } finally {
      busyRef.current = false
      setBusy(false)
    }
  }

  /** weapp: WeChat's own scanner. Backing out of it is not an error. */
  const scanWeapp = async () => {
    if (busyRef.current) return
    let result = ''
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      result = res.result
    } catch {
      return
    }
    await submit(result)
  }

  /** h5: the camera in a <video>, read by BarcodeDetector until a QR code shows up. */
  const scanCamera = () => {
    setCameraError(null)
    setOutcome(null)
    setScanning(true)
  }

  useEffect(() => {
    if (!isH5() || !scanning || !videoRef.current) return
    let cancelled = false
    startCameraScan(videoRef.current, (text) => {
      if (cancelled) return
      stopCamera()
      void submit(text)
    })
      .then((scan) => {
        if (cancelled) scan.stop()
        else scanRef.current = scan
      })
      .catch(() => {
        if (cancelled) return
        setScanning(false)
        setCameraError(t.cameraFailed)
      })
    return () => {
      cancelled = true
      scanRef.current?.stop()
      scanRef.current = null
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scanning])

  return (
    <View className='page checkin'>
      <View className='card'>
        <Text className='checkin__intro'>{t.checkinIntro}</Text>

        {isWeapp() ? (
          <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void scanWeapp()}>
            {t.scan}
          </Button>
        ) : null}

        {isH5() && cameraOffered ? (
          scanning ? (
            <View className='checkin__camera'>
              <video ref={videoRef} className='checkin__video' autoPlay muted playsInline />
              <Text className='checkin__camera-hint'>{t.cameraHint}</Text>
              <Button className='btn btn--plain' onClick={stopCamera}>
                {t.cameraStop}
              </Button>
            </View>
          ) : (
            <Button className='btn btn--primary' onClick={scanCamera}>
              {t.camera}
            </Button>
          )
        ) : null}
        {cameraError ? <Text className='form-error checkin__camera-error'>{cameraError}</Text> : null}
      </View>

      <View className='card'>
        <Field label={t.codeLabel}>
          <Input
            className='field__input checkin__code'
            type='number'
            maxlength={6}
            value={code}
            placeholder={t.codePlaceholder}
            onInput={(e) => setCode(e.detail.value)}
            onConfirm={() => void submit(code)}
          />
        </Field>
        <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void submit(code)}>
          {busy ? zh.common.submitting : t.submit}
        </Button>
      </View>

      {outcome ? <OutcomePanel outcome={outcome} /> : null}
    </View>
  )
}

function OutcomePanel({ outcome }: { outcome: Outcome }) {
  const t = zh.attendance
  if (outcome.ok) {
    const late = outcome.checkin.status === 'late'
    return (
      <View className={late ? 'card checkin__result checkin__result--late' : 'card checkin__result checkin__result--ok'}>
        <Text className='checkin__mark'>{late ? '!' : '✓'}</Text>
        <Text className='checkin__title'>{late ? t.late : t.present}</Text>
        <Text className='checkin__time'>{t.checkedInAt(formatDateTime(outcome.checkin.checkedInAt))}</Text>
      </View>
    )
  }
  return (
    <View className='card checkin__result checkin__result--error'>
      <Text className='checkin__error'>{outcome.text}</Text>
      {outcome.profileRequired ? (
        <Button className='btn btn--primary' onClick={goProfileEdit}>
          {zh.enrollment.goProfile}
        </Button>
      ) : null}
    </View>
  )
}
