import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { confirmPasswordReset, errorMessage, isApiError, requestPasswordReset } from '../../../api'
import { NoticeText } from '../../../components/NoticeText'
import type { Notice } from '../../../components/NoticeText'
import { TextField } from '../../../components/TextField'
import { useOneAction } from '../../../hooks/useOneAction'
import { zh } from '../../../text/zh'
import { goAfterSignIn, goBack, goLogin } from '../../../utils/nav'
import './index.css'
import { newPasswordProblem } from '../../../utils/newPassword'

/** Seconds the 获取验证码 button waits after a code was asked for (how often one may be sent is the server's). */
export const RESEND_SECONDS = 60

interface Form {
  phone: string
  code: string
  newPassword: string
  repeatPassword: string
}
type Errors = Partial<Record<keyof Form, string>>

/**
 * 找回密码: the phone → an SMS code (the button then counts down; a refusal, e.g. too many codes or
 * SMS unavailable, is the server's message) → the code and a new password → signed in, home.
 */
export default function PasswordResetPage() {
  const t = zh.account
  const [form, setForm] = useState<Form>({ phone: '', code: '', newPassword: '', repeatPassword: '' })
  const [errors, setErrors] = useState<Errors>({})
  const [notice, setNotice] = useState<Notice | null>(null)
  const [wait, setWait] = useState(0)
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)
  const { busy, run } = useOneAction<'send' | 'confirm'>()

  const stopTimer = () => {
    if (timer.current) clearInterval(timer.current)
    timer.current = null
  }
  useEffect(() => stopTimer, [])
  useEffect(() => {
    if (wait === 0) stopTimer()
  }, [wait])

  const startCountdown = () => {
    stopTimer()
    setWait(RESEND_SECONDS)
    timer.current = setInterval(() => setWait((s) => Math.max(0, s - 1)), 1000)
  }

  const set = (key: keyof Form, value: string) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e))
  }

  const fail = (e: unknown) => {
    setErrors(isApiError(e) ? (e.fieldErrors() as Errors) : {})
    setNotice({ ok: false, text: errorMessage(e) })
  }

  const sendCode = () => {
    if (wait > 0) return
    return run('send', async () => {
      setNotice(null)
      if (!form.phone.trim()) {
        setErrors({})
        setNotice({ ok: false, text: t.fillPhone })
        return
      }
      setErrors({})
      try {
        await requestPasswordReset({ phone: form.phone.trim() })
        startCountdown()
        setNotice({ ok: true, text: t.codeSent })
      } catch (e) {
        fail(e)
      }
    })
  }

  const confirm = () =>
    run('confirm', async () => {
      setNotice(null)
      const problem = newPasswordProblem([form.phone, form.code], form)
      if (problem) {
        setErrors(problem.errors)
        setNotice(problem.notice)
        return
      }
      setErrors({})
      try {
        const session = await confirmPasswordReset({ phone: form.phone.trim(), code: form.code.trim(), newPassword: form.newPassword })
        stopTimer()
        Taro.showToast({ title: t.resetDone, icon: 'success' })
        goAfterSignIn(session.user)
      } catch (e) {
        fail(e)
      }
    })

  const sendLabel = busy === 'send' ? t.sending : wait > 0 ? t.resendIn(wait) : t.sendCode

  return (
    <View className='page reset'>
      <Text className='reset__intro'>{t.resetIntro}</Text>
      <NoticeText notice={notice} />
      <View className='card'>
        <TextField label={zh.auth.phone} required error={errors.phone} type='number' maxlength={11} placeholder={zh.auth.phonePlaceholder} value={form.phone} onInput={(v) => set('phone', v)} />
        <View className='reset__code'>
          <TextField label={t.code} required error={errors.code} type='number' maxlength={6} placeholder={t.codePlaceholder} value={form.code} onInput={(v) => set('code', v)} />
          <Button className={wait > 0 || busy === 'send' ? 'btn btn--plain reset__send btn--off' : 'btn btn--plain reset__send'} onClick={() => void sendCode()}>
            {sendLabel}
          </Button>
        </View>
        <TextField label={t.newPassword} required password error={errors.newPassword} placeholder={t.newPasswordPlaceholder} value={form.newPassword} onInput={(v) => set('newPassword', v)} />
        <TextField
          label={t.repeatPassword}
          required
          password
          error={errors.repeatPassword}
          placeholder={t.repeatPasswordPlaceholder}
          value={form.repeatPassword}
          onInput={(v) => set('repeatPassword', v)}
        />
      </View>
      <Button className={busy === 'confirm' ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void confirm()}>
        {busy === 'confirm' ? zh.common.submitting : t.resetSubmit}
      </Button>
      <Button className='btn btn--link' onClick={() => goBack(goLogin)}>
        {t.backToLogin}
      </Button>
    </View>
  )
}
