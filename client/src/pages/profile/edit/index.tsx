import { useRef, useState } from 'react'
import { Button, Checkbox, CheckboxGroup, Label, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { errorMessage, getMe, getReference, isApiError, saveProfile } from '../../../api'
import type { Me, PractitionerRecord, Reference } from '../../../api'
import { ChoiceField } from '../../../components/ChoiceField'
import { Field } from '../../../components/Field'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { StatusBadge } from '../../../components/StatusBadge'
import { TextField } from '../../../components/TextField'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { goHome } from '../../../utils/nav'
import { FIELD_NAMES, formFromRecord, missingRequired, toProfileInput } from './form'
import type { FieldName, ProfileForm } from './form'
import { leaveIfSessionExpired } from '../../../utils/failure'
import './index.css'

type FieldErrors = Partial<Record<FieldName, string>>

function referenceIsEmpty(r: Reference): boolean {
  return !r || !r.districts?.length || !r.orgTypes?.length || !r.categories?.length || !r.titleLevels?.length
}

export default function ProfileEditPage() {
  const { state, reload } = useSignedInData(async () => {
    const [me, reference] = await Promise.all([getMe(), getReference({ fresh: true })])
    return { me, reference }
  }, [])

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  if (referenceIsEmpty(state.data.reference)) return <EmptyState text={zh.profile.referenceEmpty} onRetry={() => void reload()} />
  return <ProfileEditor me={state.data.me} reference={state.data.reference} />
}

/** The form starts from the first load; a quiet refresh (the page shown again) keeps what was typed. */
function ProfileEditor({ me, reference }: { me: Me; reference: Reference }) {
  const [form, setForm] = useState<ProfileForm>(() => formFromRecord(me.practitioner, me.user.name))
  const [record, setRecord] = useState<PractitionerRecord | null>(me.practitioner)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string[]>([])
  const [saving, setSaving] = useState(false)
  const [savedNotice, setSavedNotice] = useState<string | null>(null)
  const savingRef = useRef(false)

  const set = <K extends FieldName>(key: K, value: ProfileForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((errs) => (errs[key] ? { ...errs, [key]: undefined } : errs))
    setSavedNotice(null)
  }

  const save = async () => {
    if (savingRef.current) return
    setSavedNotice(null)
    const missing = missingRequired(form, zh.common.required)
    if (Object.keys(missing).length) {
      setErrors(missing)
      setFormError([zh.profile.fixErrors])
      return
    }
    savingRef.current = true
    setSaving(true)
    setErrors({})
    setFormError([])
    try {
      const saved = await saveProfile(toProfileInput(form, reference))
      setRecord(saved)
      const notice = saved.status === 'pending' ? zh.profile.submittedPending : zh.profile.saved
      setSavedNotice(notice)
      Taro.showToast({ title: notice, icon: 'none', duration: 2000 })
    } catch (e) {
      if (leaveIfSessionExpired(e)) return
      const fieldErrs: FieldErrors = {}
      const other: string[] = []
      if (isApiError(e)) {
        for (const [path, message] of Object.entries(e.fieldErrors())) {
          if ((FIELD_NAMES as string[]).includes(path)) fieldErrs[path as FieldName] = message
          else other.push(message)
        }
        if (e.code === 'ID_NUMBER_TAKEN' && !fieldErrs.idNumber) fieldErrs.idNumber = e.message
      }
      setErrors(fieldErrs)
      setFormError([errorMessage(e), ...other])
    } finally {
      savingRef.current = false
      setSaving(false)
    }
  }

  const districtOptions = reference.districts.map((d) => ({ value: d.code, label: d.name }))
  const t = zh.profile

  return (
    <View className='page profile'>
      <View className='card'>
        <Text className='card__title'>{t.title}</Text>
        <Text className='profile__intro'>{t.intro}</Text>
        {record ? (
          <View className='profile__status'>
            <Text className='profile__status-label'>{t.currentStatus}</Text>
            <StatusBadge status={record.status} statuses={reference.recordStatuses} />
          </View>
        ) : null}
        {record?.status === 'rejected' && record.rejectReason ? (
          <Text className='profile__reason'>
            {zh.home.rejectReason}
            {record.rejectReason}
          </Text>
        ) : null}
      </View>

      <View className='card'>
        <TextField label={t.name} required error={errors.name} placeholder={t.namePlaceholder} value={form.name} onInput={(v) => set('name', v)} />

        <TextField
          label={t.idNumber}
          required
          hint={record ? t.idNumberHintEdit : t.idNumberHintNew}
          error={errors.idNumber}
          type='idcard'
          maxlength={18}
          placeholder={record?.idNumberMasked || t.idNumberPlaceholder}
          value={form.idNumber}
          onInput={(v) => set('idNumber', v)}
        />

        <ChoiceField
          id='picker-gender'
          label={t.gender + t.optional}
          selectLabel={t.gender}
          error={errors.gender}
          options={reference.genders}
          value={form.gender}
          onChange={(v) => set('gender', v as ProfileForm['gender'])}
        />
        <ChoiceField id='picker-district' label={t.district} required error={errors.district} options={districtOptions} value={form.district} onChange={(v) => set('district', v)} />
        <TextField label={t.orgName} required error={errors.orgName} placeholder={t.orgNamePlaceholder} value={form.orgName} onInput={(v) => set('orgName', v)} />
        <ChoiceField id='picker-orgType' label={t.orgType} required error={errors.orgType} options={reference.orgTypes} value={form.orgType} onChange={(v) => set('orgType', v)} />
        <TextField
          label={t.agencyCreditCode + t.optional}
          hint={t.agencyCreditCodeHint}
          error={errors.agencyCreditCode}
          type='text'
          maxlength={18}
          placeholder={t.agencyCreditCodePlaceholder}
          value={form.agencyCreditCode}
          onInput={(v) => set('agencyCreditCode', v)}
        />
        <ChoiceField id='picker-category' label={t.category} required error={errors.category} options={reference.categories} value={form.category} onChange={(v) => set('category', v)} />

        <Field label={t.ipFields} required error={errors.ipFields}>
          <CheckboxGroup className='profile__checks' onChange={(e) => set('ipFields', e.detail.value as string[])}>
            {reference.ipFields.map((o) => (
              <Label key={o.value} className='profile__check'>
                <Checkbox value={o.value} checked={form.ipFields.includes(o.value)} />
                <Text>{o.label}</Text>
              </Label>
            ))}
          </CheckboxGroup>
        </Field>

        <ChoiceField
          id='picker-education'
          label={t.education + t.optional}
          selectLabel={t.education}
          error={errors.education}
          options={reference.educations ?? []}
          value={form.education}
          onChange={(v) => set('education', v)}
        />
        <ChoiceField
          id='picker-ipDegree'
          label={t.ipDegree}
          hint={t.ipDegreeHint}
          error={errors.ipDegree}
          options={t.yesNo}
          value={form.ipDegree}
          onChange={(v) => set('ipDegree', v)}
        />

        <ChoiceField
          id='picker-titleSeries'
          label={t.titleSeries + t.optional}
          selectLabel={t.titleSeries}
          hint={t.titleSeriesHint}
          error={errors.titleSeries}
          options={reference.titleSeries ?? []}
          value={form.titleSeries}
          onChange={(v) => set('titleSeries', v)}
        />
        <ChoiceField
          id='picker-titleLevel'
          label={t.titleLevel}
          required
          error={errors.titleLevel}
          options={reference.titleLevels}
          value={form.titleLevel}
          onChange={(v) => set('titleLevel', v)}
        />

        <Field label={t.qualifications + t.optional} error={errors.qualifications}>
          <Textarea
            className='field__textarea'
            maxlength={-1}
            autoHeight
            placeholder={t.qualificationsPlaceholder}
            value={form.qualifications}
            onInput={(e) => set('qualifications', e.detail.value)}
          />
        </Field>

        <TextField label={t.email + t.optional} error={errors.email} type='text' placeholder={t.emailPlaceholder} value={form.email} onInput={(v) => set('email', v)} />
      </View>

      {formError.length ? (
        <View className='form-error'>
          {formError.map((m, i) => (
            <Text key={i} className='profile__error-line'>
              {m}
            </Text>
          ))}
        </View>
      ) : null}
      {savedNotice ? <Text className='form-success'>{savedNotice}</Text> : null}

      {/* no `disabled`/`loading` props: on h5 Taro's button keeps disabled="false" / breaks its slot */}
      <Button className={saving ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={save}>
        {saving ? t.saving : t.save}
      </Button>
      <Button className='btn btn--plain' onClick={goHome}>
        {zh.common.backHome}
      </Button>
    </View>
  )
}
