import { Button, Text, View } from '@tarojs/components'
import { zh } from '../text/zh'
import './states.css'

export function LoadingState({ text = zh.common.loading }: { text?: string }) {
  return (
    <View className='state state--loading'>
      <Text className='state__text'>{text}</Text>
    </View>
  )
}

export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className='state state--error'>
      <Text className='state__title'>{zh.common.loadFailed}</Text>
      <Text className='state__text'>{message}</Text>
      <Button className='btn btn--primary state__btn' onClick={onRetry}>
        {zh.common.retry}
      </Button>
    </View>
  )
}

export function EmptyState({ text = zh.common.empty, onRetry }: { text?: string; onRetry?: () => void }) {
  return (
    <View className='state state--empty'>
      <Text className='state__text'>{text}</Text>
      {onRetry ? (
        <Button className='btn btn--plain state__btn' onClick={onRetry}>
          {zh.common.retry}
        </Button>
      ) : null}
    </View>
  )
}
