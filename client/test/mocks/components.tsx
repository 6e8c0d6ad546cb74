/**
 * @tarojs/components as plain DOM elements, with Taro's event shapes ({detail: {value}}).
 * Picker renders a <select data-testid={id}> (first option empty); CheckboxGroup reports the
 * checked values of the checkboxes inside it, like Taro's does.
 */
import type { ChangeEvent, CSSProperties, FormEvent, ReactNode } from 'react'

/* eslint-disable @typescript-eslint/no-explicit-any */
type Props = { children?: ReactNode; className?: string; id?: string; style?: unknown; [key: string]: any }

const common = (p: Props) => ({
  className: p.className,
  id: p.id,
  style: typeof p.style === 'object' ? (p.style as CSSProperties) : undefined,
  hidden: p.hidden,
  'aria-label': p['aria-label'],
})

const detail = (value: unknown) => ({ detail: { value }, target: { value }, currentTarget: { value } })

export const View = (p: Props) => (
  <div {...common(p)} onClick={p.onClick}>
    {p.children}
  </div>
)

export const Text = (p: Props) => (
  <span {...common(p)} onClick={p.onClick}>
    {p.children}
  </span>
)

export const Label = (p: Props) => (
  <label {...common(p)} htmlFor={p.for}>
    {p.children}
  </label>
)

export const Button = (p: Props) => (
  <button
    {...common(p)}
    type={p.formType === 'submit' ? 'submit' : 'button'}
    disabled={!!p.disabled}
    aria-busy={p.loading ? true : undefined}
    onClick={p.disabled ? undefined : p.onClick}
  >
    {p.children}
  </button>
)

export const Input = (p: Props) => (
  <input
    {...common(p)}
    type={p.password ? 'password' : 'text'}
    value={p.value ?? ''}
    placeholder={p.placeholder}
    disabled={p.disabled}
    onChange={(e: ChangeEvent<HTMLInputElement>) => p.onInput?.(detail(e.target.value))}
    onBlur={(e) => p.onBlur?.(detail(e.target.value))}
    onKeyDown={(e) => {
      if (e.key === 'Enter') p.onConfirm?.(detail((e.target as HTMLInputElement).value))
    }}
  />
)

export const Textarea = (p: Props) => (
  <textarea
    {...common(p)}
    value={p.value ?? ''}
    placeholder={p.placeholder}
    disabled={p.disabled}
    onChange={(e: ChangeEvent<HTMLTextAreaElement>) => p.onInput?.(detail(e.target.value))}
  />
)

export const Picker = (p: Props) => {
  const range: unknown[] = Array.isArray(p.range) ? p.range : []
  return (
    <div className={p.className}>
      {p.children}
      <select
        data-testid={p.id}
        defaultValue=''
        disabled={p.disabled}
        onChange={(e: ChangeEvent<HTMLSelectElement>) => {
          if (e.target.value !== '') p.onChange?.(detail(Number(e.target.value)))
        }}
      >
        <option value='' />
        {range.map((item, i) => (
          <option key={i} value={String(i)}>
            {p.rangeKey ? String((item as Record<string, unknown>)[p.rangeKey]) : String(item)}
          </option>
        ))}
      </select>
    </div>
  )
}

export const CheckboxGroup = (p: Props) => (
  <div
    {...common(p)}
    role='group'
    onChange={(e: FormEvent<HTMLDivElement>) => {
      const boxes = Array.from(e.currentTarget.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'))
      p.onChange?.(detail(boxes.filter((b) => b.checked).map((b) => b.value)))
    }}
  >
    {p.children}
  </div>
)

export const Checkbox = (p: Props) => (
  <input
    {...common(p)}
    type='checkbox'
    value={p.value}
    checked={!!p.checked}
    disabled={p.disabled}
    onChange={() => undefined}
  />
)

export const Form = (p: Props) => (
  <form
    {...common(p)}
    onSubmit={(e) => {
      e.preventDefault()
      p.onSubmit?.(detail({}))
    }}
  >
    {p.children}
  </form>
)
