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
}

/**
 * A list filter: one of the options or 全部 (''). h5: a native <select>; mini programs: a Picker.
 * The `process.env.TARO_ENV` test is replaced at build time, so each build keeps one branch.
 */
export function FilterSelect({ id, label, options, value, onChange }: FilterSelectProps) {
  const all = zh.office.all
  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className='filter'>
        <select id={id} className='filter__select' aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value=''>{`${label}：${all}`}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </View>
    )
  }
  const index = options.findIndex((o) => o.value === value)
  return (
    <Picker
      id={id}
      mode='selector'
      range={[all, ...options.map((o) => o.label)]}
      value={index + 1}
      onChange={(e) => {
        const i = Number(e.detail.value)
        onChange(i <= 0 ? '' : options[i - 1]?.value ?? '')
      }}
    >
      <View className='filter'>
        <Text className='filter__text'>{index < 0 ? `${label}：${all}` : options[index].label}</Text>
      </View>
    </Picker>
  )
}
