import { Picker, Text, View } from '@tarojs/components'
import type { Option } from '../api'
import { zh } from '../text/zh'

interface FilterSelectProps {
  id: string
  /** Shown as the accessible name (h5) and before the value (weapp). */
  label: string
  options: Option[]
  /** '' = 全部 */
  value: string
  onChange: (value: string) => void
  /** false: one of the options must be chosen (a year, say), so there is no 全部. */
  allowAll?: boolean
}

/**
 * A list filter: one of the options or 全部 (''). h5: a native <select>; mini programs: a Picker.
 * The `process.env.TARO_ENV` test is replaced at build time, so each build keeps one branch.
 */
export function FilterSelect({ id, label, options, value, onChange, allowAll = true }: FilterSelectProps) {
  const all = zh.office.all
  const choices = allowAll ? [{ value: '', label: `${label}：${all}` }, ...options] : options
  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className='filter'>
        <select id={id} className='filter__select' aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
          {choices.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </View>
    )
  }
  const index = Math.max(0, choices.findIndex((o) => o.value === value))
  return (
    <Picker id={id} mode='selector' range={choices.map((o) => o.label)} value={index} onChange={(e) => onChange(choices[Number(e.detail.value)]?.value ?? '')}>
      <View className='filter'>
        <Text className='filter__text'>{choices[index]?.label ?? ''}</Text>
      </View>
    </Picker>
  )
}
