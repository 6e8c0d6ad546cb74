import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { createStaffAccount, getReference, isApiError, listAccounts } from '../../../api'
import type { AccountFilters, Reference, Role, StaffAccountInput } from '../../../api'
import { ChoiceField } from '../../../components/ChoiceField'
import { NoticeText } from '../../../components/NoticeText'
import type { Notice } from '../../../components/NoticeText'
import { TextField } from '../../../components/TextField'
import { useOneAction } from '../../../hooks/useOneAction'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { AccountList, PAGE_SIZE } from './AccountList'
import '../../office/office.css'
import './index.css'

interface Form {
  name: string
  phone: string
  password: string
  role: string
  /** Only for a district account (区县): the district it works for. */
  districtCode: string
}
type Errors = Partial<Record<keyof Form, string>>

const EMPTY: Form = { name: '', phone: '', password: '', role: 'trainer', districtCode: '' }

/**
 * Admin: opens accounts for training-base and talent-office staff (they cannot register themselves),
 * and below, every account with filters: change the role, disable or enable, issue a temporary password.
 */
export default function StaffAccountsPage() {
  const t = zh.admin
  const [form, setForm] = useState<Form>(EMPTY)
  const [errors, setErrors] = useState<Errors>({})
  const [notice, setNotice] = useState<Notice | null>(null)
  const { busy, run } = useOneAction<'create'>()
  const [filters, setFilters] = useState<AccountFilters>({})
  const [pageNo, setPageNo] = useState(1)
  const shownReference = useRef<Reference | null>(null)
  // refreshed quietly when shown again and after each change: the server's rows are the truth
  const list = useSignedInData(async () => {
    const [reference, page] = await Promise.all([getReference(), listAccounts(filters, pageNo, PAGE_SIZE)])
    return { reference, page }
  }, [filters, pageNo])

  const set = (key: keyof Form, value: string) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e))
  }

  const create = () =>
    run('create', async () => {
      setErrors({})
      setNotice(null)
      try {
        const input: StaffAccountInput = { name: form.name.trim(), phone: form.phone.trim(), password: form.password, role: form.role as Role }
        // a district account names its district (the picker offers /api/reference's; the server checks the pair)
        if (form.role === 'district' && form.districtCode) input.districtCode = form.districtCode as StaffAccountInput['districtCode']
        const user = await createStaffAccount(input)
        const role = t.roleNames[user.role] ?? user.role
        const district = user.districtCode ? shownReference.current?.districts.find((d) => d.code === user.districtCode)?.name ?? user.districtCode : null
        setNotice({ ok: true, text: t.created(user.name, district ? t.roleInDistrict(role, district) : role) })
        setForm(EMPTY)
        void list.reload(false)
      } catch (e) {
        const message = failureMessage(e)
        if (message === null) return
        const fields = isApiError(e) ? (e.fieldErrors() as Errors) : {}
        setErrors(fields)
        setNotice({ ok: false, text: Object.keys(fields).length ? t.fixErrors : message })
      }
    })

  // the districts stay offered while the list below reloads (a filter, a page)
  if (list.state.kind === 'ready') shownReference.current = list.state.data.reference
  const districtOptions = (shownReference.current?.districts ?? []).map((d) => ({ value: d.code, label: d.name }))

  return (
    <View className='page admin-staff'>
      <Text className='admin-staff__intro'>{t.staffIntro}</Text>
      <NoticeText notice={notice} />
      <View className='card'>
        <Text className='card__title'>{t.createTitle}</Text>
        <TextField label={t.name} required error={errors.name} value={form.name} placeholder={t.namePlaceholder} onInput={(v) => set('name', v)} />
        <TextField label={t.phone} required error={errors.phone} type='number' maxlength={11} value={form.phone} placeholder={t.phonePlaceholder} onInput={(v) => set('phone', v)} />
        <TextField label={t.password} required error={errors.password} password value={form.password} placeholder={t.passwordPlaceholder} onInput={(v) => set('password', v)} />
        <ChoiceField id='staff-role' label={t.role} required error={errors.role} options={t.roles} value={form.role} onChange={(v) => set('role', v)} />
        {form.role === 'district' ? (
          <ChoiceField
            id='staff-district'
            label={t.district}
            required
            hint={t.districtHint}
            error={errors.districtCode}
            options={districtOptions}
            value={form.districtCode}
            onChange={(v) => set('districtCode', v)}
          />
        ) : null}
        <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void create()}>
          {busy ? zh.common.submitting : t.create}
        </Button>
      </View>

      <Text className='section__title'>{t.accountsTitle}</Text>
      <AccountList
        state={list.state}
        filters={filters}
        onFilters={(f) => {
          setFilters(f)
          setPageNo(1)
        }}
        onPage={setPageNo}
        reload={list.reload}
        update={list.update}
      />
    </View>
  )
}
