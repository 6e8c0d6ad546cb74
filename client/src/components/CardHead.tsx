import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

interface CardHeadProps {
  title: ReactNode
  /** What stands on the right: a tag (status, category) or a figure. */
  children?: ReactNode
}

/** A card's first line: its title, wrapping as needed, and a tag on the right (styles in app.css). */
export function CardHead({ title, children }: CardHeadProps) {
  return (
    <View className='card-head'>
      <Text className='card-head__title'>{title}</Text>
      {children}
    </View>
  )
}
