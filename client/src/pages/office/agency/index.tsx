import { Button, Text, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { deactivateAgency, getAgency, getReference, rejectAgency, verifyAgency } from '../../../api'
import type { Agency, Reference } from '../../../api'
import { InfoRow } from '../../../components/InfoRow'
import { NoticeText } from '../../../components/NoticeText'
import { StatusBadge } from '../../../components/StatusBadge'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useReviewActions } from '../../../hooks/useReviewActions'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { goOfficeAgencyEdit } from '../../../utils/nav'
import { formatDateTime } from '../../../utils/time'
import { districtOptions, optionLabel, serviceTypeNames } from '../agencies/labels'
import { formatYuan } from '../format'
import { AgencyPractitioners } from './Practitioners'
import '../office.css'
import './index.css'

export default function AgencyPage() {
  const id = Number(useRouter().params?.id)
  if (!Number.isInteger(id) || id <= 0) return <EmptyState text={zh.agencies.missingId} />
  return <AgencyDetail id={id} />
}

/** One agency with every field, its review actions and its practitioners' compliance. */
function AgencyDetail({ id }: { id: number }) {
  const t = zh.agencies
  // refreshed quietly when shown again: back from the edit form
  const { state, reload } = useSignedInData(async () => {
    const [reference, agency] = await Promise.all([getReference(), getAgency(id)])
    return { reference, agency }
  }, [id])
  const { notice, busy, act, rejecting, setRejecting, reason, setReason, submitReject, deactivate } = useReviewActions<'verify'>(t, reload, {
    reject: (why) => rejectAgency(id, why),
    deactivate: () => deactivateAgency(id),
  })

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />

  const { reference, agency: a } = state.data

  return (
    <View className='page office agency'>
      <NoticeText notice={notice} className='office__notice' />

      <View className='card'>
        <View className='agency__head'>
          <Text className='agency__name'>{a.name}</Text>
          <StatusBadge status={a.status} statuses={reference.recordStatuses} />
        </View>
        {agencyRows(a, reference).map(([k, v]) => (
          <InfoRow key={k} className='office__row' label={k} value={v} />
        ))}
      </View>

      <View className='card'>
        <Text className='card__title'>{t.actions}</Text>
        <View className='office__toolbar'>
          {a.status !== 'verified' ? (
            <Button className={busy === 'verify' ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void act('verify', () => verifyAgency(id), t.verified)}>
              {t.verify}
            </Button>
          ) : null}
          {a.status !== 'inactive' && a.status !== 'rejected' ? (
            <Button className='btn btn--plain' onClick={() => setRejecting((v) => !v)}>
              {t.reject}
            </Button>
          ) : null}
          {a.status !== 'inactive' ? (
            <Button className={busy === 'deactivate' ? 'btn btn--plain btn--busy' : 'btn btn--plain'} onClick={() => void deactivate(a.name)}>
              {t.deactivate}
            </Button>
          ) : null}
          <Button className='btn btn--plain' onClick={() => goOfficeAgencyEdit(id)}>
            {t.edit}
          </Button>
        </View>

        {rejecting ? (
          <View className='agency__reject'>
            <Text className='field__label'>{t.rejectReasonLabel}</Text>
            <Textarea className='field__textarea' value={reason} maxlength={500} placeholder={t.rejectReasonPlaceholder} onInput={(e) => setReason(e.detail.value)} />
            <Button className={busy === 'reject' ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void submitReject()}>
              {t.rejectConfirm}
            </Button>
          </View>
        ) : null}
      </View>

      <AgencyPractitioners id={id} reference={reference} version={`${a.status}|${a.creditCode}|${a.practitionerCount}`} />
    </View>
  )
}

/** The agency's fields as label / value rows (the reject reason only while it is rejected). */
function agencyRows(a: Agency, reference: Reference): [string, string][] {
  const t = zh.agencies
  const f = t.fields
  const rows: [string, string][] = [
    [f.creditCode, a.creditCode],
    [f.serviceTypes, serviceTypeNames(reference, a.serviceTypes) || '—'],
    [f.district, a.districtName || optionLabel(districtOptions(reference), a.district)],
    [f.address, a.address ?? '—'],
    [f.contactName, a.contactName ?? '—'],
    [f.contactPhone, a.contactPhone ?? '—'],
    [f.annualRevenue, a.annualRevenue ? t.revenueOf(a.annualRevenue.year, formatYuan(a.annualRevenue.amountYuan)) : '—'],
    [f.practitionerCount, t.people(a.practitionerCount)],
    [f.source, t.sources[a.source] ?? a.source],
    [f.verifiedAt, a.verifiedAt ? formatDateTime(a.verifiedAt) : '—'],
  ]
  if (a.status === 'rejected' && a.rejectReason) rows.push([f.rejectReason, a.rejectReason])
  return rows
}
