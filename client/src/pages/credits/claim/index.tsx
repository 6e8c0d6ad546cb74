import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { errorMessage, isApiError, isSignedIn, submitCreditClaim } from '../../../api'
import type { CourseCategory, CreditClaimInput, Option, PickedFile } from '../../../api'
import { ChoiceField } from '../../../components/ChoiceField'
import { DateTimeInput } from '../../../components/DateTimeInput'
import { Field } from '../../../components/Field'
import { FilePicker } from '../../../components/FilePicker'
import { TextField } from '../../../components/TextField'
import { useOneAction } from '../../../hooks/useOneAction'
import { zh } from '../../../text/zh'
import { goLogin, replaceWithCreditClaims } from '../../../utils/nav'
import { shanghaiToday } from '../../../utils/time'
import { leaveIfSessionExpired } from '../../../utils/failure'
import { askToSubscribe, prepareSubscriptions } from '../../../utils/subscribe'
import './index.css'

type FieldName = keyof CreditClaimInput | 'evidence'
type FieldErrors = Partial<Record<FieldName, string>>

const ACCEPT = 'application/pdf,image/png,image/jpeg'

const CATEGORY_OPTIONS: Option[] = (['professional', 'public'] as CourseCategory[]).map((value) => ({
  value,
  label: zh.courses.categories[value],
}))

export default function CreditClaimPage() {
  const t = zh.credits
  const [form, setForm] = useState<CreditClaimInput>({ title: '', provider: '', date: shanghaiToday(), hours: '', category: '' })
  const [file, setFile] = useState<PickedFile | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const { busy, run, running } = useOneAction<'submit'>()

  useEffect(() => {
    if (!isSignedIn()) goLogin()
    // the consent dialog's templates, ready before the 提交 tap (mini-program only)
    else void prepareSubscriptions()
  }, [])

  const set = <K extends keyof CreditClaimInput>(key: K, value: CreditClaimInput[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((errs) => (errs[key] ? { ...errs, [key]: undefined } : errs))
  }

  const picked = (f: PickedFile) => {
    setFile(f)
    setErrors((errs) => ({ ...errs, evidence: undefined }))
  }

  const submit = async () => {
    if (running.current) return
    // a file is needed to send anything at all; every other rule is the server's
    if (!file) {
      setErrors({ evidence: t.chooseEvidence })
      setFormError(t.fixErrors)
      return
    }
    // mini-program: may WeChat say how the claim is decided? Asked by the tap itself (WeChat's rule)
    const asked = askToSubscribe('claim')
    await run('submit', async () => {
      setErrors({})
      setFormError(null)
      try {
        await submitCreditClaim(form, file)
        Taro.showToast({ title: t.submitted, icon: 'success' })
        // on to the list once the dialog is answered (askToSubscribe never throws)
        await asked
        replaceWithCreditClaims()
      } catch (e) {
        if (leaveIfSessionExpired(e)) return
        const fields = isApiError(e) ? (e.fieldErrors() as FieldErrors) : {}
        if (isApiError(e) && e.status === 413) fields.evidence = e.message
        setErrors(fields)
        setFormError(errorMessage(e))
      }
    })
  }

  return (
    <View className='page claim'>
      <Text className='claim__intro'>{t.claimIntro}</Text>
      {formError ? <Text className='form-error'>{formError}</Text> : null}

      <View className='card'>
        <TextField label={t.title} required error={errors.title} value={form.title} placeholder={t.titlePlaceholder} onInput={(v) => set('title', v)} />
        <TextField label={t.provider} required error={errors.provider} value={form.provider} placeholder={t.providerPlaceholder} onInput={(v) => set('provider', v)} />
        <Field label={t.date} required error={errors.date}>
          <DateTimeInput mode='date' label={t.date} value={form.date} onChange={(v) => set('date', v)} />
        </Field>
        <TextField label={t.hoursLabel} required error={errors.hours} type='digit' value={form.hours} placeholder={t.hoursPlaceholder} onInput={(v) => set('hours', v)} />
        <ChoiceField
          id='claim-category'
          label={t.category}
          required
          error={errors.category}
          options={CATEGORY_OPTIONS}
          value={form.category}
          onChange={(v) => set('category', v as CourseCategory)}
        />
        <Field label={t.evidence} required hint={t.evidenceHint} error={errors.evidence}>
          <FilePicker label={t.evidence} accept={ACCEPT} extensions={['pdf', 'png', 'jpg', 'jpeg']} file={file} onPick={picked} />
        </Field>
      </View>

      <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void submit()}>
        {busy ? zh.common.submitting : t.submit}
      </Button>
    </View>
  )
}
