import { Input } from '@tarojs/components'
import type { InputProps } from '@tarojs/components'
import { Field } from './Field'

interface TextFieldProps extends Pick<InputProps, 'type' | 'password' | 'maxlength' | 'placeholder'> {
  label: string
  required?: boolean
  hint?: string
  error?: string
  value: string
  onInput: (value: string) => void
  /** The input's accessible name, where there is no placeholder to go by. */
  'aria-label'?: string
}

/** A labelled one-line text input: a Field around an Input. */
export function TextField({ label, required, hint, error, onInput, ...input }: TextFieldProps) {
  return (
    <Field label={label} required={required} hint={hint} error={error}>
      <Input className='field__input' {...input} onInput={(e) => onInput(e.detail.value)} />
    </Field>
  )
}
