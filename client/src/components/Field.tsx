import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

interface FieldProps {
  label: string
  /** Shown next to the label; the server remains the judge of what is valid. */
  required?: boolean
  hint?: string
  error?: string
  children: ReactNode
}

export function Field({ label, required, hint, error, children }: FieldProps) {
  return (
    <View className={error ? 'field field--invalid' : 'field'}>
      <Text className='field__label'>
        {label}
        {required ? <Text className='field__required'>*</Text> : null}
      </Text>
      {children}
      {hint ? <Text className='field__hint'>{hint}</Text> : null}
      {error ? <Text className='field__error'>{error}</Text> : null}
    </View>
  )
}
