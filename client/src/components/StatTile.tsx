import { Text, View } from '@tarojs/components'
import './StatTile.css'

interface StatTileProps {
  value: number | string
  label: string
  /** Extra classes for the figure (e.g. a colour for what needs attention). */
  valueClassName?: string
}

/** A figure with its label under it; tiles side by side share a row equally. */
export function StatTile({ value, label, valueClassName }: StatTileProps) {
  return (
    <View className='stat'>
      <Text className={valueClassName ? `stat__num ${valueClassName}` : 'stat__num'}>{value}</Text>
      <Text className='stat__label'>{label}</Text>
    </View>
  )
}
