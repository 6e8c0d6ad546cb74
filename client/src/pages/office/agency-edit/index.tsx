import { useEffect, useState } from 'react'
import { Button, Checkbox, CheckboxGroup, Label, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { createAgency, errorMessage, getAgency, getReference, isApiError, updateAgency } from '../../../api'
import type { Agency, Reference } from '../../../api'
import { ChoiceField } from '../../../components/ChoiceField'
import { Field } from '../../../components/Field'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { TextField } from '../../../components/TextField'
import { useOneAction } from '../../../hooks/useOneAction'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { leaveIfSessionExpired } from '../../../utils/failure'
import { goBack, replaceWithOfficeAgency } from '../../../utils/nav'
import { districtOptions } from '../agencies/labels'
import { formatYuan } from '../format'
import { changedFields, emptyAgencyForm, formFromAgency, splitErrors, toAgencyInput } from './form'
import type { AgencyFieldErrors, AgencyFieldName, AgencyForm } from './form'
import '../office.css'
import './index.css'

/** 新增机构, or (with ?id=) 编辑 that agency. */
export default function AgencyEditPage() {
  const raw = useRouter().params?.id
  const id = raw ? Number(raw) : null
  if (id !== null && (!Number.isInteger(id) || id <= 0)) return <EmptyState text={zh.agencies.missingId} />
  return <AgencyEditLoader id={id} />
}

function AgencyEditLoader({ id }: { id: number | null }) {
  useEffect(() => {
    if (id) void Taro.setNavigationBarTitle({ title: zh.agencies.editTitle })
  }, [id])
  const { state, reload } = useSignedInData(async () => {
    const [reference, agency] = await Promise.all([getReference(), id ? getAgency(id) : Promise.resolve(null)])
    return { reference, agency }
  }, [id])

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  return <AgencyEditor reference={state.data.reference} agency={state.data.agency} />
}

/** The form starts from the first load; a quiet refresh (the page shown again) keeps what was typed. */
function AgencyEditor({ reference, agency }: { reference: Reference; agency: Agency | null }) {
  const t = zh.agencies
  const f = t.fields
  const [form, setForm] = useState<AgencyForm>(() => (agency ? formFromAgency(agency) : emptyAgencyForm()))
  const [errors, setErrors] = useState<AgencyFieldErrors>({})
  const [formError, setFormError] = useState<string[]>([])
  const { busy, run } = useOneAction<'save'>()

  const set = <K extends AgencyFieldName>(key: K, value: AgencyForm[K]) => {
    setForm((v) => ({ ...v, [key]: value }))
    setErrors((errs) => (errs[key] ? { ...errs, [key]: undefined } : errs))
  }

  const save = () =>
    run('save', async () => {
      setErrors({})
      setFormError([])
      const order = reference.serviceTypes.map((o) => o.value)
      const input = toAgencyInput(form, order)
      try {
        if (agency) {
          await updateAgency(agency.id, changedFields(toAgencyInput(formFromAgency(agency), order), input))
          Taro.showToast({ title: t.savedDone, icon: 'none', duration: 2000 })
          goBack()
        } else {
          const created = await createAgency(input)
          Taro.showToast({ title: t.createdDone, icon: 'none', duration: 2000 })
          replaceWithOfficeAgency(created.id)
        }
      } catch (e) {
        if (leaveIfSessionExpired(e)) return
        const { fields, other } = isApiError(e) ? splitErrors(e) : { fields: {}, other: [] }
        setErrors(fields)
        setFormError([Object.keys(fields).length ? t.fixErrors : errorMessage(e), ...other])
      }
    })

  const amount = Number(form.revenueAmount.trim())
  const amountHint = form.revenueAmount.trim() && Number.isFinite(amount) ? t.revenueAmountIs(formatYuan(amount)) : undefined

  return (
    <View className='page office agency-edit'>
      <View className='card'>
        <TextField label={f.name} required error={errors.name} placeholder={t.namePlaceholder} value={form.name} onInput={(v) => set('name', v)} />
        <TextField
          label={f.creditCode}
          required
          hint={t.creditCodeHint}
          error={errors.creditCode}
          maxlength={18}
          placeholder={t.creditCodePlaceholder}
          value={form.creditCode}
          onInput={(v) => set('creditCode', v)}
        />
        <Field label={f.serviceTypes} required error={errors.serviceTypes}>
          <CheckboxGroup className='agency-edit__checks' onChange={(e) => set('serviceTypes', e.detail.value as string[])}>
            {reference.serviceTypes.map((o) => (
              <Label key={o.value} className='agency-edit__check'>
                <Checkbox value={o.value} checked={form.serviceTypes.includes(o.value)} />
                <Text>{o.label}</Text>
              </Label>
            ))}
          </CheckboxGroup>
        </Field>
        <ChoiceField id='agency-district' label={f.district} required error={errors.district} options={districtOptions(reference)} value={form.district} onChange={(v) => set('district', v)} />
        <TextField label={f.address + t.optional} aria-label={f.address} error={errors.address} value={form.address} onInput={(v) => set('address', v)} />
        <TextField label={f.contactName + t.optional} aria-label={f.contactName} error={errors.contactName} value={form.contactName} onInput={(v) => set('contactName', v)} />
        <TextField label={f.contactPhone + t.optional} aria-label={f.contactPhone} error={errors.contactPhone} type='text' value={form.contactPhone} onInput={(v) => set('contactPhone', v)} />
      </View>

      <View className='card'>
        <Text className='card__title'>{t.revenueTitle + t.optional}</Text>
        <TextField label={t.revenueYear} error={errors.revenueYear} type='number' maxlength={4} placeholder={t.revenueYearPlaceholder} value={form.revenueYear} onInput={(v) => set('revenueYear', v)} />
        <TextField
          label={t.revenueAmount}
          hint={amountHint}
          error={errors.revenueAmount}
          type='number'
          placeholder={t.revenueAmountPlaceholder}
          value={form.revenueAmount}
          onInput={(v) => set('revenueAmount', v)}
        />
      </View>

      {formError.length ? (
        <View className='form-error'>
          {formError.map((m, i) => (
            <Text key={i} className='agency-edit__error-line'>
              {m}
            </Text>
          ))}
        </View>
      ) : null}

      {/* no `disabled`/`loading` props: on h5 Taro's button keeps disabled="false" / breaks its slot */}
      <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void save()}>
        {busy ? t.saving : t.save}
      </Button>
    </View>
  )
}
