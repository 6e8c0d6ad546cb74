import { useState } from 'react'
import type { ReactNode } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { downloadAnnualReport, getDistrictLeague, getStatsOverview } from '../../../api'
import type { CountBy, DistrictLeague, DistrictLeagueRow, OverviewAgencies, StatsOverview } from '../../../api'
import { FilterSelect } from '../../../components/FilterSelect'
import { StatTile } from '../../../components/StatTile'
import { ErrorState, LoadingState } from '../../../components/states'
import { useOneAction } from '../../../hooks/useOneAction'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { downloadAndPresent } from '../../../utils/files'
import { goOfficeCompliance, goOfficeCreditRule } from '../../../utils/nav'
import { shanghaiYear } from '../../../utils/time'
import { percent, yuanText } from '../format'
import '../office.css'
import './index.css'

const TOP_DISTRICTS = 10
/** The first year the year picker offers. */
const FIRST_YEAR = 2020

/** The league, or why it could not be had (the rest of the dashboard still shows). */
type League = { ok: true; league: DistrictLeague } | { ok: false; message: string }

export default function DashboardPage() {
  const t = zh.office
  const thisYear = shanghaiYear()
  const [year, setYear] = useState(thisYear)
  // refreshed quietly when shown again: records may have been verified in the talent database
  const { state, reload } = useSignedInData(async () => {
    // this year: the figures as they are now; a past year: as they stood at its end
    const overview = await getStatsOverview(year === thisYear ? undefined : year)
    // 区县排行 is the city's: figures scoped to one district (district staff) have none
    let league: League | null = null
    if (!overview.scope?.district) {
      league = await getDistrictLeague().then(
        (l): League => ({ ok: true, league: l }),
        (e): League | null => {
          const message = failureMessage(e)
          return message === null ? null : { ok: false, message }
        },
      )
    }
    return { overview, league }
  }, [year, thisYear])
  const [allDistricts, setAllDistricts] = useState(false)
  const { busy, run } = useOneAction<'report'>()

  const report = (year: number) =>
    run('report', async () => {
      await downloadAndPresent(() => downloadAnnualReport(year), { fileName: t.reportFileName(year), fileType: 'xlsx', done: t.downloaded })
    })

  const years = Array.from({ length: Math.max(1, thisYear - FIRST_YEAR + 1) }, (_, i) => thisYear - i).map((y) => ({ value: String(y), label: t.yearOption(y) }))
  const yearPicker = (
    <View className='dash__year'>
      <FilterSelect id='dash-year' label={t.year} options={years} allowAll={false} value={String(year)} onChange={(v) => setYear(Number(v))} />
    </View>
  )

  if (state.kind === 'loading') return <View className='page office dash'>{yearPicker}<LoadingState /></View>
  if (state.kind === 'error') return <View className='page office dash'>{yearPicker}<ErrorState message={state.message} onRetry={() => void reload()} /></View>

  const { overview: d, league } = state.data
  const scope = d.scope
  const isCity = !scope?.district
  const where = isCity ? t.scopeCity : scope.districtName ?? scope.district ?? ''
  const p = d.practitioners
  const growth = d.growth.slice(-12)
  const maxGrowth = Math.max(1, ...growth.map((g) => g.newVerified))
  const districts = [...d.byDistrict].sort((a, b) => b.count - a.count)
  const shownDistricts = allDistricts ? districts : districts.slice(0, TOP_DISTRICTS)
  const maxDistrict = Math.max(1, ...districts.map((x) => x.count))
  const barWidth = Math.min(100, Math.max(0, d.progress * 100))

  return (
    <View className='page office dash'>
      <View className='dash__scope'>
        <View className='dash__scope-text'>
          <Text className='dash__scope-title'>{t.scopeHeading(where, scope?.year ?? year)}</Text>
          <Text className='office__muted dash__asof'>{scope?.asOf ? t.asOfYearEnd(scope.year) : t.asOfNow}</Text>
        </View>
        {yearPicker}
      </View>

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

      {isCity && league ? <LeagueCard league={league} /> : null}

      <CountList title={t.byCategory} items={d.byCategory} />
      <CountList title={t.byEducation} items={d.byEducation}>
        <Text className='dash__note'>{t.ipDegreeCount(d.ipDegree)}</Text>
      </CountList>
      <CountList title={t.byTitleSeries} items={d.byTitleSeries} />
      <CountList title={t.byTitleLevel} items={d.byTitleLevel} />
      <CountList title={t.ipSeriesTitles} items={d.ipSeriesTitles} />
      <CountList title={t.byTier} items={d.byTier} />

      <AgenciesCard agencies={d.agencies} />

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
        {/* the annual rule is the city office's to set */}
        {isCity ? (
          <Button className='btn btn--link' onClick={goOfficeCreditRule}>
            {t.editRule}
          </Button>
        ) : null}
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

function CountList({
  title,
  items,
  unit = zh.office.people,
  children,
}: {
  title: string
  items: Pick<CountBy, 'value' | 'label' | 'count'>[]
  unit?: (n: number) => string
  children?: ReactNode
}) {
  return (
    <View className='card'>
      <Text className='card__title'>{title}</Text>
      {items.length ? (
        items.map((i) => (
          <View key={i.value} className='dash__item'>
            <Text className='dash__item-label'>{i.label}</Text>
            <Text className='dash__item-count'>{unit(i.count)}</Text>
          </View>
        ))
      ) : (
        <Text className='office__muted'>{zh.office.noData}</Text>
      )}
      {children}
    </View>
  )
}

type SortKey = 'verified' | 'growth12Months' | 'complianceRate' | 'agencies'

/** 区县排行: every district with its figures, sorted by the column picked (已认证 first). */
function LeagueCard({ league }: { league: League }) {
  const t = zh.office
  const [sortBy, setSortBy] = useState<SortKey>('verified')
  if (!league.ok) {
    return (
      <View className='card'>
        <Text className='card__title'>{t.leagueTitle}</Text>
        <Text className='office__muted'>
          {t.leagueFailed}：{league.message}
        </Text>
      </View>
    )
  }
  const items = league.league.items
  const columns: { key: SortKey; label: string; value: (r: DistrictLeagueRow) => string }[] = [
    { key: 'verified', label: t.leagueVerified, value: (r) => String(r.verified) },
    { key: 'growth12Months', label: t.leagueGrowth, value: (r) => String(r.growth12Months) },
    { key: 'complianceRate', label: t.leagueCompliance, value: (r) => `${percent(r.complianceRate)}%` },
    { key: 'agencies', label: t.leagueAgencies, value: (r) => String(r.agencies) },
  ]
  const rows = [...items].sort((a, b) => b[sortBy] - a[sortBy] || b.verified - a.verified || a.code.localeCompare(b.code))
  return (
    <View className='card dash__league'>
      <Text className='card__title'>{t.leagueTitle}</Text>
      <Text className='office__muted'>
        {t.leagueHint} · {t.leagueYear(league.league.year)}
      </Text>
      <View className='dash__league-row dash__league-head'>
        <Text className='dash__league-rank'>#</Text>
        <Text className='dash__league-name'>{t.leagueDistrict}</Text>
        {columns.map((c) => (
          <Text
            key={c.key}
            className={c.key === sortBy ? 'dash__league-num dash__league-sort dash__league-sort--on' : 'dash__league-num dash__league-sort'}
            aria-label={c.label}
            onClick={() => setSortBy(c.key)}
          >
            {c.key === sortBy ? `${c.label} ↓` : c.label}
          </Text>
        ))}
      </View>
      {rows.length ? (
        rows.map((r, i) => (
          <View key={r.code} className='dash__league-row'>
            <Text className='dash__league-rank'>{i + 1}</Text>
            <Text className='dash__league-name'>{r.name}</Text>
            {columns.map((c) => (
              <Text key={c.key} className='dash__league-num'>
                {c.value(r)}
              </Text>
            ))}
          </View>
        ))
      ) : (
        <Text className='office__muted'>{t.noData}</Text>
      )}
    </View>
  )
}

/** 服务机构: verified agencies toward their target and the year's revenue toward its target. */
function AgenciesCard({ agencies: a }: { agencies: OverviewAgencies }) {
  const t = zh.office
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0)
  const countShare = share(a.verified, a.target.count)
  const revenueShare = share(a.revenue.totalYuan, a.revenue.targetYuan)
  const width = (fraction: number) => `${Math.min(100, Math.max(0, fraction * 100))}%`
  const districts = [...a.byDistrict].sort((x, y) => y.count - x.count)
  return (
    <>
      <View className='card dash__agencies'>
        <Text className='card__title'>{t.agenciesTitle}</Text>
        <View className='dash__big'>
          <Text className='dash__big-label'>{t.agenciesVerified}</Text>
          <Text className='dash__agency-num'>{a.verified}</Text>
          <Text className='dash__big-target'>/ {t.agenciesTarget(a.target.count)}</Text>
        </View>
        <View className='dash__bar' aria-hidden>
          <View className='dash__bar-fill' style={{ width: width(countShare) }} />
        </View>
        <Text className='dash__pct'>{t.progress(percent(countShare))}</Text>

        <Text className='dash__sub'>{t.revenueTitle(a.revenue.year)}</Text>
        <View className='dash__big'>
          <Text className='dash__agency-num'>{yuanText(a.revenue.totalYuan)}</Text>
          <Text className='dash__big-target'>/ {t.revenueTarget(yuanText(a.revenue.targetYuan))}</Text>
        </View>
        <View className='dash__bar' aria-hidden>
          <View className='dash__bar-fill' style={{ width: width(revenueShare) }} />
        </View>
        <Text className='dash__pct'>{t.progress(percent(revenueShare))}</Text>
      </View>
      <CountList title={t.byServiceType} items={a.byServiceType} unit={t.agenciesCount} />
      {/* one district's own figures need no list by district */}
      {districts.length > 1 ? (
        <CountList title={t.agenciesByDistrict} items={districts.map((x) => ({ value: x.code, label: x.name, count: x.count }))} unit={t.agenciesCount} />
      ) : null}
    </>
  )
}
