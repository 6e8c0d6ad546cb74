import { useEffect, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { createStaffAccount, isApiError, isSignedIn } from '../../../api'
import type { Role } from '../../../api'
import { Field } from '../../../components/Field'
import { SelectField } from '../../../components/SelectField'
import { useOneAction } from '../../../hooks/useOneAction'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { goLogin } from '../../../utils/nav'
import './index.css'

interface Form {
  name: string
  phone: string
  password: string
  role: string
}
type Errors = Partial<Record<keyof Form, string>>

const EMPTY: Form = { name: '', phone: '', password: '', role: 'trainer' }

/** Admin: opens accounts for training-base and talent-office staff (they cannot register themselves). */
export default function StaffAccountsPage() {
  const t = zh.admin
  const [form, setForm] = useState<Form>(EMPTY)
  const [errors, setErrors] = useState<Errors>({})
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null)
  const { busy, run } = useOneAction<'create'>()

  useEffect(() => {
    if (!isSignedIn()) goLogin()
  }, [])

  const set = (key: keyof Form, value: string) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e))
  }

  const create = () =>
    run('create', async () => {
      setErrors({})
      setNotice(null)
      try {
        const user = await createStaffAccount({ name: form.name.trim(), phone: form.phone.trim(), password: form.password, role: form.role as Role })
        const roleLabel = t.roles.find((r) => r.value === user.role)?.label.replace(/（.*$/, '') ?? user.role
        setNotice({ ok: true, text: t.created(user.name, roleLabel) })
        setForm(EMPTY)
      } catch (e) {
        const message = failureMessage(e)
        if (message === null) return
        const fields = isApiError(e) ? (e.fieldErrors() as Errors) : {}
        setErrors(fields)
        setNotice({ ok: false, text: Object.keys(fields).length ? t.fixErrors : message })
      }
    })

  return (
    <View className='page admin-staff'>
      <Text className='admin-staff__intro'>{t.staffIntro}</Text>
      {notice ? <Text className={notice.ok ? 'form-success' : 'form-error'}>{notice.text}</Text> : null}
      <View className='card'>
        <Field label={t.name} required error={errors.name}>
          <Input className='field__input' value={form.name} placeholder={t.namePlaceholder} onInput={(e) => set('name', e.detail.value)} />
        </Field>
        <Field label={t.phone} required error={errors.phone}>
          <Input className='field__input' type='number' maxlength={11} value={form.phone} placeholder={t.phonePlaceholder} onInput={(e) => set('phone', e.detail.value)} />
        </Field>
        <Field label={t.password} required error={errors.password}>
          <Input className='field__input' password value={form.password} placeholder={t.passwordPlaceholder} onInput={(e) => set('password', e.detail.value)} />
        </Field>
        <Field label={t.role} required error={errors.role}>
          <SelectField id='staff-role' label={t.role} options={t.roles} value={form.role} onChange={(v) => set('role', v)} />
        </Field>
      </View>
      <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void create()}>
        {busy ? zh.common.submitting : t.create}
      </Button>
    </View>
  )
}
