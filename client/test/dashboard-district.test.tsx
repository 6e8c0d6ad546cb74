import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock } from './mocks/taro'
import DashboardPage from '../src/pages/office/dashboard/index'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import type { DistrictLeague, DistrictLeagueRow, OverviewAgencies, StatsOverview } from '../src/api'
import { shanghaiYear } from '../src/utils/time'
import { ok, routes, statsOverview } from './fixtures'

const request = Taro.request as unknown as jest.Mock
const thisYear = shanghaiYear()

beforeEach(() => {
  __resetTaroMock()
  resetReferenceCache()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
})

const CITY = { district: null, districtName: null, year: thisYear, asOf: null }
const YUBEI = { district: '500112', districtName: '渝北区', year: thisYear, asOf: null }

/** The city's figures of this year, with two educations and series to show. */
function overview(overrides: Partial<StatsOverview> = {}): StatsOverview {
  return statsOverview({
    byDistrict: [
      { code: '500101', name: '万州区', count: 12 },
      { code: '500112', name: '渝北区', count: 640 },
    ],
    byEducation: [
      { value: 'bachelor', label: '本科', count: 1200 },
      { value: 'master', label: '硕士', count: 640 },
    ],
    byTitleSeries: [
      { value: 'ip', label: '知识产权', count: 300 },
      { value: 'engineering', label: '工程', count: 410 },
    ],
    ipSeriesTitles: [
      { value: 'junior', label: '助理知识产权师', count: 90 },
      { value: 'intermediate', label: '知识产权师', count: 120 },
    ],
    scope: CITY,
    growth: [{ month: '2025-02', newVerified: 90, cumulative: 2345 }],
    training: { year: thisYear, classes: 14, enrollments: 800, completions: 600, hoursAwarded: 19200 },
    compliance: { year: thisYear, requiredHours: 90, minProfessionalHours: 60, compliant: 1200, total: 2345, rate: 0.5117 },
    ...overrides,
  })
}

function league(): DistrictLeague {
  const rows: DistrictLeagueRow[] = [
    { code: '500101', name: '万州区', verified: 120, growth12Months: 60, compliant: 100, complianceRate: 0.8333, agencies: 4 },
    { code: '500103', name: '渝中区', verified: 640, growth12Months: 30, compliant: 320, complianceRate: 0.5, agencies: 31 },
    { code: '500112', name: '渝北区', verified: 410, growth12Months: 90, compliant: 200, complianceRate: 0.4878, agencies: 12 },
  ]
  return { year: thisYear, items: rows }
}

const agencies: OverviewAgencies = {
  target: { count: 200 },
  verified: 57,
  byServiceType: [
    { value: 'agency', label: '代理', count: 40 },
    { value: 'legal', label: '法律', count: 9 },
  ],
  byDistrict: [
    { code: '500103', name: '渝中区', count: 31 },
    { code: '500112', name: '渝北区', count: 12 },
  ],
  revenue: { year: thisYear - 1, totalYuan: 123456789, targetYuan: 500000000 },
}

/** The district names of the league, top to bottom. */
function leagueOrder(): string[] {
  return Array.from(document.querySelectorAll('.dash__league-row:not(.dash__league-head) .dash__league-name')).map((n) => n.textContent ?? '')
}

/** The text of a dashboard card, found by its title. */
function cardOf(title: string): HTMLElement {
  return screen.getByText(title, { selector: '.card__title' }).closest('.card') as HTMLElement
}

describe('dashboard: district staff (区县)', () => {
  it('shows the district’s figures under its name, with no league and no rule setting', async () => {
    request.mockImplementation(routes({ 'GET /api/stats/overview': ok(overview({ scope: YUBEI })) }))
    render(<DashboardPage />)
    expect(await screen.findByText(`渝北区 · ${thisYear} 年`)).toBeTruthy()
    expect(screen.getByText('当前数据')).toBeTruthy()
    // the league is the city office's: not asked for, not shown
    expect(request.mock.calls.map(([o]) => o.url)).toEqual(['/api/stats/overview'])
    expect(screen.queryByText('区县排行')).toBeNull()
    // the annual rule is set by the city office only
    expect(screen.queryByText('修改年度学时要求')).toBeNull()
    expect(screen.getByText('查看未达标人员')).toBeTruthy()
  })

  it('shows 学历, the IP degree count, 职称系列 and the 知识产权师 series', async () => {
    request.mockImplementation(routes({ 'GET /api/stats/overview': ok(overview({ scope: YUBEI })) }))
    render(<DashboardPage />)
    await screen.findByText(`渝北区 · ${thisYear} 年`)
    const education = within(cardOf('学历'))
    expect(education.getByText('本科')).toBeTruthy()
    expect(education.getByText('1200 人')).toBeTruthy()
    expect(education.getByText('最高学历为知识产权专业 80 人')).toBeTruthy()
    const series = within(cardOf('职称系列'))
    expect(series.getByText('工程')).toBeTruthy()
    expect(series.getByText('410 人')).toBeTruthy()
    const ip = within(cardOf('知识产权师系列'))
    expect(ip.getByText('助理知识产权师')).toBeTruthy()
    expect(ip.getByText('120 人')).toBeTruthy()
    expect(within(cardOf('职称等级')).getByText('700 人')).toBeTruthy()
  })
})

describe('dashboard: the city', () => {
  it('heads the figures 全市 and ranks the districts, by 已认证 first, then by the column clicked', async () => {
    request.mockImplementation(routes({ 'GET /api/stats/overview': ok(overview()), 'GET /api/stats/districts': ok(league()) }))
    render(<DashboardPage />)
    expect(await screen.findByText(`全市 · ${thisYear} 年`)).toBeTruthy()
    expect(screen.getByText('修改年度学时要求')).toBeTruthy()
    expect(await screen.findByText('区县排行')).toBeTruthy()
    expect(leagueOrder()).toEqual(['渝中区', '渝北区', '万州区'])
    const rows = document.querySelectorAll('.dash__league-row:not(.dash__league-head)')
    expect(Array.from(rows[0].querySelectorAll('.dash__league-num')).map((n) => n.textContent)).toEqual(['640', '30', '50%', '31'])

    fireEvent.click(screen.getByLabelText('近 12 个月新增'))
    expect(leagueOrder()).toEqual(['渝北区', '万州区', '渝中区'])
    fireEvent.click(screen.getByLabelText('达标率'))
    expect(leagueOrder()).toEqual(['万州区', '渝中区', '渝北区'])
    fireEvent.click(screen.getByLabelText('已认证'))
    expect(leagueOrder()).toEqual(['渝中区', '渝北区', '万州区'])
  })

  it('sorts the league by its 服务机构 column too', async () => {
    request.mockImplementation(routes({ 'GET /api/stats/overview': ok(overview()), 'GET /api/stats/districts': ok(league()) }))
    render(<DashboardPage />)
    await screen.findByText('区县排行')
    const head = within(document.querySelector('.dash__league-head') as HTMLElement)
    expect(head.getByLabelText('服务机构')).toBeTruthy()
    fireEvent.click(head.getByLabelText('近 12 个月新增'))
    fireEvent.click(head.getByLabelText('服务机构'))
    expect(leagueOrder()).toEqual(['渝中区', '渝北区', '万州区'])
    const first = document.querySelectorAll('.dash__league-row:not(.dash__league-head)')[0]
    expect(first.querySelectorAll('.dash__league-num')[3].textContent).toBe('31')
  })

  it('keeps the rest of the dashboard when the league cannot be had', async () => {
    request.mockImplementation(
      routes({
        'GET /api/stats/overview': ok(overview()),
        'GET /api/stats/districts': { statusCode: 503, data: { error: { code: 'UNAVAILABLE', message: '' } }, header: {}, errMsg: 'request:ok' },
      }),
    )
    render(<DashboardPage />)
    expect(await screen.findByText('2345')).toBeTruthy()
    expect(screen.getByText('区县排行加载失败：服务暂不可用，请稍后再试')).toBeTruthy()
  })

  it('reloads a past year from the year picker and says the figures are as at its end', async () => {
    const asked: string[] = []
    request.mockImplementation(async (opts: { url: string }) => {
      asked.push(opts.url)
      if (opts.url === '/api/stats/districts') return ok(league())
      if (opts.url === '/api/stats/overview') return ok(overview())
      if (opts.url === '/api/stats/overview?year=2024') {
        return ok(overview({ scope: { ...CITY, year: 2024, asOf: '2024-12-31T15:59:59.999Z' }, practitioners: { verified: 1500, pending: 0, rejected: 0, inactive: 0, total: 1500 } }))
      }
      throw new Error(`unexpected request ${opts.url}`)
    })
    render(<DashboardPage />)
    await screen.findByText(`全市 · ${thisYear} 年`)
    const picker = screen.getByLabelText('年度') as HTMLSelectElement
    // this year and every year back to 2020
    const years = Array.from(picker.options).map((o) => o.value)
    expect(years[0]).toBe(String(thisYear))
    expect(years[years.length - 1]).toBe('2020')
    expect(years.length).toBe(thisYear - 2020 + 1)

    await act(async () => {
      fireEvent.change(picker, { target: { value: '2024' } })
    })
    expect(await screen.findByText('全市 · 2024 年')).toBeTruthy()
    expect(screen.getByText('截至 2024 年末')).toBeTruthy()
    expect(screen.getByText('1500')).toBeTruthy()
    expect(asked).toContain('/api/stats/overview?year=2024')
    expect((screen.getByLabelText('年度') as HTMLSelectElement).value).toBe('2024')
  })
})

describe('dashboard: 服务机构', () => {
  it('shows the agencies toward 200 and the revenue toward 5 亿元, by service type and district', async () => {
    request.mockImplementation(routes({ 'GET /api/stats/overview': ok(overview({ agencies })), 'GET /api/stats/districts': ok(league()) }))
    render(<DashboardPage />)
    const card = within(await screen.findByText('服务机构', { selector: '.card__title' }).then((t) => t.closest('.card') as HTMLElement))
    expect(card.getByText('57')).toBeTruthy()
    expect(card.getByText('/ 目标 200 家')).toBeTruthy()
    expect(card.getByText('完成 28.5%')).toBeTruthy()
    expect(card.getByText(`${thisYear - 1} 年服务机构营业收入`)).toBeTruthy()
    expect(card.getByText('1.23 亿元')).toBeTruthy()
    expect(card.getByText('/ 目标 5 亿元')).toBeTruthy()
    expect(card.getByText('完成 24.7%')).toBeTruthy()
    const types = within(cardOf('服务类型'))
    expect(types.getByText('代理')).toBeTruthy()
    expect(types.getByText('40 家')).toBeTruthy()
    const districts = Array.from(cardOf('各区县服务机构').querySelectorAll('.dash__item-label')).map((n) => n.textContent)
    expect(districts).toEqual(['渝中区', '渝北区'])
  })

  it('writes smaller revenue in 万元', async () => {
    request.mockImplementation(
      routes({
        'GET /api/stats/overview': ok(overview({ scope: YUBEI, agencies: { ...agencies, byDistrict: [{ code: '500112', name: '渝北区', count: 12 }], revenue: { year: 2025, totalYuan: 25000000, targetYuan: 500000000 } } })),
      }),
    )
    render(<DashboardPage />)
    expect(await screen.findByText('2,500 万元')).toBeTruthy()
    // one district's own figures: no list by district
    expect(screen.queryByText('各区县服务机构')).toBeNull()
  })
})
