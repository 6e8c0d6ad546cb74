import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { approveCreditClaim, downloadClaimEvidence, isApiError, listCreditClaims, rejectCreditClaim } from '../../../api'
import type { ClaimStatus, OfficeCreditClaim } from '../../../api'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useOneAction } from '../../../hooks/useOneAction'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { presentDownload } from '../../../utils/files'
import { claimStatusLabel, courseCategoryLabel } from '../../../utils/labels'
import { formatDateTime } from '../../../utils/time'
import { failureMessage } from '../../../utils/failure'
import '../office.css'
import './index.css'

const TABS: ClaimStatus[] = ['pending', 'approved', 'rejected']

export default function OfficeClaimsPage() {
  const t = zh.office
  const [tab, setTab] = useState<ClaimStatus>('pending')
  const [pageNo, setPageNo] = useState(1)
  const { state, reload } = useSignedInData(() => listCreditClaims(tab, pageNo), [tab, pageNo])

  const switchTab = (next: ClaimStatus) => {
    setTab(next)
    setPageNo(1)
  }

  return (
    <View className='page office claims-review'>
      <View className='claims-review__tabs'>
        {TABS.map((s) => (
          <Text
            key={s}
            className={s === tab ? 'claims-review__tab claims-review__tab--on' : 'claims-review__tab'}
            onClick={() => switchTab(s)}
          >
            {t.claimTabs[s]}
          </Text>
        ))}
      </View>

      {state.kind === 'loading' ? <LoadingState /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
      {state.kind === 'ready' && !state.data.items.length ? <EmptyState text={tab === 'pending' ? t.claimsEmpty : t.noData} /> : null}
      {state.kind === 'ready'
        ? state.data.items.map((claim) => (
            // a decided claim leaves the pending list: reload the current page
            <ClaimCard key={claim.id} claim={claim} onDecided={() => void reload(false)} />
          ))
        : null}
      {state.kind === 'ready' && state.data.total > state.data.pageSize ? (
        <View className='claims-review__pager'>
          <Button className={pageNo <= 1 ? 'btn btn--plain btn--off' : 'btn btn--plain'} onClick={() => pageNo > 1 && setPageNo((p) => p - 1)}>
            {t.prev}
          </Button>
          <Text className='office__muted'>{t.pageOf(pageNo, Math.ceil(state.data.total / state.data.pageSize))}</Text>
          <Button
            className={pageNo * state.data.pageSize >= state.data.total ? 'btn btn--plain btn--off' : 'btn btn--plain'}
            onClick={() => pageNo * state.data.pageSize < state.data.total && setPageNo((p) => p + 1)}
          >
            {t.next}
          </Button>
        </View>
      ) : null}
    </View>
  )
}

function ClaimCard({ claim, onDecided }: { claim: OfficeCreditClaim; onDecided: () => void }) {
  const t = zh.office
  const [hours, setHours] = useState('')
  const [reason, setReason] = useState('')
  const [mode, setMode] = useState<'idle' | 'rejecting'>('idle')
  const [error, setError] = useState<string | null>(null)
  const { busy, run: runOne } = useOneAction<'approve' | 'reject' | 'evidence'>()

  /** One action on this claim; its failure is shown on the card (with the field's message, if any). */
  const run = (what: 'approve' | 'reject' | 'evidence', call: () => Promise<void>) =>
    runOne(what, async () => {
      setError(null)
      try {
        await call()
      } catch (e) {
        const message = failureMessage(e)
        if (message !== null) {
          const field = isApiError(e) ? Object.values(e.fieldErrors())[0] : undefined
          setError(field && field !== message ? `${message}：${field}` : message)
        }
      }
    })

  const approve = () =>
    run('approve', async () => {
      const decided = await approveCreditClaim(claim.id, hours)
      Taro.showToast({ title: t.approved(decided.approvedHours ?? decided.hours), icon: 'none' })
      onDecided()
    })

  const reject = () => {
    if (!reason.trim()) {
      setError(t.reasonRequired)
      return Promise.resolve()
    }
    return run('reject', async () => {
      await rejectCreditClaim(claim.id, reason)
      Taro.showToast({ title: t.claimRejected, icon: 'none' })
      onDecided()
    })
  }

  const evidence = () =>
    run('evidence', async () => {
      const file = await downloadClaimEvidence(claim.id)
      const isPdf = claim.evidenceType === 'application/pdf' || claim.evidenceType === 'pdf'
      await presentDownload(file, { fileName: `${claim.title}-证明材料${isPdf ? '.pdf' : ''}`, fileType: isPdf ? 'pdf' : 'image', open: true })
    })

  return (
    <View className='card claims-review__item'>
      <View className='claims-review__head'>
        <Text className='claims-review__who'>{claim.practitionerName ?? `#${claim.practitionerId}`}</Text>
        <Text className={`tag tag--claim-${claim.status}`}>{claimStatusLabel(claim)}</Text>
      </View>
      <Text className='claims-review__title'>{claim.title}</Text>
      <Text className='office__muted claims-review__line'>
        {claim.provider} · {claim.date} · {courseCategoryLabel(claim.category)}
      </Text>
      <Text className='claims-review__hours'>{t.claimHours(claim.hours)}</Text>
      <Text className='office__muted claims-review__line'>
        {t.submittedAt} {formatDateTime(claim.createdAt)}
      </Text>
      {error ? <Text className='form-error'>{error}</Text> : null}

      <Button className={busy === 'evidence' ? 'btn btn--link btn--busy' : 'btn btn--link'} onClick={() => void evidence()}>
        {t.evidence}
      </Button>

      {claim.status === 'pending' ? (
        <View className='claims-review__decide'>
          <Input
            className='office__input'
            type='digit'
            value={hours}
            placeholder={t.approveHoursPlaceholder}
            onInput={(e) => setHours(e.detail.value)}
          />
          <View className='office__toolbar claims-review__actions'>
            <Button className={busy === 'approve' ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void approve()}>
              {t.approve}
            </Button>
            <Button className='btn btn--plain' onClick={() => setMode((m) => (m === 'rejecting' ? 'idle' : 'rejecting'))}>
              {t.rejectClaim}
            </Button>
          </View>
          {mode === 'rejecting' ? (
            <View>
              <Input className='office__input' value={reason} placeholder={t.rejectClaimPlaceholder} onInput={(e) => setReason(e.detail.value)} />
              <Button className={busy === 'reject' ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void reject()}>
                {t.rejectClaimConfirm}
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
