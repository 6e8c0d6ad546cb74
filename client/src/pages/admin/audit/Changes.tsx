import { Text, View } from '@tarojs/components'
import type { AuditEntry } from '../../../api'
import { zh } from '../../../text/zh'
import { formatDateTime } from '../../../utils/time'

/** One field of an entry: its value before and after, or the one value it had when only one side holds it. */
export interface ChangeLine {
  field: string
  label: string
  before?: string
  after?: string
  /** Both sides hold the field and they differ: shown as `before → after`. */
  changed: boolean
}

type Names = (code: string) => string | undefined

/** A value of a field in words: the vocabulary's label where there is one, dates in Shanghai time. */
export function valueText(field: string, value: unknown, entity: string, districtName: Names = () => undefined): string {
  const t = zh.audit
  if (value === null || value === undefined || value === '') return t.noValue
  if (typeof value === 'boolean') return value ? t.yes : t.no
  if (Array.isArray(value)) return value.length ? value.map((v) => valueText(field, v, entity, districtName)).join('、') : t.noValue
  if (typeof value === 'object') return JSON.stringify(value)
  const text = String(value)
  if ((field === 'district' || field === 'districtCode') && districtName(text)) return districtName(text)!
  if ((field === 'startsAt' || field === 'endsAt') && /^\d{4}-\d{2}-\d{2}T/.test(text)) return formatDateTime(text)
  if (field === 'status' && t.statusLabels[entity]?.[text]) return t.statusLabels[entity][text]
  if (field === 'state' && t.classStates[text]) return t.classStates[text]
  return t.valueLabels[field]?.[text] ?? text
}

/**
 * What an entry changed, field by field: every field either side holds, in the order they were
 * recorded (before's first). A field on both sides with different values is a change; one the same
 * on both sides, or on one side only (a creation, a removal), is shown with its one value.
 */
export function changeLines(entry: Pick<AuditEntry, 'entity' | 'before' | 'after'>, districtName?: Names): ChangeLine[] {
  const before = entry.before ?? {}
  const after = entry.after ?? {}
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  return fields.map((field) => {
    const label = zh.audit.fields[field] ?? field
    const text = (v: unknown) => valueText(field, v, entry.entity, districtName)
    const inBefore = field in before
    const inAfter = field in after
    if (inBefore && inAfter) {
      const changed = JSON.stringify(before[field]) !== JSON.stringify(after[field])
      return changed ? { field, label, before: text(before[field]), after: text(after[field]), changed } : { field, label, after: text(after[field]), changed }
    }
    return inBefore ? { field, label, before: text(before[field]), changed: false } : { field, label, after: text(after[field]), changed: false }
  })
}

/** An entry's before/after, readable: `状态：待审核 → 已认证`. */
export function Changes({ entry, districtName }: { entry: Pick<AuditEntry, 'entity' | 'before' | 'after'>; districtName?: Names }) {
  const lines = changeLines(entry, districtName)
  if (!lines.length) return null
  return (
    <View className='audit__changes'>
      {lines.map((l) => (
        <View key={l.field} className='audit__change'>
          <Text className='audit__field'>{l.label}：</Text>
          {l.changed ? (
            <Text className='audit__value'>
              <Text className='audit__before'>{l.before}</Text>
              <Text className='audit__arrow'> → </Text>
              <Text className='audit__after'>{l.after}</Text>
            </Text>
          ) : (
            <Text className={l.after === undefined ? 'audit__value audit__before' : 'audit__value'}>{l.after ?? l.before}</Text>
          )}
        </View>
      ))}
    </View>
  )
}
