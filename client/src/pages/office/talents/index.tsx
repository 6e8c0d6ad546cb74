import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { exportTalents, getReference, listTalents } from '../../../api'
import type { Option, Page, Reference, TalentFilters, TalentRecord } from '../../../api'
import { FilterSelect } from '../../../components/FilterSelect'
import { StatusBadge } from '../../../components/StatusBadge'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useOneAction } from '../../../hooks/useOneAction'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { downloadAndPresent } from '../../../utils/files'
import { goOfficeImport, goOfficeTalent } from '../../../utils/nav'
import '../office.css'
import './index.css'

const PAGE_SIZE = 20

type FilterKey = Exclude<keyof TalentFilters, 'q'>

/** The list's filters, in the order they are shown. */
function filterChoices(r: Reference): { key: FilterKey; label: string; options: Option[] }[] {
  const t = zh.office
  return [
    { key: 'status', label: t.status, options: r.recordStatuses },
    { key: 'district', label: t.district, options: r.districts.map((d) => ({ value: d.code, label: d.name })) },
    { key: 'category', label: t.category, options: r.categories },
    { key: 'tier', label: t.fields.tier, options: r.tiers },
  ]
}

export default function TalentsPage() {
  const t = zh.office
  const [filters, setFilters] = useState<TalentFilters>({})
  const [query, setQuery] = useState('')
  const [pageNo, setPageNo] = useState(1)
  const { busy, run } = useOneAction<'export'>()
  // refreshed quietly when shown again: back from a record verified, rejected or deactivated there
  const { state, reload } = useSignedInData(async () => {
    const [reference, page] = await Promise.all([getReference(), listTalents(filters, pageNo, PAGE_SIZE)])
    return { reference, page }
  }, [filters, pageNo])

  const setFilter = (key: FilterKey, value: string) => {
    setFilters((f) => ({ ...f, [key]: value || undefined }))
    setPageNo(1)
  }

  const search = () => {
    setFilters((f) => ({ ...f, q: query.trim() || undefined }))
    setPageNo(1)
  }

  const doExport = () =>
    run('export', async () => {
      await downloadAndPresent(() => exportTalents(filters, 'xlsx'), { fileName: t.exportFileName, fileType: 'xlsx', done: t.downloaded })
    })

  const filtered = Object.values(filters).some((v) => v !== undefined && v !== '')

  return (
    <View className='page office talents'>
      <View className='talents__search'>
        <Input
          className='office__input talents__query'
          value={query}
          placeholder={t.searchPlaceholder}
          confirmType='search'
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={search}
        />
        <Button className='btn btn--primary talents__search-btn' onClick={search}>
          {t.search}
        </Button>
      </View>

      {state.kind === 'ready' ? (
        <View className='talents__filters'>
          {filterChoices(state.data.reference).map((f) => (
            <FilterSelect key={f.key} id={`filter-${f.key}`} label={f.label} options={f.options} value={filters[f.key] ?? ''} onChange={(v) => setFilter(f.key, v)} />
          ))}
        </View>
      ) : null}

      <View className='office__toolbar'>
        <Button className='btn btn--plain' onClick={goOfficeImport}>
          {t.importBtn}
        </Button>
        <Button className={busy ? 'btn btn--plain btn--busy' : 'btn btn--plain'} onClick={() => void doExport()}>
          {busy ? t.downloading : t.exportBtn}
        </Button>
      </View>

      {state.kind === 'loading' ? <LoadingState /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
      {state.kind === 'ready' ? (
        <TalentList
          reference={state.data.reference}
          page={state.data.page}
          emptyText={filtered ? t.noMatch : t.talentsEmpty}
          onPage={(p) => setPageNo(p)}
        />
      ) : null}
    </View>
  )
}

function TalentList({
  reference,
  page,
  emptyText,
  onPage,
}: {
  reference: Reference
  page: Page<TalentRecord>
  emptyText: string
  onPage: (page: number) => void
}) {
  const t = zh.office
  if (!page.items.length) return <EmptyState text={emptyText} />
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize))
  const label = (options: { value: string; label: string }[], value: string) => options.find((o) => o.value === value)?.label ?? value
  return (
    <View>
      <Text className='office__muted talents__total'>{t.total(page.total)}</Text>
      {page.items.map((r) => (
        <View key={r.id} className='card talents__item' onClick={() => goOfficeTalent(r.id)}>
          <View className='talents__head'>
            <Text className='talents__name'>{r.name}</Text>
            <StatusBadge status={r.status} statuses={reference.recordStatuses} />
          </View>
          <Text className='talents__org'>{r.orgName}</Text>
          <Text className='office__muted'>
            {[r.districtName ?? r.district, label(reference.categories, r.category), label(reference.titleLevels, r.titleLevel), label(reference.tiers, r.tier)].join(' · ')}
          </Text>
        </View>
      ))}
      {pages > 1 ? (
        <View className='talents__pager'>
          <Button className={page.page <= 1 ? 'btn btn--plain btn--off' : 'btn btn--plain'} onClick={() => page.page > 1 && onPage(page.page - 1)}>
            {t.prev}
          </Button>
          <Text className='talents__page'>{t.pageOf(page.page, pages)}</Text>
          <Button className={page.page >= pages ? 'btn btn--plain btn--off' : 'btn btn--plain'} onClick={() => page.page < pages && onPage(page.page + 1)}>
            {t.next}
          </Button>
        </View>
      ) : null}
    </View>
  )
}
