import { Text, View } from '@tarojs/components'

/** A public verify page's answer to an unknown code: what was looked up, and what to check. */
export function VerifyNotFound({ title, hint, code }: { title: string; hint: string; code: string }) {
  return (
    <View className='page verify'>
      <View className='card verify__result verify__result--bad'>
        <Text className='verify__mark'>✕</Text>
        <Text className='verify__title'>{title}</Text>
        <Text className='verify__hint'>{hint}</Text>
        <Text className='verify__code'>{code}</Text>
      </View>
    </View>
  )
}
