import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { getComplianceShortfall, getReference } from '../../../api'
import { FilterSelect } from '../../../components/FilterSelect'
import { InfoRow } from '../../../components/InfoRow'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { shanghaiYear } from '../../../utils/time'
import '../office.css'
import './index.css'

const TOP_DISTRICTS = 10

/** The talent office: verified people short of this year's continuing-education rule, by district. */
export default function CompliancePage() {
  const t = zh.office
  const thisYear = shanghaiYear()
  const [year, setYear] = useState(thisYear)
  const [district, setDistrict] = useState('')
  const [page, setPage] = useState(1)
  const { state, reload } = useSignedInData(async () => {
    const [reference, shortfall] = await Promise.all([getReference(), getComplianceShortfall({ year, district: district || undefined, page })])
    return { reference, shortfall }
  }, [year, district, page])

  const years = [thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: String(y), label: t.yearOption(y) }))

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const { reference, shortfall: s } = state.data
  const pages = Math.max(1, Math.ceil(s.total / s.pageSize))
  const districts = [...s.byDistrict].filter((d) => d.short > 0).sort((a, b) => b.short - a.short).slice(0, TOP_DISTRICTS)

  return (
    <View className='page office compliance'>
      <View className='compliance__filters'>
        <FilterSelect
          id='compliance-year'
          label={t.year}
          options={years}
          allowAll={false}
          value={String(year)}
          onChange={(v) => {
            setYear(Number(v))
            setPage(1)
          }}
        />
        <FilterSelect
          id='compliance-district'
          label={t.district}
          options={reference.districts.map((d) => ({ value: d.code, label: d.name }))}
          value={district}
          onChange={(v) => {
            setDistrict(v)
            setPage(1)
          }}
        />
      </View>

      <View className='card'>
        <Text className='card__title'>{t.complianceTitle(s.year)}</Text>
        <Text className='compliance__total'>{t.shortTotal(s.total)}</Text>
        <Text className='office__muted'>{t.complianceRule(s.requiredHours, s.minProfessionalHours)}</Text>
        {!district && districts.length ? (
          <View className='compliance__districts'>
            <Text className='compliance__sub'>{t.shortByDistrict}</Text>
            {districts.map((d) => (
              <InfoRow key={d.code} className='office__row' label={d.name} value={t.shortOfVerified(d.short, d.verified)} />
            ))}
          </View>
        ) : null}
      </View>

      {s.items.length === 0 ? <EmptyState text={t.shortEmpty} /> : null}
      {s.items.map((p) => (
        <View key={p.practitionerId} className='card compliance__item'>
          <View className='compliance__head'>
            <Text className='compliance__name'>{p.name}</Text>
            <Text className='tag tag--pending'>{t.missing(p.missingHours)}</Text>
          </View>
          <Text className='office__muted'>
            {p.orgName} · {p.districtName}
          </Text>
          <Text className='compliance__line'>{t.earnedOf(p.earnedHours, s.requiredHours)}</Text>
          {p.missingProfessionalHours > 0 ? <Text className='compliance__line'>{t.missingProfessional(p.missingProfessionalHours)}</Text> : null}
        </View>
      ))}

      {pages > 1 ? (
        <View className='compliance__pager'>
          <Button className={page <= 1 ? 'btn btn--plain btn--off' : 'btn btn--plain'} onClick={() => page > 1 && setPage(page - 1)}>
            {t.prev}
          </Button>
          <Text className='office__muted'>{t.pageOf(page, pages)}</Text>
          <Button className={page >= pages ? 'btn btn--plain btn--off' : 'btn btn--plain'} onClick={() => page < pages && setPage(page + 1)}>
            {t.next}
          </Button>
        </View>
      ) : null}
    </View>
  )
}
