import { useEffect, useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { downloadTalentStatement, getReference, getTalent, patchTalent, rejectTalent, verifyTalent } from '../../../api'
import type { Option } from '../../../api'
import { FilterSelect } from '../../../components/FilterSelect'
import { InfoRow } from '../../../components/InfoRow'
import { NoticeText } from '../../../components/NoticeText'
import { SelectField } from '../../../components/SelectField'
import { StatusBadge } from '../../../components/StatusBadge'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useOneAction } from '../../../hooks/useOneAction'
import { useReviewActions } from '../../../hooks/useReviewActions'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { enrollmentStatusLabel } from '../../../utils/labels'
import { downloadAndPresent } from '../../../utils/files'
import { formatDateRange, formatDateTime } from '../../../utils/time'
import { statementYears } from '../format'
import { TalentHistory } from './History'
import '../office.css'
import './index.css'

export default function TalentPage() {
  const id = Number(useRouter().params?.id)
  if (!Number.isInteger(id) || id <= 0) return <EmptyState text={zh.office.missingId} />
  return <Talent id={id} />
}

function Talent({ id }: { id: number }) {
  const t = zh.office
  const { state, reload } = useSignedInData(async () => {
    const [reference, talent] = await Promise.all([getReference(), getTalent(id)])
    return { reference, talent }
  }, [id])
  const { notice, busy, act, rejecting, setRejecting, reason, setReason, submitReject, deactivate } = useReviewActions<'verify' | 'tier'>(t, reload, {
    reject: (why) => rejectTalent(id, why),
    deactivate: () => patchTalent(id, { status: 'inactive' }),
  })
  const [tier, setTier] = useState('')
  const loadedTier = state.kind === 'ready' ? state.data.talent.tier : ''

  // the tier picker starts at the record's tier, and follows it after each save
  useEffect(() => {
    setTier(loadedTier)
  }, [loadedTier])

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />

  const { reference, talent: r } = state.data
  const f = t.fields
  const label = (options: Option[], value: string | null | undefined) => (value ? options.find((o) => o.value === value)?.label ?? value : '—')
  const c = r.credits
  const rows: [string, string][] = [
    [f.idNumber, r.idNumberMasked],
    [f.gender, label(reference.genders, r.gender)],
    [f.birthDate, r.birthDate ?? '—'],
    [f.phone, r.phoneMasked ?? '—'],
    [f.district, r.districtName ?? label(reference.districts.map((d) => ({ value: d.code, label: d.name })), r.district)],
    [f.orgName, r.orgName],
    [f.orgType, label(reference.orgTypes, r.orgType)],
    [f.category, label(reference.categories, r.category)],
    [f.ipFields, r.ipFields.map((v) => label(reference.ipFields, v)).join('、') || '—'],
    [f.education, label(reference.educations ?? [], r.education)],
    [f.ipDegree, r.ipDegree ? t.yes : t.no],
    [f.titleSeries, label(reference.titleSeries ?? [], r.titleSeries)],
    [f.titleLevel, label(reference.titleLevels, r.titleLevel)],
    // the server names the title from its series and level (高级知识产权师, 工程·中级, …)
    ...(r.titleName ? ([[f.titleName, r.titleName]] as [string, string][]) : []),
    [f.agencyCreditCode, r.agencyCreditCode ?? '—'],
    [f.qualifications, r.qualifications.join('、') || '—'],
    [f.email, r.email ?? '—'],
    [f.tier, label(reference.tiers, r.tier)],
    [f.source, t.sources[r.source] ?? r.source],
    [f.claimed, r.claimed ? t.claimedYes : t.claimedNo],
    [f.verifiedAt, r.verifiedAt ? formatDateTime(r.verifiedAt) : '—'],
  ]
  if (r.status === 'rejected' && r.rejectReason) rows.push([f.rejectReason, r.rejectReason])

  return (
    <View className='page office talent'>
      <NoticeText notice={notice} className='office__notice' />

      <View className='card'>
        <View className='talent__head'>
          <Text className='talent__name'>{r.name}</Text>
          <StatusBadge status={r.status} statuses={reference.recordStatuses} />
        </View>
        {rows.map(([k, v]) => (
          <InfoRow key={k} className='office__row' label={k} value={v} />
        ))}
      </View>

      <View className='card'>
        <Text className='card__title'>{t.actions}</Text>
        <View className='office__toolbar'>
          {r.status !== 'verified' ? (
            <Button
              className={busy === 'verify' ? 'btn btn--primary btn--busy' : 'btn btn--primary'}
              onClick={() => void act('verify', () => verifyTalent(id), t.verified)}
            >
              {t.verify}
            </Button>
          ) : null}
          {r.status !== 'inactive' && r.status !== 'rejected' ? (
            <Button className='btn btn--plain' onClick={() => setRejecting((v) => !v)}>
              {t.reject}
            </Button>
          ) : null}
          {r.status !== 'inactive' ? (
            <Button className={busy === 'deactivate' ? 'btn btn--plain btn--busy' : 'btn btn--plain'} onClick={() => void deactivate(r.name)}>
              {t.deactivate}
            </Button>
          ) : null}
        </View>

        {rejecting ? (
          <View className='talent__reject'>
            <Text className='field__label'>{t.rejectReasonLabel}</Text>
            <Textarea
              className='field__textarea'
              value={reason}
              maxlength={500}
              placeholder={t.rejectReasonPlaceholder}
              onInput={(e) => setReason(e.detail.value)}
            />
            <Button className={busy === 'reject' ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void submitReject()}>
              {t.rejectConfirm}
            </Button>
          </View>
        ) : null}

        <View className='talent__tier'>
          <Text className='field__label'>{t.setTier}</Text>
          <SelectField id='talent-tier' label={t.setTier} options={reference.tiers} value={tier} onChange={setTier} />
          <Button
            className={busy === 'tier' ? 'btn btn--plain btn--busy' : tier === r.tier ? 'btn btn--plain btn--off' : 'btn btn--plain'}
            onClick={() => tier !== r.tier && void act('tier', () => patchTalent(id, { tier }), t.tierSaved)}
          >
            {t.saveTier}
          </Button>
        </View>
      </View>

      <View className='card'>
        <Text className='card__title'>{t.hoursTitle(c.year)}</Text>
        <Text className='talent__hours'>{t.hoursEarned(c.earnedHours, c.requiredHours)}</Text>
        <Text className='office__muted talent__line'>{t.professionalHours(c.professionalHours, c.minProfessionalHours)}</Text>
        <Text className='office__muted talent__line'>{t.publicHours(c.publicHours)}</Text>
        <Text className={c.compliant ? 'tag tag--completed' : 'tag tag--pending'}>{c.compliant ? zh.credits.compliant : zh.credits.missing(c.missingHours)}</Text>
        <StatementDownload id={id} name={r.name} />
      </View>

      <TalentHistory id={id} tiers={reference.tiers} version={`${r.status}|${r.tier}|${c.earnedHours}`} />

      <View className='card'>
        <Text className='card__title'>{t.enrollmentsTitle}</Text>
        {r.enrollments.length ? (
          r.enrollments.map((e) => (
            <View key={e.id} className='talent__enrollment'>
              <Text className='talent__class'>{e.class.title}</Text>
              <Text className='office__muted'>
                {formatDateRange(e.class.startDate, e.class.endDate)} · {enrollmentStatusLabel(e)}
              </Text>
            </View>
          ))
        ) : (
          <Text className='office__muted'>{t.noEnrollments}</Text>
        )}
      </View>
    </View>
  )
}

/** 下载学时证明: the person's statement of a year (this year unless another is picked), as the server writes it. */
function StatementDownload({ id, name }: { id: number; name: string }) {
  const t = zh.statements
  const [years] = useState(statementYears)
  const [year, setYear] = useState(() => Number(years[0].value))
  const { busy, run } = useOneAction<'statement'>()

  const download = () =>
    run('statement', () =>
      downloadAndPresent(() => downloadTalentStatement(id, year), { fileName: t.talentFileName(name, year), fileType: 'pdf', done: t.downloaded }),
    )

  return (
    <View className='talent__statement'>
      <FilterSelect id='talent-statement-year' label={t.year} options={years} allowAll={false} value={String(year)} onChange={(v) => setYear(Number(v))} />
      <Button className={busy ? 'btn btn--plain talent__statement-btn btn--busy' : 'btn btn--plain talent__statement-btn'} onClick={() => void download()}>
        {busy ? t.downloading : t.download}
      </Button>
    </View>
  )
}
