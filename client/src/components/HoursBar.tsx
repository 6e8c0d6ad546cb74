import { View } from '@tarojs/components'
import type { CreditSummary } from '../api'
import './HoursBar.css'

/**
 * A year's hours against the rule as a bar. It only draws the server's two numbers; whether the
 * year is met is the server's `compliant`.
 */
export function HoursBar({ summary: s }: { summary: CreditSummary }) {
  const ratio = s.requiredHours > 0 ? Math.min(1, Math.max(0, s.earnedHours / s.requiredHours)) : 1
  return (
    <View className='hours-bar' role='progressbar' aria-valuenow={s.earnedHours} aria-valuemax={s.requiredHours}>
      <View className={s.compliant ? 'hours-bar__fill hours-bar__fill--ok' : 'hours-bar__fill'} style={{ width: `${ratio * 100}%` }} />
    </View>
  )
}
