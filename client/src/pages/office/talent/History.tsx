import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { getAuditTrail } from '../../../api'
import type { AuditEntry, Option } from '../../../api'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { formatDateTime } from '../../../utils/time'

/** What an audit entry on a talent record says, in words (unknown actions show as recorded). */
export function describeEntry(entry: AuditEntry, tiers: Option[]): string {
  const a = zh.office.historyActions
  const tierLabel = (v: unknown) => tiers.find((t) => t.value === v)?.label ?? String(v ?? '')
  switch (entry.action) {
    case 'talent.verify':
      return a.verify
    case 'talent.reject':
      return a.reject(String(entry.after?.rejectReason ?? ''))
    case 'talent.tier':
      return a.tier(tierLabel(entry.before?.tier), tierLabel(entry.after?.tier))
    case 'talent.deactivate':
      return a.deactivate
    case 'credit.adjust':
      return a.adjust(Number(entry.after?.hours ?? 0), String(entry.after?.reason ?? ''))
    default:
      return entry.action
  }
}

/**
 * 操作记录 of one talent record: who verified, rejected, re-tiered or deactivated it, and when.
 * Reloaded whenever `version` changes (after an action on the page).
 */
export function TalentHistory({ id, tiers, version }: { id: number; tiers: Option[]; version: string }) {
  const t = zh.office
  const [entries, setEntries] = useState<AuditEntry[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    getAuditTrail('practitioner', id).then(
      (page) => current && setEntries(page.items),
      (e: unknown) => {
        const message = failureMessage(e)
        if (current && message !== null) setError(message)
      },
    )
    return () => {
      current = false
    }
  }, [id, version])

  return (
    <View className='card'>
      <Text className='card__title'>{t.historyTitle}</Text>
      {error ? <Text className='form-error'>{error}</Text> : null}
      {entries && entries.length === 0 ? <Text className='office__muted'>{t.historyEmpty}</Text> : null}
      {(entries ?? []).map((e) => (
        <View key={e.id} className='talent__history'>
          <Text className='talent__history-what'>{describeEntry(e, tiers)}</Text>
          <Text className='office__muted'>
            {e.actorName ?? t.bySystem} · {formatDateTime(e.createdAt)}
          </Text>
        </View>
      ))}
    </View>
  )
}
