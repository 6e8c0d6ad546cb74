import { useState } from 'react'
import { Button, Input, View } from '@tarojs/components'
import type { Option } from '../api'
import { FilterSelect } from './FilterSelect'
import './SearchFilters.css'

export interface FilterChoice<K extends string> {
  key: K
  label: string
  options: Option[]
}

/** A list's search box and its filters (each a FilterSelect, "all" when empty). */
export function SearchFilters<K extends string>({
  placeholder,
  searchLabel,
  onSearch,
  choices,
  values,
  onFilter,
}: {
  placeholder: string
  searchLabel: string
  onSearch: (query: string) => void
  /** null until the reference data is there: only the search box shows. */
  choices: FilterChoice<K>[] | null
  values: Partial<Record<K, string>>
  onFilter: (key: K, value: string) => void
}) {
  const [query, setQuery] = useState('')
  return (
    <View>
      <View className='search-filters__bar'>
        <Input
          className='office__input search-filters__query'
          value={query}
          placeholder={placeholder}
          confirmType='search'
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={() => onSearch(query)}
        />
        <Button className='btn btn--primary search-filters__btn' onClick={() => onSearch(query)}>
          {searchLabel}
        </Button>
      </View>
      {choices ? (
        <View className='search-filters__filters'>
          {choices.map((f) => (
            <FilterSelect key={f.key} id={`filter-${f.key}`} label={f.label} options={f.options} value={values[f.key] ?? ''} onChange={(v) => onFilter(f.key, v)} />
          ))}
        </View>
      ) : null}
    </View>
  )
}
