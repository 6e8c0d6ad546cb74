import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { changePassword, isApiError, isSignedIn, signOut } from '../../../api'
import { NoticeText } from '../../../components/NoticeText'
import type { Notice } from '../../../components/NoticeText'
import { TextField } from '../../../components/TextField'
import { useOneAction } from '../../../hooks/useOneAction'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { goBack, goHome, goLogin } from '../../../utils/nav'
import './index.css'
import { newPasswordProblem } from '../../../utils/newPassword'

interface Form {
  currentPassword: string
  newPassword: string
  repeatPassword: string
}
type Errors = Partial<Record<keyof Form, string>>

const EMPTY: Form = { currentPassword: '', newPassword: '', repeatPassword: '' }

/**
 * 修改密码: the current password, the new one twice. `forced=1` when a temporary password must be
 * changed before anything else (after sign-in, or any request refused with PASSWORD_CHANGE_REQUIRED):
 * the page says so and goes home afterwards; otherwise it goes back. The server keeps this device
 * signed in with a new token and ends every other session; its password rules are its own.
 */
export default function ChangePasswordPage() {
  const t = zh.account
  const forced = useRouter().params?.forced === '1'
  const [form, setForm] = useState<Form>(EMPTY)
  const [errors, setErrors] = useState<Errors>({})
  const [notice, setNotice] = useState<Notice | null>(null)
  const { busy, run } = useOneAction<'save'>()

  useEffect(() => {
    if (!isSignedIn()) goLogin()
  }, [])

  const set = (key: keyof Form, value: string) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e))
  }

  const save = () =>
    run('save', async () => {
      setNotice(null)
      const problem = newPasswordProblem([form.currentPassword], form)
      if (problem) {
        setErrors(problem.errors)
        setNotice(problem.notice)
        return
      }
      setErrors({})
      try {
        await changePassword({ currentPassword: form.currentPassword, newPassword: form.newPassword })
        setForm(EMPTY)
        setNotice({ ok: true, text: t.passwordChanged })
        Taro.showToast({ title: t.passwordChanged, icon: 'success' })
        if (forced) goHome()
        else goBack()
      } catch (e) {
        const message = failureMessage(e)
        if (message === null) return
        const fields = isApiError(e) ? (e.fieldErrors() as Errors) : {}
        setErrors(fields)
        setNotice({ ok: false, text: message })
      }
    })

  const logout = () => {
    signOut()
    goLogin()
  }

  return (
    <View className='page account'>
      {forced ? <Text className='form-error'>{t.mustChange}</Text> : <Text className='account__notice'>{t.passwordIntro}</Text>}
      <NoticeText notice={notice} />
      <View className='card'>
        <TextField
          label={forced ? t.temporaryPassword : t.currentPassword}
          required
          password
          error={errors.currentPassword}
          value={form.currentPassword}
          placeholder={forced ? t.temporaryPasswordPlaceholder : t.currentPasswordPlaceholder}
          onInput={(v) => set('currentPassword', v)}
        />
        <TextField label={t.newPassword} required password error={errors.newPassword} value={form.newPassword} placeholder={t.newPasswordPlaceholder} onInput={(v) => set('newPassword', v)} />
        <TextField
          label={t.repeatPassword}
          required
          password
          error={errors.repeatPassword}
          value={form.repeatPassword}
          placeholder={t.repeatPasswordPlaceholder}
          onInput={(v) => set('repeatPassword', v)}
        />
      </View>
      <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void save()}>
        {busy ? zh.common.submitting : t.savePassword}
      </Button>
      {forced ? (
        <Button className='btn btn--link' onClick={logout}>
          {t.logout}
        </Button>
      ) : null}
    </View>
  )
}
