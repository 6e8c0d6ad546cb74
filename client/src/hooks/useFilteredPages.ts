import { useState } from 'react'
import { useSignedInData } from './useSignedInData'

/**
 * A searched, filtered, paged list (人才库, 服务机构名录): the filters and the page number, and the data
 * loaded for them, again whenever either changes and quietly when the page is shown again. A new
 * search or filter starts at page 1.
 */
export function useFilteredPages<F extends { q?: string }, D>(load: (filters: F, pageNo: number) => Promise<D>) {
  const [filters, setFilters] = useState<F>({} as F)
  const [pageNo, setPageNo] = useState(1)
  const { state, reload } = useSignedInData(() => load(filters, pageNo), [filters, pageNo])

  const setFilter = (key: keyof F, value: string) => {
    setFilters((f) => ({ ...f, [key]: value.trim() || undefined }))
    setPageNo(1)
  }

  return {
    filters,
    setFilter,
    search: (query: string) => setFilter('q', query),
    /** Whether anything narrows the list (an empty list then says "no match", not "nothing yet"). */
    filtered: Object.values(filters).some((v) => v !== undefined && v !== ''),
    setPageNo,
    state,
    reload,
  }
}
