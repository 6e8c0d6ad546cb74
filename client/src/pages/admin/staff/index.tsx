import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { createStaffAccount, isApiError, isSignedIn } from '../../../api'
import type { Role } from '../../../api'
import { ChoiceField } from '../../../components/ChoiceField'
import { NoticeText } from '../../../components/NoticeText'
import type { Notice } from '../../../components/NoticeText'
import { TextField } from '../../../components/TextField'
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
  const [notice, setNotice] = useState<Notice | null>(null)
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
      <NoticeText notice={notice} />
      <View className='card'>
        <TextField label={t.name} required error={errors.name} value={form.name} placeholder={t.namePlaceholder} onInput={(v) => set('name', v)} />
        <TextField label={t.phone} required error={errors.phone} type='number' maxlength={11} value={form.phone} placeholder={t.phonePlaceholder} onInput={(v) => set('phone', v)} />
        <TextField label={t.password} required error={errors.password} password value={form.password} placeholder={t.passwordPlaceholder} onInput={(v) => set('password', v)} />
        <ChoiceField id='staff-role' label={t.role} required error={errors.role} options={t.roles} value={form.role} onChange={(v) => set('role', v)} />
      </View>
      <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void create()}>
        {busy ? zh.common.submitting : t.create}
      </Button>
    </View>
  )
}
