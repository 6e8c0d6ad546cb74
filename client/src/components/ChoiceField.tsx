import type { Option } from '../api'
import { Field } from './Field'
import { SelectField } from './SelectField'

interface ChoiceFieldProps {
  id: string
  label: string
  /** The select's accessible name when it differs from the label shown (say, without the “optional” suffix). */
  selectLabel?: string
  required?: boolean
  hint?: string
  error?: string
  options: Option[]
  value: string
  onChange: (value: string) => void
}

/** A labelled single choice from reference options: a Field around a SelectField. */
export function ChoiceField({ id, label, selectLabel, required, hint, error, options, value, onChange }: ChoiceFieldProps) {
  return (
    <Field label={label} required={required} hint={hint} error={error}>
      <SelectField id={id} label={selectLabel ?? label} options={options} value={value} onChange={onChange} />
    </Field>
  )
}
