import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock } from './mocks/taro'
import MyCreditsPage from '../src/pages/credits/mine/index'
import { TOKEN_KEY } from '../src/api'
import type { CreditSummary } from '../src/api'
import { shanghaiYear } from '../src/utils/time'
import { fail, ok, routes } from './fixtures'

const request = Taro.request as unknown as jest.Mock
const THIS_YEAR = shanghaiYear()

beforeEach(() => {
  __resetTaroMock()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
})

function summary(overrides: Partial<CreditSummary> = {}): CreditSummary {
  return {
    year: THIS_YEAR,
    requiredHours: 90,
    earnedHours: 44.5,
    professionalHours: 32,
    publicHours: 12.5,
    minProfessionalHours: 60,
    missingHours: 45.5,
    missingProfessionalHours: 28,
    compliant: false,
    records: [
      { hours: 32, category: 'professional', source: 'class', title: '专利申请文件撰写与审查意见答复实务', date: `${THIS_YEAR}-03-22`, certificateCode: 'K7Q2M9X4TB3H8N5R' },
      { hours: 8.5, category: 'public', source: 'external', title: '知识产权保护高峰论坛', date: `${THIS_YEAR}-02-10` },
      { hours: 4, category: 'public', source: 'adjustment', title: '学时更正', date: `${THIS_YEAR}-01-05`, note: '补录' },
    ],
    ...overrides,
  }
}

const url = (year: number) => `/api/me/credits?year=${year}`

describe('my hours', () => {
  it("shows the server's numbers and every record", async () => {
    request.mockImplementation(routes({ [`GET ${url(THIS_YEAR)}`]: ok(summary()) }))
    render(<MyCreditsPage />)
    expect(screen.getByText('加载中…')).toBeTruthy()
    expect(await screen.findByText('44.5')).toBeTruthy()
    expect(screen.getByText('/ 90 学时')).toBeTruthy()
    expect(screen.getByText('32 / 60 学时')).toBeTruthy()
    expect(screen.getByText('12.5 学时')).toBeTruthy()
    // the missing hours are the server's, not computed here
    expect(screen.getByText('还差 45.5 学时')).toBeTruthy()
    expect(screen.getByText('专业科目还差 28 学时')).toBeTruthy()
    const bar = document.querySelector('.hours-bar__fill') as HTMLElement
    expect(bar.style.width).toBe(`${(44.5 / 90) * 100}%`)

    const record = (title: string) => within(screen.getByText(title).closest('.credit-record') as HTMLElement)
    const first = record('专利申请文件撰写与审查意见答复实务')
    expect(first.getByText('32 学时')).toBeTruthy()
    expect(first.getByText('专业科目')).toBeTruthy()
    expect(first.getByText('培训')).toBeTruthy()
    expect(first.getByText('3月22日')).toBeTruthy()
    expect(first.getByText(/K7Q2M9X4TB3H8N5R/)).toBeTruthy()
    expect(record('知识产权保护高峰论坛').getByText('外部认定')).toBeTruthy()
    expect(record('知识产权保护高峰论坛').getByText('公需科目')).toBeTruthy()
    expect(record('学时更正').getByText('调整')).toBeTruthy()
  })

  it('says 已达标 when the server says compliant', async () => {
    request.mockImplementation(
      routes({ [`GET ${url(THIS_YEAR)}`]: ok(summary({ earnedHours: 96, compliant: true, missingHours: 0, missingProfessionalHours: 0 })) }),
    )
    render(<MyCreditsPage />)
    expect(await screen.findByText('已达标')).toBeTruthy()
    expect(screen.queryByText(/还差/)).toBeNull()
  })

  it('switches between this year and the four before it', async () => {
    request.mockImplementation(async (opts: { url: string }) => {
      const year = Number(/year=(\d+)/.exec(opts.url)![1])
      return ok(summary({ year, earnedHours: year - 2000, records: [] }))
    })
    render(<MyCreditsPage />)
    await screen.findByText(String(THIS_YEAR - 2000))
    expect(request.mock.calls[0][0].url).toBe(url(THIS_YEAR))
    for (let back = 0; back < 5; back++) expect(screen.getByText(`${THIS_YEAR - back} 年`)).toBeTruthy()
    expect(screen.queryByText(`${THIS_YEAR - 5} 年`)).toBeNull()

    await act(async () => {
      fireEvent.click(screen.getByText(`${THIS_YEAR - 2} 年`))
    })
    expect(request.mock.calls.at(-1)![0].url).toBe(url(THIS_YEAR - 2))
    expect(await screen.findByText(String(THIS_YEAR - 2 - 2000))).toBeTruthy()
    expect(screen.getByText('本年度还没有学时记录')).toBeTruthy()
  })

  it('links to 申报学时 and 我的申报', async () => {
    request.mockImplementation(routes({ [`GET ${url(THIS_YEAR)}`]: ok(summary()) }))
    render(<MyCreditsPage />)
    fireEvent.click(await screen.findByText('申报学时'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/credits/claim/index' })
    fireEvent.click(screen.getByText('我的申报'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/credits/claims/index' })
  })

  it('has an error state with 重试', async () => {
    let answer: unknown = fail(500, 'INTERNAL', '')
    request.mockImplementation(routes({ [`GET ${url(THIS_YEAR)}`]: () => answer }))
    render(<MyCreditsPage />)
    expect(await screen.findByText('服务器出错了')).toBeTruthy()
    answer = ok(summary())
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('44.5')).toBeTruthy()
  })

  it('points to the talent record form when there is none', async () => {
    request.mockImplementation(routes({ [`GET ${url(THIS_YEAR)}`]: fail(403, 'PROFILE_REQUIRED', '请先填写人才档案') }))
    render(<MyCreditsPage />)
    expect(await screen.findByText('请先填写人才档案')).toBeTruthy()
    fireEvent.click(screen.getByText('去填写人才档案'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/profile/edit/index' })
  })

  it('sends a visitor without a token to login', async () => {
    Taro.removeStorageSync(TOKEN_KEY)
    render(<MyCreditsPage />)
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/login/index' }))
    expect(request).not.toHaveBeenCalled()
  })
})
