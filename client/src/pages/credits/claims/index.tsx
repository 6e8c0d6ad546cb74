import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { errorMessage, getMyCreditClaims, isApiError, isSignedIn, signOut } from '../../../api'
import type { CreditClaim } from '../../../api'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { zh } from '../../../text/zh'
import { claimStatusLabel, courseCategoryLabel } from '../../../utils/labels'
import { goCreditClaim, goLogin } from '../../../utils/nav'
import { formatDate, formatDateTime } from '../../../utils/time'
import './index.css'

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; items: CreditClaim[] }

export default function MyClaimsPage() {
  const t = zh.credits
  const [state, setState] = useState<State>({ kind: 'loading' })
  const inFlight = useRef(false)

  const load = useCallback(async (showSpinner: boolean) => {
    if (!isSignedIn()) {
      goLogin()
      return
    }
    if (inFlight.current) return
    inFlight.current = true
    if (showSpinner) setState({ kind: 'loading' })
    try {
      setState({ kind: 'ready', items: await getMyCreditClaims() })
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        signOut()
        goLogin()
        return
      }
      if (showSpinner) setState({ kind: 'error', message: errorMessage(e) })
    } finally {
      inFlight.current = false
    }
  }, [])

  useEffect(() => {
    void load(true)
  }, [load])

  useDidShow(() => {
    void load(false)
  })

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load(true)} />
  if (!state.items.length) {
    return (
      <View className='page'>
        <EmptyState text={t.claimsEmpty} />
        <Button className='btn btn--primary' onClick={goCreditClaim}>
          {t.claim}
        </Button>
      </View>
    )
  }

  return (
    <View className='page claims'>
      {state.items.map((c) => (
        <View key={c.id} className='card claim-item'>
          <View className='claim-item__head'>
            <Text className='claim-item__title'>{c.title}</Text>
            <Text className={`tag tag--claim-${c.status}`}>{claimStatusLabel(c)}</Text>
          </View>
          <Text className='claim-item__provider'>{c.provider}</Text>
          <View className='claim-item__meta'>
            <Text className={`tag tag--${c.category}`}>{courseCategoryLabel(c.category)}</Text>
            <Text className='claim-item__fact'>{t.claimedHours(c.hours)}</Text>
            <Text className='claim-item__fact'>{formatDate(c.date)}</Text>
          </View>
          <Text className='claim-item__submitted'>
            {t.submittedAt} {formatDateTime(c.createdAt)}
          </Text>
        </View>
      ))}
      <Button className='btn btn--plain' onClick={goCreditClaim}>
        {t.claim}
      </Button>
    </View>
  )
}
