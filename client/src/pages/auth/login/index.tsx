import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { errorMessage, isApiError, isSignedIn, login, register, wechatLogin } from '../../../api'
import { TextField } from '../../../components/TextField'
import { zh } from '../../../text/zh'
import { goAfterSignIn, goHome, goPasswordReset } from '../../../utils/nav'
import './index.css'

type Mode = 'login' | 'register'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

export default function LoginPage() {
  const [mode, setMode] = useState<Mode>('login')
  const [phone, setPhone] = useState('')
  const [password, setPassword] = useState('')
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const busyRef = useRef(false)
  const begin = () => {
    if (busyRef.current) return false
    busyRef.current = true
    setBusy(true)
    return true
  }
  const end = () => {
    busyRef.current = false
    setBusy(false)
  }
  const [error, setError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})

  useEffect(() => {
    if (isSignedIn()) goHome()
  }, [])

  const switchMode = () => {
    setMode(mode === 'login' ? 'register' : 'login')
    setError(null)
    setFieldErrors({})
  }

  const fail = (e: unknown) => {
    setError(errorMessage(e))
    setFieldErrors(isApiError(e) ? e.fieldErrors() : {})
  }

  const submit = async () => {
    if (busyRef.current) return
    // only "is something there" here: phone and password rules are the server's
    if (!phone.trim() || !password) {
      setError(zh.auth.fillPhonePassword)
      return
    }
    if (mode === 'register' && !name.trim()) {
      setError(zh.auth.fillName)
      return
    }
    if (!begin()) return
    setError(null)
    setFieldErrors({})
    try {
      const session = mode === 'login' ? await login({ phone: phone.trim(), password }) : await register({ phone: phone.trim(), password, name: name.trim() })
      Taro.showToast({ title: mode === 'login' ? zh.auth.loginSuccess : zh.auth.registerSuccess, icon: 'none' })
      // a temporary password from an admin: the password page first, saying why
      goAfterSignIn(session.user)
    } catch (e) {
      fail(e)
    } finally {
      end()
    }
  }

  const wechat = async () => {
    if (!begin()) return
    setError(null)
    try {
      const { code } = await Taro.login()
      if (!code) throw new Error('no code')
      const session = await wechatLogin({ code })
      goAfterSignIn(session.user)
    } catch (e) {
      setError(isApiError(e) ? e.message : zh.auth.wechatLoginFailed)
    } finally {
      end()
    }
  }

  const isRegister = mode === 'register'

  return (
    <View className='page login'>
      <View className='login__head'>
        <Text className='login__app'>{zh.appTitle}</Text>
        <Text className='login__mode'>{isRegister ? zh.auth.registerTitle : zh.auth.loginTitle}</Text>
      </View>

      <View className='card'>
        {error ? <Text className='form-error'>{error}</Text> : null}

        <TextField label={zh.auth.phone} error={fieldErrors.phone} type='number' maxlength={11} placeholder={zh.auth.phonePlaceholder} value={phone} onInput={setPhone} />

        <TextField
          label={zh.auth.password}
          error={fieldErrors.password}
          password
          placeholder={isRegister ? zh.auth.passwordRegisterPlaceholder : zh.auth.passwordPlaceholder}
          value={password}
          onInput={setPassword}
        />

        {isRegister ? <TextField label={zh.auth.name} error={fieldErrors.name} placeholder={zh.auth.namePlaceholder} value={name} onInput={setName} /> : null}

        {/* busy is guarded in the handlers; no `disabled`/`loading` props (h5 Taro button quirks) */}
        <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={submit}>
          {isRegister ? zh.auth.register : zh.auth.login}
        </Button>

        <Button className='btn btn--link' onClick={switchMode}>
          {isRegister ? zh.auth.toLogin : zh.auth.toRegister}
        </Button>

        {isRegister ? null : (
          <Button className='btn btn--link' onClick={goPasswordReset}>
            {zh.auth.forgotPassword}
          </Button>
        )}
      </View>

      {IS_WEAPP ? (
        <View className='login__wechat'>
          <Text className='login__or'>{zh.auth.or}</Text>
          <Button className={busy ? 'btn btn--wechat btn--busy' : 'btn btn--wechat'} onClick={wechat}>
            {zh.auth.wechatLogin}
          </Button>
        </View>
      ) : null}
    </View>
  )
}
