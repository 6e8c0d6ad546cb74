import { Button, Text, View } from '@tarojs/components'
import { getMyCreditClaims } from '../../../api'
import { CardHead } from '../../../components/CardHead'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { claimStatusLabel, courseCategoryLabel } from '../../../utils/labels'
import { goCreditClaim } from '../../../utils/nav'
import { formatDate, formatDateTime } from '../../../utils/time'
import './index.css'

export default function MyClaimsPage() {
  const t = zh.credits
  const { state, reload } = useSignedInData(getMyCreditClaims, [])

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  if (!state.data.length) {
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
      {state.data.map((c) => (
        <View key={c.id} className='card claim-item'>
          <CardHead title={c.title}>
            <Text className={`tag tag--claim-${c.status}`}>{claimStatusLabel(c)}</Text>
          </CardHead>
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
