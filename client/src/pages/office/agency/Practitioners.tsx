import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { listAgencyPractitioners } from '../../../api'
import type { AgencyPractitioner, Reference } from '../../../api'
import { FilterSelect } from '../../../components/FilterSelect'
import { Pager } from '../../../components/Pager'
import { ErrorState, LoadingState } from '../../../components/states'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { goOfficeTalent } from '../../../utils/nav'
import { shanghaiYear } from '../../../utils/time'
import { optionLabel } from '../agencies/labels'

const PAGE_SIZE = 20

/**
 * The agency's verified practitioners and whether each meets the year's continuing-education rule
 * (the server's judgement). `version` changes when the agency does, and the list is asked for again.
 */
export function AgencyPractitioners({ id, reference, version }: { id: number; reference: Reference; version: string }) {
  const t = zh.agencies
  const thisYear = shanghaiYear()
  const [year, setYear] = useState(thisYear)
  const [pageNo, setPageNo] = useState(1)
  const { state, reload } = useSignedInData(() => listAgencyPractitioners(id, { year, page: pageNo, pageSize: PAGE_SIZE }), [id, year, pageNo, version])
  const years = [thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: String(y), label: t.yearOption(y) }))

  return (
    <View className='card agency__practitioners'>
      <Text className='card__title'>{t.practitionersTitle}</Text>
      <View className='agency__year'>
        <FilterSelect
          id='agency-practitioners-year'
          label={t.year}
          options={years}
          allowAll={false}
          value={String(year)}
          onChange={(v) => {
            setYear(Number(v))
            setPageNo(1)
          }}
        />
      </View>
      {state.kind === 'loading' ? <LoadingState /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
      {state.kind === 'ready' ? (
        state.data.items.length ? (
          <View>
            {state.data.items.map((p) => (
              <PractitionerRow key={p.practitionerId} practitioner={p} reference={reference} />
            ))}
            <Pager page={state.data.page} total={state.data.total} pageSize={state.data.pageSize} onPage={setPageNo} />
          </View>
        ) : (
          <Text className='office__muted'>{t.practitionersEmpty}</Text>
        )
      ) : null}
    </View>
  )
}

function PractitionerRow({ practitioner: p, reference }: { practitioner: AgencyPractitioner; reference: Reference }) {
  const t = zh.agencies
  return (
    <View className='agency__member' onClick={() => goOfficeTalent(p.practitionerId)}>
      <View className='agency__member-text'>
        <Text className='agency__member-name'>{p.name}</Text>
        <Text className='office__muted'>
          {[optionLabel(reference.categories, p.category), optionLabel(reference.titleLevels, p.titleLevel)].join(' · ')}
        </Text>
        <Text className='office__muted agency__member-hours'>{t.practitionerHours(p.year, p.earnedHours, p.professionalHours)}</Text>
      </View>
      <Text className={p.compliant ? 'tag tag--completed' : 'tag tag--pending'}>{p.compliant ? t.compliant : t.notCompliant}</Text>
    </View>
  )
}
