import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock, __setRouterParams } from './mocks/taro'
import MyCreditsPage from '../src/pages/credits/mine/index'
import VerifyStatementPage from '../src/pages/certificates/verify-statement/index'
import TalentPage from '../src/pages/office/talent/index'
import TalentsPage from '../src/pages/office/talents/index'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import type { CreditSummary, StatementVerification, TalentDetail } from '../src/api'
import { verifyPathRewrite } from '../src/routes'
import { shanghaiYear } from '../src/utils/time'
import { fail, myEnrollment, ok, record, reference, routes } from './fixtures'

const request = Taro.request as unknown as jest.Mock
const downloadFile = Taro.downloadFile as unknown as jest.Mock
const THIS_YEAR = shanghaiYear()
const CODE = 'K7Q2M9X4TB3H8N5R'

const fetchMock = jest.fn()
/** h5 saves a download by clicking a hidden <a download>: recorded here (jsdom cannot navigate). */
let saved: jest.SpyInstance
const savedAs = () => (saved.mock.contexts as HTMLAnchorElement[]).map((a) => a.download)

/** A fetch answer (downloads go through fetch on h5). */
const answer = (status: number, body: unknown) => ({
  ok: status >= 200 && status < 300,
  status,
  text: async () => JSON.stringify(body),
  blob: async () => new Blob(['%PDF-1.7']),
})

beforeEach(() => {
  __resetTaroMock()
  resetReferenceCache()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
  fetchMock.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:pdf'), revokeObjectURL: jest.fn() })
  saved = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
})

afterEach(() => {
  saved.mockRestore()
  process.env.TARO_ENV = 'h5'
})

function summary(year: number): CreditSummary {
  return {
    year,
    requiredHours: 90,
    earnedHours: 32,
    professionalHours: 32,
    publicHours: 0,
    minProfessionalHours: 60,
    missingHours: 58,
    missingProfessionalHours: 28,
    compliant: false,
    records: [],
  }
}

describe('我的学时: 下载学时证明', () => {
  const credits = () => routes({ [`GET /api/me/credits?year=${THIS_YEAR}`]: ok(summary(THIS_YEAR)), [`GET /api/me/credits?year=${THIS_YEAR - 1}`]: ok(summary(THIS_YEAR - 1)) })

  it('h5: fetches the year shown with the token and saves it as a PDF', async () => {
    request.mockImplementation(credits())
    fetchMock.mockResolvedValue(answer(200, null))
    render(<MyCreditsPage />)
    await screen.findByText('下载学时证明')
    await act(async () => {
      fireEvent.click(screen.getByText('下载学时证明'))
    })
    expect(fetchMock).toHaveBeenCalledWith(`/api/me/ce-statements/${THIS_YEAR}`, { headers: { Authorization: 'Bearer tok' } })
    expect(savedAs()).toEqual([`继续教育学时证明-${THIS_YEAR}.pdf`])
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '学时证明已下载' }))

    // another year picked: that year's statement
    fireEvent.click(screen.getByText(`${THIS_YEAR - 1} 年`))
    await screen.findByText('下载学时证明')
    await act(async () => {
      fireEvent.click(screen.getByText('下载学时证明'))
    })
    expect(fetchMock).toHaveBeenLastCalledWith(`/api/me/ce-statements/${THIS_YEAR - 1}`, { headers: { Authorization: 'Bearer tok' } })
  })

  it("shows the server's message when there is no statement to give", async () => {
    request.mockImplementation(credits())
    fetchMock.mockResolvedValue(answer(403, { error: { code: 'PROFILE_REQUIRED', message: '请先填写人才档案' } }))
    render(<MyCreditsPage />)
    await screen.findByText('下载学时证明')
    await act(async () => {
      fireEvent.click(screen.getByText('下载学时证明'))
    })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先填写人才档案' }))
    expect(savedAs()).toEqual([])
  })

  it('weapp: downloadFile with the token, then openDocument', async () => {
    process.env.TARO_ENV = 'weapp'
    request.mockImplementation(credits())
    downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/statement.pdf' })
    render(<MyCreditsPage />)
    await screen.findByText('下载学时证明')
    await act(async () => {
      fireEvent.click(screen.getByText('下载学时证明'))
    })
    expect(downloadFile).toHaveBeenCalledWith({ url: `/api/me/ce-statements/${THIS_YEAR}`, header: { Authorization: 'Bearer tok' } })
    expect(Taro.openDocument).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/statement.pdf', fileType: 'pdf', showMenu: true })
    expect(fetchMock).not.toHaveBeenCalled()
  })
})

describe('学时证明验证 (public)', () => {
  const statement = (overrides: Partial<StatementVerification> = {}): StatementVerification => ({
    valid: true,
    code: CODE,
    holderName: '张*三',
    year: 2025,
    totalHours: 96,
    professionalHours: 64,
    requiredHours: 90,
    minProfessionalHours: 60,
    compliant: true,
    superseded: false,
    issuedAt: '2026-01-05T17:00:00.000Z',
    ...overrides,
  })
  const value = (label: string) => screen.getByText(label, { selector: '.info-row__label' }).closest('.info-row')!.querySelector('.info-row__value')!.textContent

  it('shows the masked name, year, totals, the rule, 达标 and the issue date, without signing in', async () => {
    Taro.removeStorageSync(TOKEN_KEY)
    __setRouterParams({ code: CODE.toLowerCase() })
    request.mockImplementation(routes({ [`GET /api/ce-statements/${CODE}`]: ok(statement()) }))
    render(<VerifyStatementPage />)
    expect(screen.getByText('加载中…')).toBeTruthy()
    expect(await screen.findByText('学时证明有效')).toBeTruthy()
    expect(value('姓名')).toBe('张*三')
    expect(value('年度')).toBe('2025 年度')
    expect(value('总学时')).toBe('96 学时')
    expect(value('专业科目')).toBe('64 学时')
    expect(value('年度要求')).toBe('90 学时（专业科目不少于 60 学时）')
    expect(value('达标情况')).toBe('达标')
    // 17:00 UTC is past midnight in Shanghai
    expect(value('出具日期')).toBe('2026年1月6日')
    expect(screen.queryByText(/已出具新的学时证明/)).toBeNull()
    expect(request.mock.calls[0][0].header.Authorization).toBeUndefined()
    expect(Taro.reLaunch).not.toHaveBeenCalled()
  })

  it('says when a later statement replaced it, and shows 未达标 as issued', async () => {
    __setRouterParams({ code: CODE })
    request.mockImplementation(routes({ [`GET /api/ce-statements/${CODE}`]: ok(statement({ superseded: true, compliant: false, totalHours: 40 })) }))
    render(<VerifyStatementPage />)
    expect(await screen.findByText(/该年度此后已出具新的学时证明/)).toBeTruthy()
    expect(value('达标情况')).toBe('未达标')
    expect(value('总学时')).toBe('40 学时')
  })

  it('says 未找到该学时证明 on 404', async () => {
    __setRouterParams({ code: 'ZZZZZZZZZZZZZZZZ' })
    request.mockImplementation(routes({ 'GET /api/ce-statements/ZZZZZZZZZZZZZZZZ': fail(404, 'NOT_FOUND', '未找到该学时证明，请核对验证编号') }))
    render(<VerifyStatementPage />)
    expect(await screen.findByText('未找到该学时证明')).toBeTruthy()
    expect(screen.getByText('ZZZZZZZZZZZZZZZZ')).toBeTruthy()
    expect(screen.queryByText('学时证明有效')).toBeNull()
  })

  it('has an error state with 重试, and says so when there is no code', async () => {
    __setRouterParams({ code: CODE })
    let reply: unknown = fail(500, 'INTERNAL', '')
    request.mockImplementation(routes({ [`GET /api/ce-statements/${CODE}`]: () => reply }))
    const { unmount } = render(<VerifyStatementPage />)
    expect(await screen.findByText('服务器出错了')).toBeTruthy()
    reply = ok(statement({ requiredHours: null, minProfessionalHours: null }))
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('张*三')).toBeTruthy()
    expect(value('年度要求')).toBe('该年度未设置学时要求')
    unmount()
    __setRouterParams({})
    request.mockClear()
    render(<VerifyStatementPage />)
    expect(screen.getByText('没有指定验证编号')).toBeTruthy()
    expect(request).not.toHaveBeenCalled()
  })

  it('maps /verify-statement/<code> (the QR on the statement) to this page, and /verify/<code> still to the certificate page', () => {
    expect(verifyPathRewrite(`/verify-statement/${CODE}`)).toBe(`/pages/certificates/verify-statement/index?code=${CODE}`)
    expect(verifyPathRewrite(`/verify-statement/${CODE.toLowerCase()}/`)).toBe(`/pages/certificates/verify-statement/index?code=${CODE}`)
    expect(verifyPathRewrite(`/verify/${CODE}`)).toBe(`/pages/certificates/verify/index?code=${CODE}`)
    expect(verifyPathRewrite('/verify-statement/')).toBeNull()
    expect(verifyPathRewrite('/verify-statements/ABC')).toBeNull()
    expect(verifyPathRewrite('/verify-statement/a/b')).toBeNull()
  })
})

describe('office: statements', () => {
  function detail(): TalentDetail {
    return {
      ...record(),
      birthDate: '1990-01-01',
      districtName: '渝中区',
      source: 'self',
      claimed: true,
      phoneMasked: '138****1234',
      credits: { ...summary(THIS_YEAR) },
      enrollments: [myEnrollment()],
    } as TalentDetail
  }

  it('one record: 下载学时证明 of the year picked, this year by default', async () => {
    __setRouterParams({ id: '42' })
    request.mockImplementation(routes({ 'GET /api/reference': ok(reference), 'GET /api/talents/42': ok(detail()) }))
    fetchMock.mockResolvedValue(answer(200, null))
    render(<TalentPage />)
    await screen.findByText('下载学时证明')
    expect((screen.getByLabelText('年度') as HTMLSelectElement).value).toBe(String(THIS_YEAR))
    await act(async () => {
      fireEvent.click(screen.getByText('下载学时证明'))
    })
    expect(fetchMock).toHaveBeenLastCalledWith(`/api/talents/42/ce-statements/${THIS_YEAR}`, { headers: { Authorization: 'Bearer tok' } })
    fireEvent.change(screen.getByLabelText('年度'), { target: { value: String(THIS_YEAR - 2) } })
    await act(async () => {
      fireEvent.click(screen.getByText('下载学时证明'))
    })
    expect(fetchMock).toHaveBeenLastCalledWith(`/api/talents/42/ce-statements/${THIS_YEAR - 2}`, { headers: { Authorization: 'Bearer tok' } })
    expect(savedAs()).toEqual([`继续教育学时证明-张三-${THIS_YEAR}.pdf`, `继续教育学时证明-张三-${THIS_YEAR - 2}.pdf`])
  })

  const list = () => ok({ items: [], total: 0, page: 1, pageSize: 20 })

  it('the list: a ZIP of the year with the filters the export takes (not the record status)', async () => {
    request.mockImplementation(async (opts: { url: string }) => {
      if (opts.url === '/api/reference') return ok(reference)
      if (opts.url.startsWith('/api/talents?')) return list()
      throw new Error(`unexpected ${opts.url}`)
    })
    fetchMock.mockResolvedValue(answer(200, null))
    render(<TalentsPage />)
    fireEvent.change(await screen.findByLabelText('区县'), { target: { value: '500103' } })
    // each change loads the list again (the filters show once it is there)
    fireEvent.change(await screen.findByLabelText('状态'), { target: { value: 'pending' } })
    await screen.findByLabelText('状态')
    fireEvent.change(screen.getByPlaceholderText('姓名、单位或完整身份证号'), { target: { value: ' 代理 ' } })
    fireEvent.click(screen.getByText('搜索'))
    fireEvent.change(screen.getByLabelText('年度'), { target: { value: String(THIS_YEAR - 1) } })
    await screen.findByText('没有符合条件的记录')
    await act(async () => {
      fireEvent.click(screen.getByText('批量下载学时证明（ZIP）'))
    })
    const [url, init] = fetchMock.mock.calls.at(-1)!
    const query = new URL(url, 'http://x').searchParams
    expect(new URL(url, 'http://x').pathname).toBe('/api/ce-statements/export')
    expect(query.get('year')).toBe(String(THIS_YEAR - 1))
    expect(query.get('district')).toBe('500103')
    expect(query.get('q')).toBe('代理')
    expect(query.has('status')).toBe(false)
    expect(init).toEqual({ headers: { Authorization: 'Bearer tok' } })
    expect(savedAs()).toEqual([`继续教育学时证明-${THIS_YEAR - 1}.zip`])
  })

  it("the list: 409 EXPORT_TOO_LARGE shows the server's message", async () => {
    request.mockImplementation(async (opts: { url: string }) => (opts.url === '/api/reference' ? ok(reference) : list()))
    fetchMock.mockResolvedValue(answer(409, { error: { code: 'EXPORT_TOO_LARGE', message: '超过 5000 人，请按区县或其他条件分批下载' } }))
    render(<TalentsPage />)
    await screen.findByText('批量下载学时证明（ZIP）')
    await act(async () => {
      fireEvent.click(screen.getByText('批量下载学时证明（ZIP）'))
    })
    expect(fetchMock.mock.calls[0][0]).toBe(`/api/ce-statements/export?year=${THIS_YEAR}`)
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '超过 5000 人，请按区县或其他条件分批下载' }))
    expect(savedAs()).toEqual([])
    expect(within(document.body).queryByText('已下载')).toBeNull()
  })
})
