import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { downloadAnnualReport, getStatsOverview } from '../../../api'
import type { CountBy, StatsOverview } from '../../../api'
import { StatTile } from '../../../components/StatTile'
import { ErrorState, LoadingState } from '../../../components/states'
import { useOneAction } from '../../../hooks/useOneAction'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { downloadAndPresent } from '../../../utils/files'
import { goOfficeCompliance, goOfficeCreditRule } from '../../../utils/nav'
import { percent } from '../format'
import '../office.css'
import './index.css'

const TOP_DISTRICTS = 10

export default function DashboardPage() {
  const t = zh.office
  // refreshed quietly when shown again: records may have been verified in the talent database
  const { state, reload } = useSignedInData(getStatsOverview, [])
  const [allDistricts, setAllDistricts] = useState(false)
  const { busy, run } = useOneAction<'report'>()

  const report = (year: number) =>
    run('report', async () => {
      await downloadAndPresent(() => downloadAnnualReport(year), { fileName: t.reportFileName(year), fileType: 'xlsx', done: t.downloaded })
    })

  if (state.kind === 'loading') return <LoadingState />
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />

  const d = state.data
  const p = d.practitioners
  const growth = d.growth.slice(-12)
  const maxGrowth = Math.max(1, ...growth.map((g) => g.newVerified))
  const districts = [...d.byDistrict].sort((a, b) => b.count - a.count)
  const shownDistricts = allDistricts ? districts : districts.slice(0, TOP_DISTRICTS)
  const maxDistrict = Math.max(1, ...districts.map((x) => x.count))
  const barWidth = Math.min(100, Math.max(0, d.progress * 100))

  return (
    <View className='page office dash'>
      <View className='card dash__hero'>
        <View className='dash__big'>
          <Text className='dash__big-label'>{t.verifiedLabel}</Text>
          <Text className='dash__big-num'>{p.verified}</Text>
          <Text className='dash__big-target'>/ {t.target(d.target.count)}</Text>
        </View>
        <View className='dash__bar' aria-hidden>
          <View className='dash__bar-fill' style={{ width: `${barWidth}%` }} />
        </View>
        <Text className='dash__pct'>{t.progress(percent(d.progress))}</Text>
        <View className='dash__counts'>
          <StatTile value={p.pending} label={t.pending} valueClassName='dash__count-num--pending' />
          <StatTile value={p.inactive} label={t.inactive} />
          <StatTile value={p.rejected} label={t.rejected} />
        </View>
        <Text className='dash__projection'>{projectionText(d)}</Text>
      </View>

      <View className='card'>
        <Text className='card__title'>{t.growthTitle}</Text>
        {growth.length ? (
          <View className='dash__chart'>
            {growth.map((g) => (
              <View key={g.month} className='dash__col'>
                <Text className='dash__col-num'>{g.newVerified}</Text>
                <View className='dash__col-track'>
                  <View className='dash__col-bar' style={{ height: `${(g.newVerified / maxGrowth) * 100}%` }} />
                </View>
                <Text className='dash__col-label'>{t.monthLabel(Number(g.month.slice(5, 7)))}</Text>
              </View>
            ))}
          </View>
        ) : (
          <Text className='office__muted'>{t.noData}</Text>
        )}
      </View>

      <View className='card'>
        <Text className='card__title'>{t.byDistrict}</Text>
        {shownDistricts.length ? (
          shownDistricts.map((x) => (
            <View key={x.code} className='dash__hbar'>
              <Text className='dash__hbar-name'>{x.name}</Text>
              <View className='dash__hbar-track'>
                <View className='dash__hbar-fill' style={{ width: `${(x.count / maxDistrict) * 100}%` }} />
              </View>
              <Text className='dash__hbar-num'>{x.count}</Text>
            </View>
          ))
        ) : (
          <Text className='office__muted'>{t.noData}</Text>
        )}
        {districts.length > TOP_DISTRICTS ? (
          <Button className='btn btn--link' onClick={() => setAllDistricts((v) => !v)}>
            {allDistricts ? t.showLess : t.showAll}
          </Button>
        ) : null}
      </View>

      <CountList title={t.byCategory} items={d.byCategory} />
      <CountList title={t.byTitleLevel} items={d.byTitleLevel} />
      <CountList title={t.byTier} items={d.byTier} />

      <View className='card'>
        <Text className='card__title'>{t.trainingTitle(d.training.year)}</Text>
        <View className='dash__facts'>
          <StatTile value={d.training.classes} label={t.classes} />
          <StatTile value={d.training.enrollments} label={t.enrollments} />
          <StatTile value={d.training.completions} label={t.completions} />
          <StatTile value={d.training.hoursAwarded} label={t.hoursAwarded} />
        </View>
      </View>

      <View className='card'>
        <Text className='card__title'>{t.complianceTitle(d.compliance.year)}</Text>
        <Text className='dash__rate'>{t.complianceRate(percent(d.compliance.rate))}</Text>
        <Text className='dash__line'>{t.complianceCount(d.compliance.compliant, d.compliance.total)}</Text>
        <Text className='office__muted'>{t.complianceRule(d.compliance.requiredHours, d.compliance.minProfessionalHours)}</Text>
        <Button className='btn btn--link' onClick={goOfficeCompliance}>
          {t.seeShortfall}
        </Button>
        <Button className='btn btn--link' onClick={goOfficeCreditRule}>
          {t.editRule}
        </Button>
      </View>

      <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void report(d.compliance.year)}>
        {busy ? t.downloading : t.downloadReport}
      </Button>
    </View>
  )
}

/** The server's projection in words: a month, reached already, or none. */
function projectionText(d: StatsOverview): string {
  const t = zh.office
  const date = d.projection.projectedReachDate
  if (d.practitioners.verified >= d.target.count) return t.projectionReached
  if (!date) return d.projection.monthlyRate > 0 ? t.projectionTooFar : t.projectionNone
  return t.projection(Number(date.slice(0, 4)), Number(date.slice(5, 7)))
}

function CountList({ title, items }: { title: string; items: CountBy[] }) {
  return (
    <View className='card'>
      <Text className='card__title'>{title}</Text>
      {items.length ? (
        items.map((i) => (
          <View key={i.value} className='dash__item'>
            <Text className='dash__item-label'>{i.label}</Text>
            <Text className='dash__item-count'>{zh.office.people(i.count)}</Text>
          </View>
        ))
      ) : (
        <Text className='office__muted'>{zh.office.noData}</Text>
      )}
    </View>
  )
}
