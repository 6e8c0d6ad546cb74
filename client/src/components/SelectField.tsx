import { Picker, Text, View } from '@tarojs/components'
import type { Option } from '../api'
import { zh } from '../text/zh'

interface SelectFieldProps {
  id: string
  options: Option[]
  value: string
  onChange: (value: string) => void
  /** The accessible name of the control (the Field's label). */
  label?: string
}

/**
 * A single choice from reference options. On h5 a native <select>: phones show their own picker,
 * screen readers and browser tests see a real form control. In mini programs a Taro Picker.
 * The `process.env.TARO_ENV` test is replaced at build time, so each build keeps one branch.
 */
export function SelectField({ id, options, value, onChange, label }: SelectFieldProps) {
  const index = options.findIndex((o) => o.value === value)

  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className='field__select-wrap'>
        <select
          id={id}
          className={index < 0 ? 'field__select field__select--empty' : 'field__select'}
          aria-label={label}
          value={index < 0 ? '' : value}
          onChange={(e) => {
            const picked = options.find((o) => o.value === e.target.value)
            if (picked) onChange(picked.value)
          }}
        >
          <option value='' disabled>
            {zh.common.pleaseChoose}
          </option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </View>
    )
  }

  const labels = options.map((o) => o.label)
  return (
    <Picker
      id={id}
      mode='selector'
      range={labels}
      value={index < 0 ? 0 : index}
      onChange={(e) => {
        const picked = options[Number(e.detail.value)]
        if (picked) onChange(picked.value)
      }}
    >
      <View className='field__picker'>
        {index < 0 ? (
          <Text className='field__placeholder'>{zh.common.pleaseChoose}</Text>
        ) : (
          <Text>{options[index].label}</Text>
        )}
      </View>
    </Picker>
  )
}
