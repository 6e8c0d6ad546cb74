import { Text } from '@tarojs/components'
import type { Option, RecordStatus } from '../api'
import './StatusBadge.css'

/** The talent-record status as a coloured badge; the label comes from /api/reference. */
export function StatusBadge({ status, statuses }: { status: RecordStatus; statuses: Option[] }) {
  const label = statuses.find((s) => s.value === status)?.label ?? status
  return <Text className={`badge badge--${status}`}>{label}</Text>
}
