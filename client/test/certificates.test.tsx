import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock, __setRouterParams } from './mocks/taro'
import VerifyCertificatePage from '../src/pages/certificates/verify/index'
import MyCertificatesPage from '../src/pages/certificates/mine/index'
import { TOKEN_KEY } from '../src/api'
import type { Certificate } from '../src/api'
import { verifyPathRewrite } from '../src/routes'
import { fail, ok, routes } from './fixtures'

const request = Taro.request as unknown as jest.Mock
const CODE = 'K7Q2M9X4TB3H8N5R'

beforeEach(() => {
  __resetTaroMock()
})

describe('certificate verify page (public)', () => {
  it('shows 证书有效 with the masked name, without signing in', async () => {
    __setRouterParams({ code: CODE.toLowerCase() })
    request.mockImplementation(
      routes({
        [`GET /api/certificates/${CODE}`]: ok({
          valid: true,
          code: CODE,
          holderName: '张*三',
          courseTitle: '知识产权法律基础',
          classTitle: '2025 年第一期公需课',
          hours: 8,
          issuedAt: '2025-03-21T16:30:00.000Z',
        }),
      }),
    )
    render(<VerifyCertificatePage />)
    expect(screen.getByText('加载中…')).toBeTruthy()
    expect(await screen.findByText('证书有效')).toBeTruthy()
    expect(screen.getByText('张*三')).toBeTruthy()
    expect(screen.getByText('知识产权法律基础')).toBeTruthy()
    expect(screen.getByText('2025 年第一期公需课')).toBeTruthy()
    expect(screen.getByText('8 学时')).toBeTruthy()
    // 16:30 UTC is past midnight in Shanghai
    expect(screen.getByText('2025年3月22日')).toBeTruthy()
    expect(request.mock.calls[0][0].header.Authorization).toBeUndefined()
    expect(Taro.reLaunch).not.toHaveBeenCalled()
  })

  it('says 未找到该证书 on 404', async () => {
    __setRouterParams({ code: 'NOSUCHCODE' })
    request.mockImplementation(routes({ 'GET /api/certificates/NOSUCHCODE': fail(404, 'NOT_FOUND', '未找到该证书，请核对证书编号') }))
    render(<VerifyCertificatePage />)
    expect(await screen.findByText('未找到该证书')).toBeTruthy()
    expect(screen.queryByText('证书有效')).toBeNull()
  })

  it('has an error state with 重试', async () => {
    __setRouterParams({ code: CODE })
    let answer: unknown = fail(500, 'INTERNAL', '')
    request.mockImplementation(
      routes({
        [`GET /api/certificates/${CODE}`]: () => answer,
      }),
    )
    render(<VerifyCertificatePage />)
    expect(await screen.findByText('服务器出错了')).toBeTruthy()
    answer = ok({ valid: true, code: CODE, holderName: '李*', courseTitle: 'c', classTitle: 'k', hours: 8, issuedAt: '2025-03-21T02:00:00.000Z' })
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('李*')).toBeTruthy()
  })

  it('says so when there is no code', () => {
    render(<VerifyCertificatePage />)
    expect(screen.getByText('没有指定证书编号')).toBeTruthy()
    expect(request).not.toHaveBeenCalled()
  })

  it('maps /verify/<code> (the QR on the PDF) to the verify page', () => {
    expect(verifyPathRewrite(`/verify/${CODE}`)).toBe(`/pages/certificates/verify/index?code=${CODE}`)
    expect(verifyPathRewrite(`/verify/${CODE.toLowerCase()}/`)).toBe(`/pages/certificates/verify/index?code=${CODE}`)
    expect(verifyPathRewrite('/verify/')).toBeNull()
    expect(verifyPathRewrite('/pages/home/index')).toBeNull()
    expect(verifyPathRewrite('/verify/a/b')).toBeNull()
  })
})

describe('my certificates', () => {
  const cert: Certificate = {
    code: CODE,
    holderName: '张三',
    courseTitle: '知识产权法律基础',
    classTitle: '2025 年第一期公需课',
    hours: 8,
    category: 'public',
    revokedAt: null,
    issuedAt: '2025-03-22T02:00:00.000Z',
    verifyUrl: `https://example.org/verify/${CODE}`,
  }
  const fetchMock = jest.fn()
  const click = jest.fn()

  beforeEach(() => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    ;(globalThis as { fetch?: unknown }).fetch = fetchMock
    fetchMock.mockReset()
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:pdf'), revokeObjectURL: jest.fn() })
    jest.spyOn(window, 'open').mockReturnValue(null)
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(click)
  })
  afterEach(() => jest.restoreAllMocks())

  it('lists course, class, hours, date and code, and opens the verify page', async () => {
    request.mockImplementation(routes({ 'GET /api/me/certificates': ok({ items: [cert] }) }))
    render(<MyCertificatesPage />)
    const card = within((await screen.findByText('知识产权法律基础')).closest('.cert') as HTMLElement)
    expect(card.getByText('2025 年第一期公需课')).toBeTruthy()
    expect(card.getByText('8 学时')).toBeTruthy()
    expect(card.getByText('2025年3月22日')).toBeTruthy()
    expect(card.getByText(CODE)).toBeTruthy()
    fireEvent.click(card.getByText('查看验证页'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/certificates/verify/index?code=${CODE}` })
  })

  it('downloads the PDF with the Authorization header (h5: fetch → blob → object URL)', async () => {
    request.mockImplementation(routes({ 'GET /api/me/certificates': ok({ items: [cert] }) }))
    fetchMock.mockResolvedValue({ ok: true, status: 200, blob: async () => new Blob(['%PDF-1.7']) })
    render(<MyCertificatesPage />)
    await screen.findByText('下载证书')
    await act(async () => {
      fireEvent.click(screen.getByText('下载证书'))
    })
    expect(fetchMock).toHaveBeenCalledWith(`/api/certificates/${CODE}/pdf`, { headers: { Authorization: 'Bearer tok' } })
    expect(window.open).toHaveBeenCalledWith('blob:pdf', '_blank')
    // the tab was blocked: saved instead
    expect(click).toHaveBeenCalled()
  })

  it("shows the server's message when the download fails", async () => {
    request.mockImplementation(routes({ 'GET /api/me/certificates': ok({ items: [cert] }) }))
    fetchMock.mockResolvedValue({
      ok: false,
      status: 403,
      text: async () => JSON.stringify({ error: { code: 'FORBIDDEN', message: '只能下载本人的证书' } }),
    })
    render(<MyCertificatesPage />)
    await screen.findByText('下载证书')
    await act(async () => {
      fireEvent.click(screen.getByText('下载证书'))
    })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '只能下载本人的证书' }))
  })

  it('has an empty state', async () => {
    request.mockImplementation(routes({ 'GET /api/me/certificates': ok({ items: [] }) }))
    render(<MyCertificatesPage />)
    expect(await screen.findByText('还没有结业证书')).toBeTruthy()
  })

  it('has an error state with 重试', async () => {
    let answer: unknown = fail(500, 'INTERNAL', '')
    request.mockImplementation(routes({ 'GET /api/me/certificates': () => answer }))
    render(<MyCertificatesPage />)
    expect(await screen.findByText('服务器出错了')).toBeTruthy()
    answer = ok({ items: [cert] })
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('下载证书')).toBeTruthy()
  })
})
