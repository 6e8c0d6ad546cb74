import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { getCreditRule, isApiError, saveCreditRule } from '../../../api'
import { FilterSelect } from '../../../components/FilterSelect'
import { NoticeText } from '../../../components/NoticeText'
import type { Notice } from '../../../components/NoticeText'
import { TextField } from '../../../components/TextField'
import { ErrorState, LoadingState } from '../../../components/states'
import { useOneAction } from '../../../hooks/useOneAction'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { shanghaiYear } from '../../../utils/time'
import '../office.css'
import './index.css'

type Errors = Partial<Record<'requiredHours' | 'minProfessionalHours', string>>

/** The talent office sets a year's continuing-education rule (the server keeps it and checks it). */
export default function CreditRulePage() {
  const t = zh.office
  const thisYear = shanghaiYear()
  const [year, setYear] = useState(thisYear)
  const { state, reload } = useSignedInData(() => getCreditRule(year), [year])
  const [required, setRequired] = useState('')
  const [professional, setProfessional] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [notice, setNotice] = useState<Notice | null>(null)
  const { busy, run } = useOneAction<'save'>()
  const loaded = state.kind === 'ready' ? state.data : null

  // the inputs start at the year's rule
  useEffect(() => {
    if (!loaded) return
    setRequired(String(loaded.requiredHours))
    setProfessional(String(loaded.minProfessionalHours))
    setErrors({})
  }, [loaded])

  const years = [thisYear + 1, thisYear, thisYear - 1].map((y) => ({ value: String(y), label: t.yearOption(y) }))

  const save = () =>
    run('save', async () => {
      setErrors({})
      setNotice(null)
      try {
        await saveCreditRule(year, { requiredHours: Number(required.trim()), minProfessionalHours: Number(professional.trim()) })
        Taro.showToast({ title: t.ruleSaved(year), icon: 'none' })
        setNotice({ ok: true, text: t.ruleSaved(year) })
        await reload(false)
      } catch (e) {
        const message = failureMessage(e)
        if (message !== null) {
          setErrors(isApiError(e) ? (e.fieldErrors() as Errors) : {})
          setNotice({ ok: false, text: message })
        }
      }
    })

  return (
    <View className='page office rule'>
      <Text className='rule__intro'>{t.ruleIntro}</Text>
      <View className='rule__year'>
        <FilterSelect id='rule-year' label={t.year} options={years} allowAll={false} value={String(year)} onChange={(v) => setYear(Number(v))} />
      </View>
      {state.kind === 'loading' ? <LoadingState /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
      {loaded ? (
        <View className='card'>
          <NoticeText notice={notice} className='office__notice' />
          {loaded.isDefault ? <Text className='office__muted rule__default'>{t.ruleDefault}</Text> : null}
          <TextField label={`${t.requiredHours}（${t.hoursUnit}）`} required error={errors.requiredHours} type='digit' value={required} aria-label={t.requiredHours} onInput={setRequired} />
          <TextField label={`${t.minProfessionalHours}（${t.hoursUnit}）`} required error={errors.minProfessionalHours} type='digit' value={professional} aria-label={t.minProfessionalHours} onInput={setProfessional} />
          <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void save()}>
            {t.saveRule}
          </Button>
        </View>
      ) : null}
    </View>
  )
}
