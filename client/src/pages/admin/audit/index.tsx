import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { getReference, listAuditActions, listAuditEntries } from '../../../api'
import type { AuditEntry, AuditFilters, Option, Page } from '../../../api'
import { DateTimeInput } from '../../../components/DateTimeInput'
import { Field } from '../../../components/Field'
import { FilterSelect } from '../../../components/FilterSelect'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { formatFullDate, formatTime } from '../../../utils/time'
import { Changes } from './Changes'
import '../../office/office.css'
import './index.css'

const PAGE_SIZE = 20

/** An action in words; an action the client does not know shows as recorded. */
export const actionLabel = (action: string): string => zh.audit.actions[action] ?? action

export const entityLabel = (entity: string): string => zh.audit.entities[entity] ?? entity

/**
 * The action filter's choices: each kind of action as a whole (`talent.`, a prefix the server takes
 * as "every action starting with it") when it has several, then every action the trail holds.
 */
export function actionOptions(actions: string[]): Option[] {
  const t = zh.audit
  const groups = new Map<string, number>()
  for (const a of actions) {
    const group = a.split('.')[0]
    groups.set(group, (groups.get(group) ?? 0) + 1)
  }
  const whole = [...groups].filter(([, n]) => n > 1).map(([g]) => ({ value: `${g}.`, label: t.allOf(t.actionGroups[g] ?? g) }))
  return [...whole, ...actions.map((a) => ({ value: a, label: actionLabel(a) }))]
}

/** 操作日志: who changed what and when, with the values before and after (district staff: their district's). */
export default function AuditPage() {
  const t = zh.audit
  const [filters, setFilters] = useState<AuditFilters>({})
  const [actorName, setActorName] = useState('')
  const [pageNo, setPageNo] = useState(1)
  const badRange = Boolean(filters.from && filters.to && filters.from > filters.to)

  // the filter's choices and the district names, once; the list on every filter and page
  const choices = useSignedInData(async () => {
    const [reference, actions] = await Promise.all([getReference(), listAuditActions()])
    return { reference, actions }
  }, [])
  const list = useSignedInData(async () => (badRange ? null : listAuditEntries(filters, pageNo, PAGE_SIZE)), [filters, pageNo, badRange])

  const change = (patch: Partial<AuditFilters>) => {
    setFilters((f) => ({ ...f, ...patch }))
    setPageNo(1)
  }

  const districts = choices.state.kind === 'ready' ? choices.state.data.reference.districts : []
  const districtName = (code: string) => districts.find((d) => d.code === code)?.name
  const filtered = Object.values(filters).some((v) => v !== undefined && v !== '')

  return (
    <View className='page office audit'>
      <View className='audit__filters'>
        <FilterSelect
          id='audit-action'
          label={t.action}
          options={choices.state.kind === 'ready' ? actionOptions(choices.state.data.actions) : []}
          value={filters.action ?? ''}
          onChange={(v) => change({ action: v || undefined })}
        />
        <FilterSelect
          id='audit-entity'
          label={t.entity}
          options={Object.entries(t.entities).map(([value, label]) => ({ value, label }))}
          value={filters.entity ?? ''}
          // another kind of record: the one record chosen before is not of it
          onChange={(v) => change({ entity: v || undefined, entityId: v && v === filters.entity ? filters.entityId : undefined })}
        />
      </View>
      <View className='audit__dates'>
        <Field label={t.from} error={badRange ? t.badRange : undefined}>
          <DateTimeInput mode='date' label={t.from} value={filters.from ?? ''} onChange={(v) => change({ from: v || undefined })} />
        </Field>
        <Field label={t.to}>
          <DateTimeInput mode='date' label={t.to} value={filters.to ?? ''} onChange={(v) => change({ to: v || undefined })} />
        </Field>
      </View>
      {filters.from || filters.to ? (
        <Button className='btn btn--link audit__clear-dates' onClick={() => change({ from: undefined, to: undefined })}>
          {t.clearDates}
        </Button>
      ) : null}

      <View className='audit__chips'>
        {filters.actor !== undefined ? (
          <View className='audit__chip' onClick={() => change({ actor: undefined })}>
            <Text>{t.byActor(actorName || `#${filters.actor}`)}</Text>
            <Text className='audit__chip-x'>{t.clearFilter}</Text>
          </View>
        ) : null}
        {filters.entity && filters.entityId ? (
          <View className='audit__chip' onClick={() => change({ entityId: undefined })}>
            <Text>{t.byRecord(entityLabel(filters.entity), filters.entityId)}</Text>
            <Text className='audit__chip-x'>{t.clearFilter}</Text>
          </View>
        ) : null}
      </View>

      {list.state.kind === 'loading' ? <LoadingState /> : null}
      {list.state.kind === 'error' ? <ErrorState message={list.state.message} onRetry={() => void list.reload()} /> : null}
      {list.state.kind === 'ready' && list.state.data ? (
        <AuditList
          page={list.state.data}
          emptyText={filtered ? t.noMatch : t.empty}
          districtName={districtName}
          onPage={setPageNo}
          onActor={(e) => {
            setActorName(e.actorName ?? '')
            change({ actor: e.actorId ?? undefined })
          }}
          onRecord={(e) => change({ entity: e.entity, entityId: e.entityId })}
        />
      ) : null}
    </View>
  )
}

function AuditList({
  page,
  emptyText,
  districtName,
  onPage,
  onActor,
  onRecord,
}: {
  page: Page<AuditEntry>
  emptyText: string
  districtName: (code: string) => string | undefined
  onPage: (page: number) => void
  onActor: (entry: AuditEntry) => void
  onRecord: (entry: AuditEntry) => void
}) {
  const t = zh.audit
  if (!page.items.length) return <EmptyState text={emptyText} />
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize))
  return (
    <View>
      <Text className='office__muted audit__total'>{t.total(page.total)}</Text>
      {page.items.map((e) => (
        <View key={e.id} className='card audit__item'>
          <View className='audit__head'>
            <Text className='audit__action'>{actionLabel(e.action)}</Text>
            <Text className='office__muted'>
              {formatFullDate(e.createdAt)} {formatTime(e.createdAt)}
            </Text>
          </View>
          <View className='audit__who'>
            {e.actorId !== null ? (
              <Text className='audit__link' onClick={() => onActor(e)}>
                {e.actorName ?? `#${e.actorId}`}
              </Text>
            ) : (
              <Text className='office__muted'>{t.system}</Text>
            )}
            <Text className='office__muted'> · </Text>
            <Text className='audit__link' onClick={() => onRecord(e)}>
              {entityLabel(e.entity)} #{e.entityId}
            </Text>
            {e.district ? <Text className='office__muted'> · {districtName(e.district) ?? e.district}</Text> : null}
          </View>
          <Changes entry={e} districtName={districtName} />
        </View>
      ))}
      {pages > 1 ? (
        <View className='audit__pager'>
          <Button className={page.page <= 1 ? 'btn btn--plain btn--off' : 'btn btn--plain'} onClick={() => page.page > 1 && onPage(page.page - 1)}>
            {t.prev}
          </Button>
          <Text className='audit__page'>{t.pageOf(page.page, pages)}</Text>
          <Button className={page.page >= pages ? 'btn btn--plain btn--off' : 'btn btn--plain'} onClick={() => page.page < pages && onPage(page.page + 1)}>
            {t.next}
          </Button>
        </View>
      ) : null}
    </View>
  )
}
