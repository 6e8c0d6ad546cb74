import { Picker, Text, View } from '@tarojs/components'
import { zh } from '../text/zh'

interface DateTimeInputProps {
  mode: 'date' | 'time'
  /** YYYY-MM-DD or HH:mm; '' when not chosen yet. */
  value: string
  onChange: (value: string) => void
  /** The accessible name of the h5 input. */
  label: string
}

/**
 * A date or a time of day. h5: the browser's own input (phones show their wheel); mini programs:
 * a Taro Picker. The `process.env.TARO_ENV` test is replaced at build time, so each build keeps one branch.
 */
export function DateTimeInput({ mode, value, onChange, label }: DateTimeInputProps) {
  if (process.env.TARO_ENV === 'h5') {
    return <input className='field__input field__native' type={mode} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />
  }
  return (
    <Picker mode={mode} value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='field__picker'>{value ? <Text>{value}</Text> : <Text className='field__placeholder'>{zh.common.pleaseChoose}</Text>}</View>
    </Picker>
  )
}
