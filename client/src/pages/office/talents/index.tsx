import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { exportStatements, exportTalents, getReference, listTalents } from '../../../api'
import type { Page, Reference, TalentFilters, TalentRecord } from '../../../api'
import { FilterSelect } from '../../../components/FilterSelect'
import { Pager } from '../../../components/Pager'
import { SearchFilters, type FilterChoice } from '../../../components/SearchFilters'
import { StatusBadge } from '../../../components/StatusBadge'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useOneAction } from '../../../hooks/useOneAction'
import { useFilteredPages } from '../../../hooks/useFilteredPages'
import { zh } from '../../../text/zh'
import { downloadAndPresent } from '../../../utils/files'
import { goOfficeImport, goOfficeTalent } from '../../../utils/nav'
import { statementYears } from '../format'
import '../office.css'
import './index.css'

const PAGE_SIZE = 20

type FilterKey = Exclude<keyof TalentFilters, 'q'>

/** The list's filters, in the order they are shown. */
function filterChoices(r: Reference): FilterChoice<FilterKey>[] {
  const t = zh.office
  return [
    { key: 'status', label: t.status, options: r.recordStatuses },
    { key: 'district', label: t.district, options: r.districts.map((d) => ({ value: d.code, label: d.name })) },
    { key: 'category', label: t.category, options: r.categories },
    { key: 'education', label: t.fields.education, options: r.educations ?? [] },
    { key: 'titleSeries', label: t.fields.titleSeries, options: r.titleSeries ?? [] },
    { key: 'tier', label: t.fields.tier, options: r.tiers },
  ]
}

export default function TalentsPage() {
  const t = zh.office
  const { filters, setFilter, search, filtered, setPageNo, state, reload } = useFilteredPages(async (f: TalentFilters, pageNo: number) => {
    const [reference, page] = await Promise.all([getReference(), listTalents(f, pageNo, PAGE_SIZE)])
    return { reference, page }
  })
  const { busy, run } = useOneAction<'export' | 'statements'>()
  const [years] = useState(statementYears)
  const [statementYear, setStatementYear] = useState(() => Number(years[0].value))

  const doExport = () =>
    run('export', async () => {
      await downloadAndPresent(() => exportTalents(filters, 'xlsx'), { fileName: t.exportFileName, fileType: 'xlsx', done: t.downloaded })
    })

  // the year's statements of the people the search and filters select (the server keeps to verified ones)
  const exportYearStatements = () =>
    run('statements', async () => {
      const s = zh.statements
      await downloadAndPresent(() => exportStatements(statementYear, filters), { fileName: s.exportFileName(statementYear), fileType: 'zip', done: t.downloaded })
    })

  return (
    <View className='page office talents'>
      <SearchFilters
        placeholder={t.searchPlaceholder}
        searchLabel={t.search}
        onSearch={search}
        choices={state.kind === 'ready' ? filterChoices(state.data.reference) : null}
        values={filters}
        onFilter={setFilter}
      />

      <View className='office__toolbar'>
        <Button className='btn btn--plain' onClick={goOfficeImport}>
          {t.importBtn}
        </Button>
        <Button className={busy === 'export' ? 'btn btn--plain btn--busy' : 'btn btn--plain'} onClick={() => void doExport()}>
          {busy === 'export' ? t.downloading : t.exportBtn}
        </Button>
      </View>

      <View className='talents__statements'>
        <FilterSelect id='statements-year' label={zh.statements.year} options={years} allowAll={false} value={String(statementYear)} onChange={(v) => setStatementYear(Number(v))} />
        <Button
          className={busy === 'statements' ? 'btn btn--plain talents__statements-btn btn--busy' : 'btn btn--plain talents__statements-btn'}
          onClick={() => void exportYearStatements()}
        >
          {busy === 'statements' ? t.downloading : zh.statements.exportZip}
        </Button>
      </View>
      <Text className='office__muted talents__statements-hint'>{zh.statements.exportHint}</Text>

      {state.kind === 'loading' ? <LoadingState /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
      {state.kind === 'ready' ? (
        <TalentList
          reference={state.data.reference}
          page={state.data.page}
          emptyText={filtered ? t.noMatch : t.talentsEmpty}
          onPage={setPageNo}
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
            {[r.districtName ?? r.district, label(reference.categories, r.category), r.titleName ?? label(reference.titleLevels, r.titleLevel), label(reference.tiers, r.tier)].join(' · ')}
          </Text>
        </View>
      ))}
      <Pager page={page.page} total={page.total} pageSize={page.pageSize} onPage={onPage} />
    </View>
  )
}
