import { Picker, Text, View } from '@tarojs/components'
import type { Option } from '../api'
import { zh } from '../text/zh'

interface SelectFieldProps {
  id: string
  options: Option[]
  value: string
  onChange: (value: string) => void
}

/** A single choice from reference options, as a Taro Picker (selector mode). */
export function SelectField({ id, options, value, onChange }: SelectFieldProps) {
  const index = options.findIndex((o) => o.value === value)
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
