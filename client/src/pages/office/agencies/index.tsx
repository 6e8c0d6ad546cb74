import { Button, Text, View } from '@tarojs/components'
import { exportAgencies, getReference, listAgencies } from '../../../api'
import type { Agency, AgencyFilters, AgencyPage, Reference } from '../../../api'
import { Pager } from '../../../components/Pager'
import { SearchFilters, type FilterChoice } from '../../../components/SearchFilters'
import { StatusBadge } from '../../../components/StatusBadge'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useOneAction } from '../../../hooks/useOneAction'
import { useFilteredPages } from '../../../hooks/useFilteredPages'
import { zh } from '../../../text/zh'
import { downloadAndPresent } from '../../../utils/files'
import { goOfficeAgency, goOfficeAgencyEdit, goOfficeAgencyImport } from '../../../utils/nav'
import { districtOptions, serviceTypeNames } from './labels'
import '../office.css'
import './index.css'

const PAGE_SIZE = 20

type FilterKey = Exclude<keyof AgencyFilters, 'q'>

/** The list's filters, in the order they are shown. */
function filterChoices(r: Reference): FilterChoice<FilterKey>[] {
  const t = zh.agencies
  return [
    { key: 'status', label: t.status, options: r.recordStatuses },
    { key: 'district', label: t.district, options: districtOptions(r) },
    { key: 'serviceType', label: t.serviceType, options: r.serviceTypes },
  ]
}

/** 服务机构名录: search, filters, a page of agencies; new, import and export. */
export default function AgenciesPage() {
  const t = zh.agencies
  // refreshed quietly when shown again: back from an agency verified, edited or deactivated there
  const { filters, setFilter, search, filtered, setPageNo, state, reload } = useFilteredPages(async (f: AgencyFilters, pageNo: number) => {
    const [reference, page] = await Promise.all([getReference(), listAgencies(f, pageNo, PAGE_SIZE)])
    return { reference, page }
  })
  const { busy, run } = useOneAction<'export'>()

  const doExport = () =>
    run('export', async () => {
      await downloadAndPresent(() => exportAgencies(filters, 'xlsx'), { fileName: t.exportFileName, fileType: 'xlsx', done: t.downloaded })
    })

  return (
    <View className='page office agencies'>
      <SearchFilters
        placeholder={t.searchPlaceholder}
        searchLabel={t.search}
        onSearch={search}
        choices={state.kind === 'ready' ? filterChoices(state.data.reference) : null}
        values={filters}
        onFilter={setFilter}
      />

      <View className='office__toolbar'>
        <Button className='btn btn--primary' onClick={() => goOfficeAgencyEdit()}>
          {t.create}
        </Button>
        <Button className='btn btn--plain' onClick={goOfficeAgencyImport}>
          {t.importBtn}
        </Button>
        <Button className={busy ? 'btn btn--plain btn--busy' : 'btn btn--plain'} onClick={() => void doExport()}>
          {busy ? t.downloading : t.exportBtn}
        </Button>
      </View>

      {state.kind === 'loading' ? <LoadingState /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
      {state.kind === 'ready' ? (
        <AgencyList reference={state.data.reference} page={state.data.page} emptyText={filtered ? t.noMatch : t.empty} onPage={setPageNo} />
      ) : null}
    </View>
  )
}

function AgencyList({ reference, page, emptyText, onPage }: { reference: Reference; page: AgencyPage; emptyText: string; onPage: (page: number) => void }) {
  if (!page.items.length) return <EmptyState text={emptyText} />
  return (
    <View>
      <Text className='office__muted agencies__total'>{zh.agencies.total(page.total)}</Text>
      {page.items.map((a) => (
        <AgencyItem key={a.id} agency={a} reference={reference} />
      ))}
      <Pager page={page.page} total={page.total} pageSize={page.pageSize} onPage={onPage} />
    </View>
  )
}

function AgencyItem({ agency: a, reference }: { agency: Agency; reference: Reference }) {
  return (
    <View className='card agencies__item' onClick={() => goOfficeAgency(a.id)}>
      <View className='agencies__head'>
        <Text className='agencies__name'>{a.name}</Text>
        <StatusBadge status={a.status} statuses={reference.recordStatuses} />
      </View>
      <Text className='agencies__code'>{a.creditCode}</Text>
      <Text className='office__muted'>{[a.districtName, serviceTypeNames(reference, a.serviceTypes), zh.agencies.practitionerCount(a.practitionerCount)].join(' · ')}</Text>
    </View>
  )
}
