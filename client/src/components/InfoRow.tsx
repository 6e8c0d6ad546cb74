import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './InfoRow.css'

interface InfoRowProps {
  label: string
  value: ReactNode
  /** The page's own look for the row (e.g. `office__row`), styled in the page's css. */
  className?: string
  /** Extra classes for the value (e.g. a certificate code in monospace). */
  valueClassName?: string
}

/** One fact in a card: a grey label on the left, its value on the right. */
export function InfoRow({ label, value, className, valueClassName }: InfoRowProps) {
  return (
    <View className={className ? `info-row ${className}` : 'info-row'}>
      <Text className='info-row__label'>{label}</Text>
      <Text className={valueClassName ? `info-row__value ${valueClassName}` : 'info-row__value'}>{value}</Text>
    </View>
  )
}
